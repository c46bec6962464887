/** Strings of `<vk-checkin-code>`. @module */
import { defineMessages, formatNumber, plural } from '../shared/i18n.js';

export const checkinCodeMessages = defineMessages(
  {
    title: 'Check in here',
    instructions: 'Scan the QR code, or enter the 6 digits in your check-in page.',
    codeLabel: 'Check-in code',
    qrLabel: 'QR code for checking in to this shift',
    validUntil: (p: { time: string }) => `Valid until ${p.time}; a new code follows by itself.`,
    checkedIn: (p: { count: number }) => plural('en', p.count, { one: '# volunteer checked in', other: '# volunteers checked in' }),
    refreshFailed: 'Could not fetch a new code. Trying again shortly.',
    noSession: 'Sign in as an organizer to show the check-in code.',
    noShift: 'No shift is chosen for this screen.',
  },
  {
    'zh-CN': {
      title: '在此签到',
      instructions: '扫描二维码，或在签到页面输入 6 位数字。',
      codeLabel: '签到码',
      qrLabel: '本班次的签到二维码',
      validUntil: (p: { time: string }) => `有效至 ${p.time}，到时自动更新。`,
      checkedIn: (p: { count: number }) => `已签到 ${formatNumber('zh-CN', p.count)} 人`,
      refreshFailed: '暂时无法获取新的签到码，稍后自动重试。',
      noSession: '请以组织者身份登录后显示签到码。',
      noShift: '此屏幕尚未指定班次。',
    },
    'zh-TW': {
      title: '在此簽到',
      instructions: '掃描 QR 碼，或在簽到頁面輸入 6 位數字。',
      codeLabel: '簽到碼',
      qrLabel: '本班次的簽到 QR 碼',
      validUntil: (p: { time: string }) => `有效至 ${p.time}，到時自動更新。`,
      checkedIn: (p: { count: number }) => `已簽到 ${formatNumber('zh-TW', p.count)} 人`,
      refreshFailed: '暫時無法取得新的簽到碼，稍後自動重試。',
      noSession: '請以組織者身分登入後顯示簽到碼。',
      noShift: '此螢幕尚未指定班次。',
    },
  },
);
