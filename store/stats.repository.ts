/**
 * Facts behind the bureau's statistics: one row per countable event, with the
 * dimensions it can be grouped by, counted in SQL as distinct keys per group,
 * so a notice spanning two IP types counts once in each and once in the total.
 *
 * Dimensions: platform; IP type (the primary match of the decision, or of the
 * verdict for listings only flagged); shop location of the capture (region);
 * the event time (period).
 */
import type { Queryable } from './database.js';

/** Dimensions a statistics table can be grouped by. */
export type StatDimension = 'platform' | 'ipType' | 'region' | 'city' | 'period';

/** What to aggregate; `from`/`to` bound the event time, [from, to). */
export interface StatAggregateQuery {
  groupBy: StatDimension[];
  period: 'day' | 'week' | 'month' | 'year';
  from?: Date;
  to?: Date;
  platform?: string;
  assetType?: string;
  /** Prefix of the province, the city or the raw shop location. */
  region?: string;
  /** Shop location → province and city: the one resolver (domain/region.resolver.ts), applied once per distinct location. */
  resolve: (location: string) => { province: string; city: string };
  unknown: string;
}

/** One count: distinct keys of `metric` in a group, or over everything when `total`. */
export interface StatCount { group: Partial<Record<StatDimension, string>>; metric: string; n: number; total: boolean }

const DONE_AT = 'COALESCE(i.delisted_at, i.confirmed_gone_at)';
const ITEM_JOIN = `FROM notice_items i JOIN notices n ON n.id = i.notice_id
  JOIN review_decisions d ON d.id = i.decision_id JOIN captures c ON c.id = i.capture_id`;
const DELETED = `i.state IN ('delisted', 'delisted_confirmed')`;
/**
 * A shop stopped, a site blocked or ordered to rectify is an official figure
 * only when the bureau requested that measure (the item's `measure`, from the
 * officer's decision) and the platform reports it taken. A platform's
 * `measureTaken` beyond (or other than) the request is recorded on the item
 * and shown, but not counted: nothing the bureau can verify stands behind it
 * (a re-scan sees a listing gone, never a site blocked), and a platform's
 * reply must not set the bureau's figures. A lesser measure taken counts only
 * as a listing deleted.
 */
const MEASURE_COUNTED = `i.measure IN ('stop_shop', 'block_site', 'rectify_site') AND i.measure_taken = i.measure`;

// The primary match is looked up only for each listing's first suspect verdict, not for every verdict.
const FACTS_SQL = `
WITH first_flag AS (
  SELECT DISTINCT ON (v.listing_id) v.listing_id, v.id AS verdict_id, v.capture_id, v.created_at AS at
  FROM verdicts v WHERE v.suspect ORDER BY v.listing_id, v.created_at, v.id
), flagged AS (
  SELECT ff.listing_id, ff.at, l.platform, c.shop_location AS location,
         (SELECT m.asset_type FROM verdict_matches m WHERE m.verdict_id = ff.verdict_id ORDER BY m.score DESC, m.id LIMIT 1) AS asset_type
  FROM first_flag ff JOIN listings l ON l.id = ff.listing_id JOIN captures c ON c.id = ff.capture_id
), facts AS (
  SELECT 'flagged' AS metric, listing_id::text AS key, at, platform, asset_type, location FROM flagged
  UNION ALL
  SELECT CASE d.decision WHEN 'confirm' THEN 'confirmed' ELSE 'dismissed' END, d.id::text, d.decided_at, l.platform, d.asset_type, c.shop_location
  FROM review_decisions d JOIN listings l ON l.id = d.listing_id JOIN captures c ON c.id = d.capture_id
  UNION ALL
  SELECT 'casesOpened', cs.id::text, cs.opened_at, l.platform, d.asset_type, c.shop_location
  FROM cases cs JOIN review_decisions d ON d.id = cs.decision_id JOIN listings l ON l.id = d.listing_id JOIN captures c ON c.id = d.capture_id
  UNION ALL
  SELECT 'noticesSent', n.id::text, n.sent_at, n.platform, d.asset_type, c.shop_location ${ITEM_JOIN} WHERE n.sent_at IS NOT NULL
  UNION ALL
  SELECT 'noticesAnswered', n.id::text, n.first_reply_at, n.platform, d.asset_type, c.shop_location ${ITEM_JOIN} WHERE n.first_reply_at IS NOT NULL
  UNION ALL
  SELECT 'noticesOverdue', n.id::text, n.overdue_at, n.platform, d.asset_type, c.shop_location ${ITEM_JOIN} WHERE n.overdue_at IS NOT NULL
  UNION ALL
  SELECT CASE e.event WHEN 'reply_refused' THEN 'refused' ELSE 'counterNotices' END, i.id::text, e.at, n.platform, d.asset_type, c.shop_location
  ${ITEM_JOIN} JOIN notice_events e ON e.item_id = i.id WHERE e.event IN ('reply_refused', 'reply_counter_notice')
  UNION ALL
  SELECT 'listingsDeleted', i.id::text, ${DONE_AT}, n.platform, d.asset_type, c.shop_location ${ITEM_JOIN} WHERE ${DELETED}
  UNION ALL
  SELECT CASE i.measure WHEN 'stop_shop' THEN 'shopsStopped' WHEN 'block_site' THEN 'sitesBlocked' ELSE 'sitesRectified' END,
         n.id || ':' || n.platform || ':' || COALESCE(NULLIF(c.shop_id, ''), c.shop_name), ${DONE_AT}, n.platform, d.asset_type, c.shop_location
  ${ITEM_JOIN} WHERE ${DELETED} AND ${MEASURE_COUNTED}
)
SELECT metric, key, at, platform, asset_type, location FROM facts
WHERE at IS NOT NULL
  AND ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
  AND ($3::text IS NULL OR platform = $3) AND ($4::text IS NULL OR asset_type = $4)`;

