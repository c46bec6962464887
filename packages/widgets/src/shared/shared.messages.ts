/** Strings every widget uses: states, errors, retry. @module */
import { defineMessages } from './i18n.js';

export const sharedMessages = defineMessages(
  {
    loading: 'Loading…',
    retry: 'Try again',
    errorTitle: 'This could not be loaded.',
    errorOffline: 'You appear to be offline. Check the connection and try again.',
    errorRateLimited: 'Too many requests right now. Please try again in a moment.',
    errorServer: 'The volunteer platform had a problem. Please try again.',
    errorConfiguration: 'This widget is not set up yet: it needs a publishable key (publishable-key).',
    errorRefusedKey: 'This widget was given a key it cannot use in a browser. Use a publishable key (pk_…).',
    errorUnexpected: 'Something went wrong while showing this content.',
    errorNotAllowed: 'This website is not allowed to use this key. The site owner needs to add it to the channel.',
    loadingLabel: 'Loading content',
  },
  {
    'zh-CN': {
      loading: '正在加载…',
      retry: '重试',
      errorTitle: '内容加载失败。',
      errorOffline: '网络似乎已断开，请检查网络后重试。',
      errorRateLimited: '请求过于频繁，请稍后再试。',
      errorServer: '志愿服务平台暂时出现问题，请重试。',
      errorConfiguration: '此组件尚未配置：需要提供公开密钥（publishable-key）。',
      errorRefusedKey: '此组件收到了不能在浏览器中使用的密钥，请使用公开密钥（pk_…）。',
      errorUnexpected: '显示此内容时出错了。',
      errorNotAllowed: '此网站无权使用该密钥，需由网站管理员将其加入频道的允许来源。',
      loadingLabel: '正在加载内容',
    },
    'zh-TW': {
      loading: '正在載入…',
      retry: '重試',
      errorTitle: '內容載入失敗。',
      errorOffline: '網路似乎已中斷，請檢查網路後重試。',
      errorRateLimited: '請求過於頻繁，請稍後再試。',
      errorServer: '志願服務平台暫時出現問題，請重試。',
      errorConfiguration: '此元件尚未設定：需要提供公開金鑰（publishable-key）。',
      errorRefusedKey: '此元件收到了不能在瀏覽器中使用的金鑰，請使用公開金鑰（pk_…）。',
      errorUnexpected: '顯示此內容時出錯了。',
      errorNotAllowed: '此網站無權使用該金鑰，需由網站管理員將其加入頻道的允許來源。',
      loadingLabel: '正在載入內容',
    },
  },
);
