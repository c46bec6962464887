/**
 * The demo's needs board: a community service centre the news channel works with, and residents'
 * needs filed by its helper at different times, so the board has something waiting long and
 * something new, one awaiting moderation and one the demo volunteer can claim. The addresses and
 * phone numbers are made up and sealed like real ones.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { authorizeChannelFor } from '../db/hours-queries.js';
import * as q from '../db/queries.js';
import { createNeed, type NeedCaller } from '../services/needs.js';
import type { ActionContext } from '../services/audit.js';

export const SEED_COMMUNITY_ORG_ID = 'org_demoWenxinCommunity';

const HOUR = 3_600_000;

const NEEDS = [
  { hoursAgo: 70, serviceCode: 'haircut', title: '帮行动不便的奶奶上门理发', details: '奶奶腿脚不便，想在家里理个短发。', name: '王秀英', mobile: '13800002001', address: '文新街道古荡湾新村 3 幢 2 单元 301', preferredTimes: '工作日上午' },
  { hoursAgo: 52, serviceCode: 'tech_help', title: '教爷爷用手机视频通话', details: '孩子在外地工作，爷爷想学会视频聊天。', name: '李建国', mobile: '13800002002', address: '文新街道翠苑一区 18 幢 1 单元 502', preferredTimes: '周末下午' },
  { hoursAgo: 30, serviceCode: 'companionship', title: '陪独居老人下象棋聊聊天', details: '老人喜欢下象棋，平时一个人在家。', name: '张德明', mobile: '13800002003', address: '文新街道文鼎苑 6 幢 1203', preferredTimes: '每天下午 3 点后' },
  { hoursAgo: 20, serviceCode: 'errand', title: '帮忙代买一周的蔬菜和药品', details: '清单已写好，药店和菜场都在小区附近。', name: '陈桂兰', mobile: '13800002004', address: '文新街道益乐新村 22 幢 4 单元 201', preferredTimes: '周三上午' },
  { hoursAgo: 8, serviceCode: 'repair', title: '修一下家里的电风扇', details: '电风扇不转了，可能是开关坏了。', name: '刘福生', mobile: '13800002005', address: '文新街道学院路 17 号 2 幢 302', preferredTimes: '随时' },
  { hoursAgo: 2, serviceCode: 'escort', title: '陪同去社区医院复查', details: '需要有人陪同挂号、取药。', name: '赵玉珍', mobile: '13800002006', address: '文新街道竞舟路 9 号 1 幢 101', preferredTimes: '下周一上午 8 点' },
] as const;

/** Seeds the community organization and its needs: filed by its helper (open), the newest by a resident (awaiting moderation). */
export async function seedNeeds(tx: Queryable, channelId: string, now: Date): Promise<number> {
  await q.bulkInsert(tx, 'organizations', [{
    id: SEED_COMMUNITY_ORG_ID, name: '杭州市西湖区文新街道社区服务中心', kind: 'community', region_code: '330106', logo_url: null,
    description: '文新街道的社区服务中心，为辖区老人和困难家庭对接志愿服务（微心愿）。', verified: true,
    created_at: new Date(now.getTime() - 400 * 24 * HOUR).toISOString(), updated_at: now.toISOString(),
  }]);
  await authorizeChannelFor(tx, channelId, SEED_COMMUNITY_ORG_ID);
  const channel = (await q.getChannel(tx, channelId))!;
  // The secret the app reads the same way (app.ts): sealing here must match unsealing there.
  const sealSecret = process.env['VK_SEAL_SECRET'] || (await q.settingOrCreate(tx, 'seal_secret', randomBytes(32).toString('base64url')));
  const helper: Extract<NeedCaller, { kind: 'organizer' }> = { kind: 'organizer', organizationId: SEED_COMMUNITY_ORG_ID, staffId: 'demo-helper', staffName: '社工小李' };
  for (const [index, need] of NEEDS.entries()) {
    const at = new Date(now.getTime() - need.hoursAgo * HOUR);
    const ctx: ActionContext = { channel, actor: { kind: 'organizer', id: helper.staffId, name: helper.staffName, orgId: helper.organizationId }, requestId: null, now: at };
    const byHelper = index < NEEDS.length - 1;
    await createNeed(tx, ctx, byHelper ? helper : { kind: 'resident' }, {
      serviceCode: need.serviceCode, title: need.title, details: need.details, regionCode: '330106', preferredTimes: need.preferredTimes,
      organizationId: SEED_COMMUNITY_ORG_ID, resident: { name: need.name, mobile: need.mobile, address: need.address },
      consent: byHelper ? { method: 'in_person', evidenceRef: `纸质同意书 2026-${100 + index}`, obtainedAt: at.toISOString() } : { policyVersion: channel.privacy_policy_version, accepted: true },
    }, sealSecret);
  }
  return NEEDS.length;
}