const PERIOD_FORMAT = { day: 'YYYY-MM-DD', week: 'IYYY-"W"IW', month: 'YYYY-MM', year: 'YYYY' } as const;

/** Each distinct shop location with its province and city, as resolved in TypeScript (one resolver for the whole system). */
const REGIONS_SQL = `
regions AS (SELECT * FROM unnest($5::text[], $6::text[], $7::text[]) AS r(location, province, city))`;

/**
 * Counts distinct keys per metric and group, and per metric over everything,
 * in one statement (GROUPING SETS): only the table leaves the database,
 * never the history behind it.
 */
export async function statCounts(db: Queryable, q: StatAggregateQuery): Promise<StatCount[]> {
  const needRegion = q.groupBy.includes('region') || q.groupBy.includes('city') || !!q.region;
  const expr: Record<StatDimension, string> = {
    platform: 'f.platform',
    ipType: `COALESCE(f.asset_type, 'unknown')`,
    region: 'COALESCE(r.province, $8::text)',
    city: 'COALESCE(r.city, $8::text)',
    period: `to_char(f.at AT TIME ZONE 'Asia/Shanghai', '${PERIOD_FORMAT[q.period]}')`,
  };
  const dims = q.groupBy.map((g, i) => `${expr[g]} AS g${i}`);
  const gcols = q.groupBy.map((_, i) => `g${i}`);
  const locations = needRegion ? (await db.query<{ l: string }>('SELECT DISTINCT shop_location AS l FROM captures')).rows.map((r) => r.l) : [];
  const resolved = locations.map((l) => q.resolve(l));
  const args: unknown[] = [q.from ?? null, q.to ?? null, q.platform ?? null, q.assetType ?? null,
    locations, resolved.map((r) => r.province), resolved.map((r) => r.city), q.unknown, q.region ?? null];
  const sql = `
WITH f AS (${FACTS_SQL}),
${REGIONS_SQL},
x AS (
  SELECT f.metric, f.key${dims.map((d) => `, ${d}`).join('')}
  FROM f ${needRegion ? 'LEFT JOIN regions r ON r.location = f.location' : ''}
  WHERE $8::text IS NOT NULL AND (${needRegion ? '$9::text IS NULL OR starts_with(r.province, $9) OR starts_with(r.city, $9) OR starts_with(f.location, $9)' : '$9::text IS NULL'})
)
SELECT metric, count(DISTINCT key)::int AS n${gcols.map((g) => `, ${g}`).join('')},
       ${gcols.length ? `GROUPING(${gcols[0]}) = 1` : 'true'} AS total
FROM x
GROUP BY ${gcols.length ? `GROUPING SETS ((${gcols.join(', ')}, metric), (metric))` : 'metric'}`;
  // Without a region filter or dimension the regions CTE is not referenced, and Postgres skips it.
  const { rows } = await db.query(sql, args);
  return rows.map((r) => ({
    metric: r.metric as string,
    n: r.n as number,
    total: r.total as boolean,
    group: Object.fromEntries(q.groupBy.map((g, i) => [g, r[`g${i}`] as string])),
  }));
}

export async function platformNames(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query('SELECT id, name FROM platforms');
  return new Map(rows.map((r) => [r.id as string, r.name as string]));
}

/** What the store holds: listings, captures, evidence files and screenshots (the demo's and the scan bench's summary line). */
export async function captureTotals(db: Queryable): Promise<{ listings: number; captures: number; blobs: number; screenshots: number }> {
  const { rows } = await db.query(`SELECT (SELECT count(*) FROM listings)::int AS listings, (SELECT count(*) FROM captures)::int AS captures,
    (SELECT count(*) FROM evidence_blobs)::int AS blobs, (SELECT count(*) FROM capture_evidence WHERE kind='screenshot')::int AS screenshots`);
  return rows[0];
}
