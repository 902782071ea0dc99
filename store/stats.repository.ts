/**
 * Facts behind the bureau's statistics: one row per countable event, with the
 * dimensions it can be grouped by. The stats service counts distinct keys per
 * group, so a notice spanning two IP types counts once in each and once in the total.
 *
 * Dimensions: platform; IP type (the primary match of the decision, or of the
 * verdict for listings only flagged); shop location of the capture (region);
 * the event time (period).
 */
import type { Queryable } from './database.js';

export interface StatFact {
  metric: string;
  /** What is counted: distinct keys per group. */
  key: string;
  at: Date;
  platform: string;
  assetType: string | null;
  location: string;
}

const DONE_AT = 'COALESCE(i.delisted_at, i.confirmed_gone_at)';
const ITEM_JOIN = `FROM notice_items i JOIN notices n ON n.id = i.notice_id
  JOIN review_decisions d ON d.id = i.decision_id JOIN captures c ON c.id = i.capture_id`;
const DELETED = `i.state IN ('delisted', 'delisted_confirmed')`;

const FACTS_SQL = `
WITH flagged AS (
  SELECT DISTINCT ON (v.listing_id) v.listing_id, v.created_at AS at, l.platform, c.shop_location AS location,
         (SELECT m.asset_type FROM verdict_matches m WHERE m.verdict_id = v.id ORDER BY m.score DESC, m.id LIMIT 1) AS asset_type
  FROM verdicts v JOIN listings l ON l.id = v.listing_id JOIN captures c ON c.id = v.capture_id
  WHERE v.suspect ORDER BY v.listing_id, v.created_at, v.id
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
  SELECT CASE i.measure_taken WHEN 'stop_shop' THEN 'shopsStopped' WHEN 'block_site' THEN 'sitesBlocked' ELSE 'sitesRectified' END,
         n.id || ':' || n.platform || ':' || COALESCE(NULLIF(c.shop_id, ''), c.shop_name), ${DONE_AT}, n.platform, d.asset_type, c.shop_location
  ${ITEM_JOIN} WHERE ${DELETED} AND i.measure_taken IN ('stop_shop', 'block_site', 'rectify_site')
)
SELECT metric, key, at, platform, asset_type AS "assetType", location FROM facts
WHERE at IS NOT NULL
  AND ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
  AND ($3::text IS NULL OR platform = $3) AND ($4::text IS NULL OR asset_type = $4)
ORDER BY at`;

export async function statFacts(db: Queryable, f: { from?: Date; to?: Date; platform?: string; assetType?: string }): Promise<StatFact[]> {
  const { rows } = await db.query(FACTS_SQL, [f.from ?? null, f.to ?? null, f.platform ?? null, f.assetType ?? null]);
  return rows;
}

export async function platformNames(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query('SELECT id, name FROM platforms');
  return new Map(rows.map((r) => [r.id as string, r.name as string]));
}
