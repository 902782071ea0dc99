/**
 * Not stored, but shown to people: the dimensions statistics are grouped by
 * and the periods they are counted in (GET /api/stats `groupBy`, `period`).
 */
import { codesOf, type Term } from './term.model.js';

/** The Chinese is the statistics export's wording. */
export const STATS_GROUP_TERMS = [
  { code: 'platform', zh: '平台', en: 'platform' },
  { code: 'ipType', zh: '知识产权类型', en: 'IP type' },
  { code: 'region', zh: '省份', en: 'province' },
  { code: 'city', zh: '城市', en: 'city' },
  { code: 'period', zh: '期间', en: 'period' },
] as const satisfies readonly Term[];
export const STATS_GROUPS = codesOf(STATS_GROUP_TERMS);

export const STATS_PERIOD_TERMS = [
  { code: 'day', zh: '日', en: 'day' },
  { code: 'week', zh: '周', en: 'week' },
  { code: 'month', zh: '月', en: 'month' },
  { code: 'year', zh: '年', en: 'year' },
] as const satisfies readonly Term[];
export const STATS_PERIODS = codesOf(STATS_PERIOD_TERMS);
