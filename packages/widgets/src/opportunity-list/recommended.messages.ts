/** Strings of `<vk-opportunity-list source="recommended">` (in its own chunk, recommended.ts). @module */
import { defineMessages, plural } from '../shared/i18n.js';

type PartOfDay = 'morning' | 'afternoon' | 'evening';

export const recommendedMessages = defineMessages(
  {
    why: 'Why recommended',
    skillMatch: (p: { skills: string }) => `Asks for skills you have used: ${p.skills}`,
    likedCategory: (p: { category: string }) => `You took part in ${p.category} before`,
    nearDistrict: 'Near you: in your district',
    nearCity: 'Near you: in your city',
    fitsTime: (p: { weekday: string; partOfDay: PartOfDay }) => `You often take part on ${p.weekday} ${{ morning: 'mornings', afternoon: 'afternoons', evening: 'evenings' }[p.partOfDay]}`,
    shortOfPeople: (p: { spotsLeft: number; startsInHours: number }) =>
      `Short of people: ${plural('en', p.spotsLeft, { one: '# spot', other: '# spots' })} open, starts in ${plural('en', p.startsInHours, { one: '# hour', other: '# hours' })}`,
    onlyFilters: 'You can join: it has a spot on a shift that fits your calendar',
    dismiss: 'Not interested',
    dismissing: 'Removing…',
    dismissed: (p: { title: string }) => `“${p.title}” will not be recommended again.`,
    dismissFailed: (p: { reason: string }) => `Could not remove it. ${p.reason}`,
    emptyTitle: 'No recommendations right now',
    emptyText: 'New activities are added often. Browse all activities or check back soon.',
    needSession: 'Sign in as a volunteer to see the activities recommended for you.',
  },
  {
    'zh-CN': {
      why: '为什么推荐',
      skillMatch: (p: { skills: string }) => `需要你用过的技能：${p.skills}`,
      likedCategory: (p: { category: string }) => `你参加过「${p.category}」类活动`,
      nearDistrict: '离你近：在你所在的区',
      nearCity: '离你近：在你所在的城市',
      fitsTime: (p: { weekday: string; partOfDay: PartOfDay }) => `时间合适：你常在${p.weekday}${{ morning: '上午', afternoon: '下午', evening: '晚上' }[p.partOfDay]}参加`,
      shortOfPeople: (p: { spotsLeft: number; startsInHours: number }) => `急需人手：还有 ${p.spotsLeft} 个名额，${p.startsInHours} 小时后开始`,
      onlyFilters: '你可以参加：有名额，时间不与你的其他报名冲突',
      dismiss: '不感兴趣',
      dismissing: '正在移除…',
      dismissed: (p: { title: string }) => `不会再向你推荐「${p.title}」。`,
      dismissFailed: (p: { reason: string }) => `未能移除。${p.reason}`,
      emptyTitle: '暂时没有推荐',
      emptyText: '新活动会陆续发布，可以先浏览全部活动，或稍后再来看看。',
      needSession: '以志愿者身份登录后，即可看到为你推荐的活动。',
    },
    'zh-TW': {
      why: '為什麼推薦',
      skillMatch: (p: { skills: string }) => `需要你用過的技能：${p.skills}`,
      likedCategory: (p: { category: string }) => `你參加過「${p.category}」類活動`,
      nearDistrict: '離你近：在你所在的區',
      nearCity: '離你近：在你所在的城市',
      fitsTime: (p: { weekday: string; partOfDay: PartOfDay }) => `時間合適：你常在${p.weekday}${{ morning: '上午', afternoon: '下午', evening: '晚上' }[p.partOfDay]}參加`,
      shortOfPeople: (p: { spotsLeft: number; startsInHours: number }) => `急需人手：還有 ${p.spotsLeft} 個名額，${p.startsInHours} 小時後開始`,
      onlyFilters: '你可以參加：有名額，時間不與你的其他報名衝突',
      dismiss: '不感興趣',
      dismissing: '正在移除…',
      dismissed: (p: { title: string }) => `不會再向你推薦「${p.title}」。`,
      dismissFailed: (p: { reason: string }) => `未能移除。${p.reason}`,
      emptyTitle: '暫時沒有推薦',
      emptyText: '新活動會陸續發布，可以先瀏覽全部活動，或稍後再來看看。',
      needSession: '以志願者身分登入後，即可看到為你推薦的活動。',
    },
  },
);

/** Names of the skills the seed and the guides use; any other code is shown as written. */
export const skillLabels = defineMessages(
  {
    elderly_care: 'elderly care', driving: 'driving', computer: 'computer skills', teaching: 'teaching', first_aid: 'first aid',
    medical: 'medical care', music: 'music', photography: 'photography', english: 'English',
  },
  {
    'zh-CN': { elderly_care: '照护老人', driving: '驾驶', computer: '电脑操作', teaching: '教学', first_aid: '急救', medical: '医护', music: '音乐', photography: '摄影', english: '英语' },
    'zh-TW': { elderly_care: '照護長者', driving: '駕駛', computer: '電腦操作', teaching: '教學', first_aid: '急救', medical: '醫護', music: '音樂', photography: '攝影', english: '英語' },
  },
);
