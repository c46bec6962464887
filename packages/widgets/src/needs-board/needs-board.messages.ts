/** Strings of `<vk-needs-board>`. @module */
import { defineMessages, plural } from '../shared/i18n.js';
import type { NeedStatus } from '@volunteerkit/sdk';
import type { ClaimRefusal, Waited } from './needs-board-model.js';

type Labels<K extends string> = Record<K, string>;

export const needsBoardMessages = defineMessages(
  {
    filters: 'Filter the wishes',
    service: 'Service',
    community: 'Community',
    all: 'All',
    listLabel: 'Residents\' wishes, longest waiting first',
    requester: (p: { name: string }) => `For ${p.name}`,
    onBehalf: 'filed by a community helper',
    waiting: (p: Waited) => `Waiting ${plural('en', p.count, { one: `# ${p.unit.slice(0, -1)}`, other: `# ${p.unit}` })}`,
    statuses: {
      submitted: 'Awaiting review', open: 'Waiting for a volunteer', rejected: 'Not accepted', claimed: 'Taken by a volunteer',
      fulfilled: 'Done, awaiting confirmation', confirmed: 'Confirmed', cancelled: 'Withdrawn', expired: 'Expired',
    } satisfies Labels<NeedStatus>,
    claim: 'I\'ll help',
    claimFor: (p: { title: string }) => `I'll help: ${p.title}`,
    claiming: 'Taking it…',
    claimed: 'You have taken this wish. Your list of claims shows the address and phone number.',
    refusals: {
      taken: 'Another volunteer has just taken this wish, or it was closed.',
      not_allowed: 'Your volunteer account cannot take this wish.',
      failed: 'It could not be taken just now. Please try again.',
    } satisfies Labels<ClaimRefusal>,
    signIn: 'Sign in as a volunteer to take a wish.',
    loadMore: 'Show more wishes',
    loadMoreFailed: 'More wishes could not be loaded.',
    count: (p: { count: number }) => plural('en', p.count, { one: '# wish shown', other: '# wishes shown' }),
    empty: 'No wishes are waiting right now. Thank you for looking!',
  },
  {
    'zh-CN': {
      filters: '筛选心愿',
      service: '服务',
      community: '社区',
      all: '全部',
      listLabel: '居民心愿，等待最久的在前',
      requester: (p: { name: string }) => `求助人：${p.name}`,
      onBehalf: '社区工作者代为登记',
      waiting: (p: Waited) => `已等待 ${p.count} ${{ minutes: '分钟', hours: '小时', days: '天' }[p.unit]}`,
      statuses: {
        submitted: '待审核', open: '等待志愿者', rejected: '未通过', claimed: '已有志愿者认领',
        fulfilled: '已完成，待确认', confirmed: '已确认', cancelled: '已撤回', expired: '已过期',
      },
      claim: '认领',
      claimFor: (p: { title: string }) => `认领：${p.title}`,
      claiming: '正在认领…',
      claimed: '认领成功。地址和电话请在“我的认领”中查看。',
      refusals: {
        taken: '这个心愿刚被其他志愿者认领，或已关闭。',
        not_allowed: '您的志愿者账号不能认领这个心愿。',
        failed: '暂时未能认领，请重试。',
      },
      signIn: '以志愿者身份登录后即可认领心愿。',
      loadMore: '查看更多心愿',
      loadMoreFailed: '更多心愿未能加载。',
      count: (p: { count: number }) => `已显示 ${p.count} 个心愿`,
      empty: '目前没有等待中的心愿，谢谢关注！',
    },
    'zh-TW': {
      filters: '篩選心願',
      service: '服務',
      community: '社區',
      all: '全部',
      listLabel: '居民心願，等待最久的在前',
      requester: (p: { name: string }) => `求助人：${p.name}`,
      onBehalf: '社區工作者代為登記',
      waiting: (p: Waited) => `已等待 ${p.count} ${{ minutes: '分鐘', hours: '小時', days: '天' }[p.unit]}`,
      statuses: {
        submitted: '待審核', open: '等待志願者', rejected: '未通過', claimed: '已有志願者認領',
        fulfilled: '已完成，待確認', confirmed: '已確認', cancelled: '已撤回', expired: '已過期',
      },
      claim: '認領',
      claimFor: (p: { title: string }) => `認領：${p.title}`,
      claiming: '正在認領…',
      claimed: '認領成功。地址和電話請在「我的認領」中查看。',
      refusals: {
        taken: '這個心願剛被其他志願者認領，或已關閉。',
        not_allowed: '您的志願者帳號不能認領這個心願。',
        failed: '暫時未能認領，請重試。',
      },
      signIn: '以志願者身分登入後即可認領心願。',
      loadMore: '查看更多心願',
      loadMoreFailed: '更多心願未能載入。',
      count: (p: { count: number }) => `已顯示 ${p.count} 個心願`,
      empty: '目前沒有等待中的心願，謝謝關注！',
    },
  },
);
