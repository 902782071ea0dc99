/**
 * The bureau's statistics (shared/FORMATS.md §5): the campaign figures and
 * the working figures behind them, grouped by platform, IP type, region
 * (province or city of the shop) and period (day, week, month, year; Asia/Shanghai).
 * Each figure counts distinct things, so a group total never double-counts.
 */
import type { AssetType } from '../domain/registry.schema.js';
import { kindLabel } from '../kinds/kind.registry.js';
import { STATS_GROUPS, type STATS_PERIODS } from '../domain/vocabulary.js';
import type { Db } from '../store/database.js';
import { platformNames, statCounts } from '../store/stats.repository.js';
import { createResultCache } from './result.cache.js';
import { UNKNOWN_REGION, resolveRegion } from './region.js';
import { parseDateBound } from './date.parser.js';

/** Every figure, in report order, with its label and unit. */
export const METRICS = [
  { key: 'listingsDeleted', label: '删除违法商品信息 listings deleted', unit: '条' },
  { key: 'shopsStopped', label: '责令停止平台服务网店 shops whose platform service was stopped', unit: '个次' },
  { key: 'sitesRectified', label: '责令整改网站 websites ordered to rectify', unit: '个次' },
  { key: 'sitesBlocked', label: '提请屏蔽或关闭网站 websites blocked or closed', unit: '个次' },
  { key: 'casesOpened', label: '立案查办 cases opened', unit: '件' },
  { key: 'flagged', label: '疑似侵权 listings flagged', unit: '条' },
  { key: 'confirmed', label: '确认侵权 listings confirmed', unit: '条' },
  { key: 'dismissed', label: '排除 listings dismissed', unit: '条' },
  { key: 'noticesSent', label: '发出通知 notices sent', unit: '份' },
  { key: 'noticesAnswered', label: '平台已答复 notices answered', unit: '份' },
  { key: 'refused', label: '平台拒绝 listings refused', unit: '条' },
  { key: 'noticesOverdue', label: '逾期未处理 notices overdue', unit: '份' },
  { key: 'counterNotices', label: '不侵权声明 counter-notices received', unit: '件' },
] as const;
export type MetricKey = (typeof METRICS)[number]['key'];

export const GROUP_BY = STATS_GROUPS;
export type GroupBy = (typeof GROUP_BY)[number];
export type Period = (typeof STATS_PERIODS)[number];

/** What to count. `from`/`to` bound the event time, [from, to). */
export interface StatsQuery {
  groupBy: GroupBy[];
  period: Period;
  from?: Date;
  to?: Date;
  platform?: string;
  ipType?: AssetType;
  /** Province (or city) prefix of the shop location, e.g. 浙江省. */
  region?: string;
}

export type Figures = Record<MetricKey, number>;

/** The statistics table. */
export interface StatsResult {
  query: { groupBy: GroupBy[]; period: Period; from: string | null; to: string | null; platform: string | null; ipType: string | null; region: string | null };
  metrics: typeof METRICS;
  rows: Array<{ group: Partial<Record<GroupBy, string>>; label: string; figures: Figures }>;
  totals: Figures;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The period an instant falls in, in Asia/Shanghai (no DST: UTC+8). */
export function periodOf(at: Date, period: Period): string {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  if (period === 'year') return String(y);
  if (period === 'month') return `${y}-${m}`;
  if (period === 'day') return `${y}-${m}-${day}`;
  // ISO week: the Thursday of this week decides the year.
  const t = new Date(Date.UTC(y, d.getUTCMonth(), d.getUTCDate()));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Parses a bound: `YYYY-MM-DD` is midnight in Asia/Shanghai (an `end` date is
 * inclusive: the next midnight); anything else must be an ISO date-time.
 * Strict (enforcement/date.parser.ts): no roll-over, years 2000-2100.
 */
export function parseBound(v: string, end: boolean): Date | undefined {
  return parseDateBound(v, end);
}

const zero = (): Figures => Object.fromEntries(METRICS.map((m) => [m.key, 0])) as Figures;

const cache = createResultCache<StatsResult>({ maxAgeMs: 30_000 });

/**
 * The statistics table. Counted in SQL (store/stats.repository.ts); a table
 * is reused while the review data is unchanged, and concurrent identical
 * requests share one computation, so twenty officers opening the statistics
 * page cost one query, not twenty.
 */
export async function statistics(db: Db, q: StatsQuery): Promise<StatsResult> {
  const key = JSON.stringify([q.groupBy, q.period, q.from?.getTime(), q.to?.getTime(), q.platform, q.ipType, q.region]);
  return cache.get(db, key, () => computeStatistics(db, q));
}

async function computeStatistics(db: Db, q: StatsQuery): Promise<StatsResult> {
  const counts = await statCounts(db, {
    groupBy: q.groupBy, period: q.period, from: q.from, to: q.to, platform: q.platform, assetType: q.ipType, region: q.region,
    resolve: resolveRegion, unknown: UNKNOWN_REGION,
  });
  const names = await platformNames(db);
  const groups = new Map<string, { group: Partial<Record<GroupBy, string>>; figures: Figures }>();
  const totals = zero();
  for (const c of counts) {
    if (!(c.metric in totals)) continue;
    if (c.total) { totals[c.metric as MetricKey] = c.n; continue; }
    const id = JSON.stringify(q.groupBy.map((g) => c.group[g]));
    let entry = groups.get(id);
    if (!entry) groups.set(id, (entry = { group: c.group, figures: zero() }));
    entry.figures[c.metric as MetricKey] = c.n;
  }
  // With no dimension the one group is the total.
  if (!q.groupBy.length && counts.length) groups.set('[]', { group: {}, figures: { ...totals } });
  const label = (group: Partial<Record<GroupBy, string>>) => q.groupBy.map((g) => {
    const v = group[g] ?? '';
    if (g === 'platform') return names.get(v) ? `${names.get(v)} (${v})` : v;
    if (g === 'ipType') return kindLabel(v);
    return v;
  }).join(' / ') || '合计 total';
  const rows = [...groups.values()]
    .map((e) => ({ group: e.group, label: label(e.group), figures: e.figures }))
    .sort((a, b) => q.groupBy.map((g) => (a.group[g] ?? '').localeCompare(b.group[g] ?? '')).find((x) => x !== 0) ?? 0);
  return {
    query: {
      groupBy: q.groupBy, period: q.period, from: q.from?.toISOString() ?? null, to: q.to?.toISOString() ?? null,
      platform: q.platform ?? null, ipType: q.ipType ?? null, region: q.region ?? null,
    },
    metrics: METRICS,
    rows,
    totals,
  };
}
