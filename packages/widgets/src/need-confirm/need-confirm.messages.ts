/** Strings of `<vk-need-confirm>`. @module */
import { defineMessages } from '../shared/i18n.js';
import type { ConfirmRefusal } from './need-confirm-model.js';

type Labels<K extends string> = Record<K, string>;

export const needConfirmMessages = defineMessages(
  {
    heading: 'Confirm the help you received',
    code: 'Confirmation code (6 digits)',
    codeHint: 'The volunteer shows these 6 digits on their phone.',
    codeProblems: { required: 'Enter the 6 digits the volunteer shows.', digits: 'The code is 6 digits, e.g. 482913.' },
    rating: 'How was it? (optional)',
    stars: (p: { count: number }) => `${p.count} of 5`,
    noRating: 'No rating',
    submit: 'Confirm',
    sending: 'Confirming…',
    helperConfirm: 'Confirm as community helper (without a code)',
    helperNote: 'You are signed in as a community helper: confirm once you know the help was given.',
    refusals: {
      wrong_code: 'That is not the volunteer\'s code. Please check the 6 digits.',
      closed: 'This wish cannot be confirmed with a code any more (already confirmed, or too many wrong codes: the community helper can confirm it).',
      not_found: 'This wish was not found.',
      not_allowed: 'You cannot confirm this wish.',
      failed: 'It could not be confirmed just now. Please try again.',
    } satisfies Labels<ConfirmRefusal>,
    done: 'Confirmed. Thank you! The volunteer\'s hours now count.',
    noNeed: 'This confirmation has no wish set (need-id).',
  },
  {
    'zh-CN': {
      heading: '确认已得到帮助',
      code: '确认码（6 位数字）',
      codeHint: '志愿者手机上显示的 6 位数字。',
      codeProblems: { required: '请输入志愿者出示的 6 位数字。', digits: '确认码是 6 位数字，例如 482913。' },
      rating: '服务怎么样？（可不填）',
      stars: (p: { count: number }) => `${p.count} 星`,
      noRating: '不评分',
      submit: '确认',
      sending: '正在确认…',
      helperConfirm: '以社区工作人员身份确认（无需确认码）',
      helperNote: '您已以社区工作人员身份登录：核实服务已完成后即可确认。',
      refusals: {
        wrong_code: '确认码不对，请核对这 6 位数字。',
        closed: '这个心愿已不能用确认码确认（已确认，或输错次数过多，请社区工作人员确认）。',
        not_found: '没有找到这个心愿。',
        not_allowed: '您不能确认这个心愿。',
        failed: '暂时未能确认，请重试。',
      },
      done: '已确认，谢谢！志愿者的服务时长已计入。',
      noNeed: '未指定要确认的心愿（need-id）。',
    },
    'zh-TW': {
      heading: '確認已得到幫助',
      code: '確認碼（6 位數字）',
      codeHint: '志願者手機上顯示的 6 位數字。',
      codeProblems: { required: '請輸入志願者出示的 6 位數字。', digits: '確認碼是 6 位數字，例如 482913。' },
      rating: '服務怎麼樣？（可不填）',
      stars: (p: { count: number }) => `${p.count} 星`,
      noRating: '不評分',
      submit: '確認',
      sending: '正在確認…',
      helperConfirm: '以社區工作人員身分確認（無需確認碼）',
      helperNote: '您已以社區工作人員身分登入：核實服務已完成後即可確認。',
      refusals: {
        wrong_code: '確認碼不對，請核對這 6 位數字。',
        closed: '這個心願已不能用確認碼確認（已確認，或輸錯次數過多，請社區工作人員確認）。',
        not_found: '沒有找到這個心願。',
        not_allowed: '您不能確認這個心願。',
        failed: '暫時未能確認，請重試。',
      },
      done: '已確認，謝謝！志願者的服務時數已計入。',
      noNeed: '未指定要確認的心願（need-id）。',
    },
  },
);
