/**
 * The review queue: flagged listings waiting for an officer's decision.
 *
 * A listing is queued when the verdict on its *current* capture is suspect,
 * no decision was taken on that capture, the listing is not gone, and no
 * notice item on it is still in progress; a changed listing (a new capture)
 * that is still suspect comes back. That rule is the view
 * `review_queue_source` (migration 0012); pages and totals read the table
 * `review_queue`, which triggers keep equal to the view in every writing
 * transaction: each row carries what the page shows (the current capture,
 * verdict and matches with their register names), so a page is one index
 * range whatever the filter or depth, with no join to the history.
 */
import type { AssetType } from '../domain/registry.schema.js';
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

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * WHERE over `review_queue q` with only the conditions asked for, so
 * the planner sees a plain query for each filter and picks its index; values
 * go as parameters, starting at $1.
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
  if (f.q) {
    const p = arg(likePattern(f.q));
    where.push(`(q.title ILIKE ${p} OR q.shop_name ILIKE ${p} OR q.platform_listing_id ILIKE ${p})`);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

/** ORDER BY of the queue (the indexes of migration 0012 follow these orders). */
function queueOrder(f: Pick<QueueFilter, 'sort' | 'dir'>): string {
  const dir = f.dir === 'asc' ? 'ASC' : 'DESC';
  return f.sort === 'date' ? `q.captured_at ${dir}, q.score DESC, q.listing_id` : `q.score ${dir}, q.captured_at DESC, q.listing_id`;
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
    `SELECT q.listing_id AS "listingId", q.platform, p.name AS "platformName", q.platform_listing_id AS "platformListingId", q.url, q.status,
            q.capture_id AS "captureId", q.captured_at AS "capturedAt", q.title, q.shop_name AS "shopName",
            q.shop_location AS "shopLocation", q.price, q.verdict_id AS "verdictId", q.score, q.flagged_at AS "flaggedAt", q.matches
     FROM review_queue q JOIN platforms p ON p.id = q.platform ${w.sql}
     ORDER BY ${queueOrder(f)} LIMIT $${n + 1} OFFSET $${n + 2}`, [...w.args, f.limit, f.offset]);
  return rows as QueueRow[];
}

const isoUtc = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The same page as {@link listQueuePage}, as the JSON text of its rows, built
 * in SQL: the API sends it as it comes instead of parsing fifty rows and
 * serialising them again (most of its CPU per queue request). Values read as
 * JSON.stringify writes the rows: dates in UTC ISO with milliseconds, the
 * price as a number.
 */
export async function queuePageJson(db: Queryable, f: QueueFilter): Promise<string> {
  const w = queueWhere(f);
  const n = w.args.length;
  const { rows } = await db.query(
    `SELECT COALESCE(json_agg(json_build_object(
              'listingId', q.listing_id, 'platform', q.platform, 'platformName', q.platform_name,
              'platformListingId', q.platform_listing_id, 'url', q.url, 'status', q.status, 'captureId', q.capture_id,
              'capturedAt', ${isoUtc('q.captured_at')}, 'title', q.title, 'shopName', q.shop_name, 'shopLocation', q.shop_location,
              'price', q.price::float8, 'verdictId', q.verdict_id, 'score', q.score, 'flaggedAt', ${isoUtc('q.flagged_at')},
              'matches', q.matches) ORDER BY ${queueOrder(f)}), '[]')::text AS items
     FROM (SELECT q.*, p.name AS platform_name
           -- The page's keys first (from the order's index alone where it can), then only its rows in full.
           FROM (SELECT q.listing_id FROM review_queue q ${w.sql} ORDER BY ${queueOrder(f)} LIMIT $${n + 1} OFFSET $${n + 2}) k
           JOIN review_queue q ON q.listing_id = k.listing_id JOIN platforms p ON p.id = q.platform) q`, [...w.args, f.limit, f.offset]);
  return rows[0].items;
}

/** How many listings the queue holds under this filter. */
export async function countQueue(db: Queryable, f: Omit<QueueFilter, 'limit' | 'offset'>): Promise<number> {
  const w = queueWhere(f);
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM review_queue q ${w.sql}`, w.args);
  return rows[0].n;
}

/**
 * Is this listing in the queue now (with its current capture and verdict)?
 * Read from the rule itself, not the table: a decision asks this under the
 * listing's lock and must see exactly what is committed.
 */
export async function queueEntry(db: Queryable, listingRowId: number): Promise<{ captureId: number; verdictId: number; score: number } | undefined> {
  const { rows } = await db.query(
    `SELECT capture_id AS "captureId", verdict_id AS "verdictId", score FROM review_queue_source WHERE listing_id = $1`, [listingRowId]);
  return rows[0];
}

/**
 * Listings where the maintained table and the rule disagree (missing, extra,
 * or with other values); empty when the triggers did their job. For tests
 * and an operator's check.
 */
export async function queueDrift(db: Queryable): Promise<Array<{ listingId: number; side: 'table' | 'rule' }>> {
  // json has no equality: its text is compared (both sides are built by the same expression).
  const cols = `listing_id, platform, platform_listing_id, url, status, capture_id, captured_at, title, shop_name, shop_location, price,
    verdict_id, score, flagged_at, asset_types, asset_ids, matches::text`;
  const { rows } = await db.query(
    `(SELECT listing_id AS "listingId", 'table' AS side FROM (SELECT ${cols} FROM review_queue EXCEPT SELECT ${cols} FROM review_queue_source) x)
     UNION ALL
     (SELECT listing_id, 'rule' FROM (SELECT ${cols} FROM review_queue_source EXCEPT SELECT ${cols} FROM review_queue) y)
     ORDER BY 1, 2`);
  return rows;
}
