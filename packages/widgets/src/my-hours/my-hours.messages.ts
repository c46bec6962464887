/**
 * Every string `<vk-my-hours>` shows, in zh-CN, zh-TW and en, including a sentence for each
 * explanation code of a service record (packages/sdk/src/schemas/service-record.ts, computed by
 * packages/server/src/domain/hours-policy.ts). Times arrive formatted ("09:02"), durations as
 * minutes. @module
 */
import { defineMessages, formatNumber } from '../shared/i18n.js';

const enDuration = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : '', m || !h ? `${m} min` : ''].filter(Boolean).join(' ');
};
const zhDuration = (minutes: number, hour: string, minute: string) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h ? `${h} ${hour}` : ''}${h && m ? ' ' : ''}${m || !h ? `${m} ${minute}` : ''}`;
};

type Clip = { at: string; counted: string };
type Present = { minutes: number; shiftMinutes: number; percent: number };

export const myHoursMessages = defineMessages(
  {
    loadingLabel: 'Loading your service hours',
    needSession: 'Sign in to see your service hours.',
    approved: 'Approved hours',
    pending: 'Awaiting approval',
    hours: (p: { hours: number }) => `${formatNumber('en', p.hours, { maximumFractionDigits: 2 })} h`,
    stars: (p: { level: number; since?: string | undefined }) => `${p.level}-star volunteer${p.since ? ` (since ${p.since})` : ''}.`,
    toNextStar: (p: { hours: number; next: number }) => `${formatNumber('en', p.hours, { maximumFractionDigits: 2 })} more approved hours to ${p.next} stars`,
    topStar: 'Highest star level reached',
    points: 'Points to spend',
    pointsValue: (p: { points: number }) => `${formatNumber('en', p.points)} points`,
    recordsLabel: 'Your service records',
    empty: 'No service hours yet. They appear here after you check out of a shift.',
    status: { pending: 'Awaiting approval', approved: 'Approved', rejected: 'Not approved', superseded: 'Replaced by a correction' } as Record<string, string>,
    dueBy: (p: { date: string }) => `To be approved by ${p.date}`,
    disputeOpen: 'Your dispute is being reviewed.',
    disputeDone: { accepted: 'Your dispute was accepted.', rejected: 'Your dispute was not accepted.' } as Record<string, string>,
    dispute: 'Dispute these hours',
    disputeLegend: 'What is wrong?',
    kinds: { wrong_hours: 'The hours are wrong', never_there: 'I was never there' } as Record<string, string>,
    claimedHours: 'The right number of hours',
    reason: 'What happened (for example, when you arrived and left)',
    send: 'Send dispute',
    cancel: 'Cancel',
    sending: 'Sending…',
    sent: 'Dispute sent. The organizer will review it.',
    error_reason: 'Say what happened, for example when you arrived and left.',
    error_hours: 'Enter the right number of hours, from 0 to 24.',
    error_conflict: 'These hours were already disputed.',
    error_too_late: 'The 30 days to dispute these hours have passed.',
    error_signed_out: 'Your sign-in has expired. Sign in again, then try again.',
    error_failed: 'The dispute was not sent. Please try again.',
    clipped_check_in: (p: Clip) => `You checked in at ${p.at}; time counts from ${p.counted}.`,
    clipped_check_out: (p: Clip) => `You checked out at ${p.at}; time counts until ${p.counted}.`,
    present: (p: Present) => `Present ${enDuration(p.minutes)} of the ${enDuration(p.shiftMinutes)} shift (${p.percent} %).`,
    full_shift: (p: { hours: number }) => `Present for the whole shift: ${formatNumber('en', p.hours)} h.`,
    below_minimum: (p: { percent: number; minimumPercent: number }) => `${p.percent} % is under the ${p.minimumPercent} % needed, so no hours.`,
    rounded_down: (p: { minutes: number; stepMinutes: number; hours: number }) =>
      `${enDuration(p.minutes)} rounded down to whole ${p.stepMinutes} minutes: ${formatNumber('en', p.hours)} h.`,
    recorded_manually: 'Recorded by the organizer.',
    dispute_corrected: (p: { previousHours: number; hours: number }) => `Corrected after your dispute: ${formatNumber('en', p.previousHours)} h → ${formatNumber('en', p.hours)} h.`,
    dispute_never_there: 'Corrected after your dispute (“I was never there”): no hours.',
  },
  {
    'zh-CN': {
      loadingLabel: '正在加载你的服务时长',
      needSession: '请先登录查看你的服务时长。',
      approved: '已审核时长',
      pending: '待审核',
      hours: (p: { hours: number }) => `${formatNumber('zh-CN', p.hours, { maximumFractionDigits: 2 })} 小时`,
      stars: (p: { level: number; since?: string | undefined }) => `${p.level} 星级志愿者${p.since ? `（${p.since} 达到）` : ''}。`,
      toNextStar: (p: { hours: number; next: number }) => `再获 ${formatNumber('zh-CN', p.hours, { maximumFractionDigits: 2 })} 小时审核时长可达 ${p.next} 星级`,
      topStar: '已达到最高星级',
      points: '可用积分',
      pointsValue: (p: { points: number }) => `${formatNumber('zh-CN', p.points)} 积分`,
      recordsLabel: '你的服务记录',
      empty: '还没有服务时长。签退后，记录会显示在这里。',
      status: { pending: '待审核', approved: '已审核', rejected: '未通过', superseded: '已被更正记录取代' },
      dueBy: (p: { date: string }) => `应于 ${p.date} 前审核`,
      disputeOpen: '你的申诉正在处理中。',
      disputeDone: { accepted: '你的申诉已被接受。', rejected: '你的申诉未被接受。' },
      dispute: '对时长有异议',
      disputeLegend: '哪里不对？',
      kinds: { wrong_hours: '时长不对', never_there: '我没有参加' },
      claimedHours: '正确的时长（小时）',
      reason: '具体情况（例如到达和离开的时间）',
      send: '提交申诉',
      cancel: '取消',
      sending: '正在提交…',
      sent: '申诉已提交，组织者会进行核实。',
      error_reason: '请说明具体情况，例如到达和离开的时间。',
      error_hours: '请输入正确的时长，0 到 24 小时。',
      error_conflict: '这条记录已经申诉过了。',
      error_too_late: '这条记录的 30 天申诉期已过。',
      error_signed_out: '登录已过期。请重新登录后再试。',
      error_failed: '申诉未能提交，请重试。',
      clipped_check_in: (p: Clip) => `你于 ${p.at} 签到，时长从 ${p.counted} 起算。`,
      clipped_check_out: (p: Clip) => `你于 ${p.at} 签退，时长计至 ${p.counted}。`,
      present: (p: Present) => `在岗 ${zhDuration(p.minutes, '小时', '分钟')}，班次共 ${zhDuration(p.shiftMinutes, '小时', '分钟')}（${p.percent}%）。`,
      full_shift: (p: { hours: number }) => `全程在岗：计 ${formatNumber('zh-CN', p.hours)} 小时。`,
      below_minimum: (p: { percent: number; minimumPercent: number }) => `在岗 ${p.percent}%，不足 ${p.minimumPercent}%，不计时长。`,
      rounded_down: (p: { minutes: number; stepMinutes: number; hours: number }) =>
        `${zhDuration(p.minutes, '小时', '分钟')}按 ${p.stepMinutes} 分钟向下取整：计 ${formatNumber('zh-CN', p.hours)} 小时。`,
      recorded_manually: '由组织者登记。',
      dispute_corrected: (p: { previousHours: number; hours: number }) => `根据你的申诉更正：${formatNumber('zh-CN', p.previousHours)} 小时 → ${formatNumber('zh-CN', p.hours)} 小时。`,
      dispute_never_there: '根据你的申诉（“我没有参加”）更正：不计时长。',
    },
    'zh-TW': {
      loadingLabel: '正在載入你的服務時數',
      needSession: '請先登入查看你的服務時數。',
      approved: '已審核時數',
      pending: '待審核',
      hours: (p: { hours: number }) => `${formatNumber('zh-TW', p.hours, { maximumFractionDigits: 2 })} 小時`,
      stars: (p: { level: number; since?: string | undefined }) => `${p.level} 星級志工${p.since ? `（${p.since} 達到）` : ''}。`,
      toNextStar: (p: { hours: number; next: number }) => `再獲 ${formatNumber('zh-TW', p.hours, { maximumFractionDigits: 2 })} 小時審核時數可達 ${p.next} 星級`,
      topStar: '已達到最高星級',
      points: '可用積分',
      pointsValue: (p: { points: number }) => `${formatNumber('zh-TW', p.points)} 積分`,
      recordsLabel: '你的服務紀錄',
      empty: '還沒有服務時數。簽退後，紀錄會顯示在這裡。',
      status: { pending: '待審核', approved: '已審核', rejected: '未通過', superseded: '已被更正紀錄取代' },
      dueBy: (p: { date: string }) => `應於 ${p.date} 前審核`,
      disputeOpen: '你的申訴正在處理中。',
      disputeDone: { accepted: '你的申訴已被接受。', rejected: '你的申訴未被接受。' },
      dispute: '對時數有異議',
      disputeLegend: '哪裡不對？',
      kinds: { wrong_hours: '時數不對', never_there: '我沒有參加' },
      claimedHours: '正確的時數（小時）',
      reason: '具體情況（例如到達和離開的時間）',
      send: '送出申訴',
      cancel: '取消',
      sending: '正在送出…',
      sent: '申訴已送出，組織者會進行核實。',
      error_reason: '請說明具體情況，例如到達和離開的時間。',
      error_hours: '請輸入正確的時數，0 到 24 小時。',
      error_conflict: '這筆紀錄已經申訴過了。',
      error_too_late: '這筆紀錄的 30 天申訴期已過。',
      error_signed_out: '登入已過期。請重新登入後再試。',
      error_failed: '申訴未能送出，請重試。',
      clipped_check_in: (p: Clip) => `你於 ${p.at} 簽到，時數從 ${p.counted} 起算。`,
      clipped_check_out: (p: Clip) => `你於 ${p.at} 簽退，時數計至 ${p.counted}。`,
      present: (p: Present) => `在崗 ${zhDuration(p.minutes, '小時', '分鐘')}，班次共 ${zhDuration(p.shiftMinutes, '小時', '分鐘')}（${p.percent}%）。`,
      full_shift: (p: { hours: number }) => `全程在崗：計 ${formatNumber('zh-TW', p.hours)} 小時。`,
      below_minimum: (p: { percent: number; minimumPercent: number }) => `在崗 ${p.percent}%，不足 ${p.minimumPercent}%，不計時數。`,
      rounded_down: (p: { minutes: number; stepMinutes: number; hours: number }) =>
        `${zhDuration(p.minutes, '小時', '分鐘')}按 ${p.stepMinutes} 分鐘無條件捨去：計 ${formatNumber('zh-TW', p.hours)} 小時。`,
      recorded_manually: '由組織者登記。',
      dispute_corrected: (p: { previousHours: number; hours: number }) => `依你的申訴更正：${formatNumber('zh-TW', p.previousHours)} 小時 → ${formatNumber('zh-TW', p.hours)} 小時。`,
      dispute_never_there: '依你的申訴（「我沒有參加」）更正：不計時數。',
    },
  },
);
