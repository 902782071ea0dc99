/**
 * The review queue: flagged listings waiting for an officer's decision.
 *
 * A listing is queued when the verdict on its *current* capture is suspect,
 * no decision was taken on that capture, the listing is not gone, and no
 * notice item on it is still in progress; a changed listing (a new capture)
 * that is still suspect comes back. That rule is the view
 * `review_queue_source` (migration 0011); pages and totals read the table
 * `review_queue`, which triggers keep equal to the view in every writing
 * transaction, so a filter or a deep page walks one narrow index and only the
 * page's rows are joined to their listing, capture and matches.
 */
import type { AssetType } from '../domain/asset-kind.js';
import type { Queryable } from './database.js';

/** Filter, order and page of the review queue. */
export interface QueueFilter {
  platform?: string;
  /** Any match of this IP type (not only the primary one). */
  assetType?: AssetType;
  /** Any match of this asset. */
  assetId?: string;
  /** Capture time window, [from, to). */
  from?: Date;
  to?: Date;
  minScore?: number;
  /** Upper bound of the score, inclusive. */
  maxScore?: number;
  /** Text in the title, shop name or platform listing id (case-insensitive). */
  q?: string;
  /** Order: by score (default) or by capture date; descending unless `dir` is asc. */
  sort?: 'score' | 'date';
  dir?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** One row of the review queue. */
export interface QueueRow {
  listingId: number;
  platform: string;
  platformName: string;
  platformListingId: string;
  url: string;
  status: string;
  captureId: number;
  capturedAt: Date;
  title: string;
  shopName: string;
  shopLocation: string;
  price: number | null;
  verdictId: number;
  score: number;
  flaggedAt: Date;
  matches: Array<{ assetId: string; assetType: string; signal: string; score: number; evidence: string; assetName: string | null; reference: string | null }>;
}

const MATCHES_JSON = `(SELECT COALESCE(json_agg(json_build_object(
      'assetId', m.asset_id, 'assetType', m.asset_type, 'signal', m.signal, 'score', m.score,
      'evidence', m.evidence, 'assetName', a.name, 'reference', a.reference, 'owner', a.owner)
      ORDER BY m.score DESC, m.id), '[]'::json)
    FROM verdict_matches m LEFT JOIN assets a ON a.id = m.asset_id AND a.asset_type = m.asset_type
    WHERE m.verdict_id = v.id)`;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * FROM and WHERE over `review_queue q` with only the conditions asked for, so
 * the planner sees a plain query for each filter and picks its index; values
 * go as parameters, starting at $1. The text search needs the capture and
 * listing rows, so only it joins them.
 */
function queueWhere(f: Omit<QueueFilter, 'limit' | 'offset'>): { sql: string; args: unknown[] } {
  const args: unknown[] = [];
  const where: string[] = [];
  const arg = (v: unknown) => { args.push(v); return `$${args.length}`; };
  if (f.platform !== undefined) where.push(`q.platform = ${arg(f.platform)}`);
  if (f.assetType !== undefined) where.push(`q.asset_types @> ARRAY[${arg(f.assetType)}::text]`);
  if (f.assetId !== undefined) where.push(`q.asset_ids @> ARRAY[${arg(f.assetId)}::text]`);
  if (f.from !== undefined) where.push(`q.captured_at >= ${arg(f.from)}::timestamptz`);
  if (f.to !== undefined) where.push(`q.captured_at < ${arg(f.to)}::timestamptz`);
  if (f.minScore !== undefined) where.push(`q.score >= ${arg(f.minScore)}::real`);
  if (f.maxScore !== undefined) where.push(`q.score <= ${arg(f.maxScore)}::real`);
  let from = 'review_queue q';
  if (f.q) {
    const p = arg(likePattern(f.q));
    from += ' JOIN captures c ON c.id = q.capture_id JOIN listings l ON l.id = q.listing_id';
    where.push(`(c.title ILIKE ${p} OR c.shop_name ILIKE ${p} OR l.listing_id ILIKE ${p})`);
  }
  return { sql: `FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, args };
}

/** ORDER BY of the queue; `t` names the relation holding score, captured_at and listing_id. */
function queueOrder(f: Pick<QueueFilter, 'sort' | 'dir'>, t: string): string {
  const dir = f.dir === 'asc' ? 'ASC' : 'DESC';
  return f.sort === 'date'
    ? `${t}.captured_at ${dir}, ${t}.score DESC, ${t}.listing_id`
    : `${t}.score ${dir}, ${t}.captured_at DESC, ${t}.listing_id`;
}

/**
 * One page of the queue, in the asked order (best first by default). No window
 * count: with it, every page would visit the whole queue; the total is counted
 * apart (and cached by the service while the data is unchanged).
 */
export async function listQueuePage(db: Queryable, f: QueueFilter): Promise<QueueRow[]> {
  const w = queueWhere(f);
  const n = w.args.length;
  const { rows } = await db.query(
    `WITH page AS (
       SELECT q.listing_id, q.capture_id, q.verdict_id, q.score, q.captured_at ${w.sql}
       ORDER BY ${queueOrder(f, 'q')} LIMIT $${n + 1} OFFSET $${n + 2})
     SELECT l.id AS "listingId", l.platform, p.name AS "platformName", l.listing_id AS "platformListingId", l.url, l.status,
            c.id AS "captureId", c.captured_at AS "capturedAt", c.title, c.shop_name AS "shopName",
            c.shop_location AS "shopLocation", c.price, v.id AS "verdictId", v.score, v.created_at AS "flaggedAt",
            ${MATCHES_JSON} AS matches
     FROM page
     JOIN listings l ON l.id = page.listing_id
     JOIN captures c ON c.id = page.capture_id
     JOIN verdicts v ON v.id = page.verdict_id
     JOIN platforms p ON p.id = l.platform
     ORDER BY ${queueOrder(f, 'page')}`, [...w.args, f.limit, f.offset]);
  return rows as QueueRow[];
}

/** How many listings the queue holds under this filter. */
export async function countQueue(db: Queryable, f: Omit<QueueFilter, 'limit' | 'offset'>): Promise<number> {
  const w = queueWhere(f);
  const { rows } = await db.query(`SELECT count(*)::int AS n ${w.sql}`, w.args);
  return rows[0].n;
}

/**
 * Is this listing in the queue now (with its current capture and verdict)?
 * Read from the rule itself, not the table: a decision asks this under the
 * listing's lock and must see exactly what is committed.
 */
export async function queueEntry(db: Queryable, listingId: number): Promise<{ captureId: number; verdictId: number; score: number } | undefined> {
  const { rows } = await db.query(
    `SELECT capture_id AS "captureId", verdict_id AS "verdictId", score FROM review_queue_source WHERE listing_id = $1`, [listingId]);
  return rows[0];
}

/**
 * Listings where the maintained table and the rule disagree (missing, extra,
 * or with other values); empty when the triggers did their job. For tests
 * and an operator's check.
 */
export async function queueDrift(db: Queryable): Promise<Array<{ listingId: number; side: 'table' | 'rule' }>> {
  const { rows } = await db.query(
    `(SELECT listing_id AS "listingId", 'table' AS side FROM (SELECT * FROM review_queue EXCEPT SELECT * FROM review_queue_source) x)
     UNION ALL
     (SELECT listing_id, 'rule' FROM (SELECT * FROM review_queue_source EXCEPT SELECT * FROM review_queue) y)
     ORDER BY 1, 2`);
  return rows;
}
