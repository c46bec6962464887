/** Strings of `<vk-impact-stats>`. @module */
import type { Period, StatsMetric } from '@volunteerkit/sdk';
import { defineMessages } from '../shared/i18n.js';

type Labels<K extends string> = Record<K, string>;

export const impactStatsMessages = defineMessages(
  {
    label: 'Impact',
    periods: { week: 'the last 7 days', month: 'the last 30 days', year: 'the last 12 months', all: 'all time' } satisfies Labels<Period>,
    metrics: {
      approvedHours: 'Service hours', activeVolunteers: 'Active volunteers', fillRate: 'Spots filled',
      needsFulfilled: 'Needs met', medianApprovalHours: 'Median time to approval',
    } satisfies Labels<StatsMetric>,
    hours: (p: { value: string }) => `${p.value} h`,
    caption: (p: { metric: string; period: string }) => `${p.metric} by month, ${p.period}`,
    month: 'Month',
    hidden: 'not shown: fewer than 5',
    note: '— not shown: a count under 5, or a figure that would reveal one.',
    showTable: 'Show the numbers',
    hideTable: 'Hide the numbers',
    emptyTitle: 'No activity yet',
    emptyBody: 'Approved service hours for this period will appear here.',
  },
  {
    'zh-CN': {
      label: '志愿服务成效',
      periods: { week: '近 7 天', month: '近 30 天', year: '近 12 个月', all: '累计' },
      metrics: { approvedHours: '服务时长', activeVolunteers: '活跃志愿者', fillRate: '岗位满员率', needsFulfilled: '已完成微心愿', medianApprovalHours: '时长审核用时（中位数）' },
      hours: (p: { value: string }) => `${p.value} 小时`,
      caption: (p: { metric: string; period: string }) => `${p.period}每月${p.metric}`,
      month: '月份',
      hidden: '不公开：少于 5',
      note: '—：少于 5 的数字，或可推算出它的数字，不公开。',
      showTable: '以表格显示',
      hideTable: '收起表格',
      emptyTitle: '暂无数据',
      emptyBody: '本时间范围内审核通过的服务时长将显示在这里。',
    },
    'zh-TW': {
      label: '志願服務成效',
      periods: { week: '近 7 天', month: '近 30 天', year: '近 12 個月', all: '累計' },
      metrics: { approvedHours: '服務時數', activeVolunteers: '活躍志願者', fillRate: '職缺滿額率', needsFulfilled: '已完成微心願', medianApprovalHours: '時數審核用時（中位數）' },
      hours: (p: { value: string }) => `${p.value} 小時`,
      caption: (p: { metric: string; period: string }) => `${p.period}每月${p.metric}`,
      month: '月份',
      hidden: '不公開：少於 5',
      note: '—：少於 5 的數字，或可推算出它的數字，不公開。',
      showTable: '以表格顯示',
      hideTable: '收起表格',
      emptyTitle: '暫無資料',
      emptyBody: '本時間範圍內審核通過的服務時數將顯示在這裡。',
    },
  },
);
