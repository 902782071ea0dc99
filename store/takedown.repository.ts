/**
 * Takedown notices, their items (one per confirmed listing) and the event
 * history of both. State rules live in api/notice.state.ts; this file only
 * reads and writes rows.
 */
import type { Queryable } from './database.js';

export interface NoticeRow {
  id: number; ref: string; platform: string; platformName: string; state: string; sender: string;
  createdBy: number; createdByUsername: string;
  /** The creating officer's display name (what platform accounts see instead of the login name). */
  createdByName: string; createdAt: Date; sentBy: number | null; sentAt: Date | null;
  deadlineAt: Date | null; firstReplyAt: Date | null; overdueAt: Date | null; closedAt: Date | null;
  withdrawnAt: Date | null; updatedAt: Date;
  /** 文号 once sent (migration 0007), else null. */
  docNo: string | null;
  itemCounts: Record<string, number>;
}

const NOTICE_COLUMNS = `n.id, n.ref, n.platform, p.name AS "platformName", n.state, n.sender, n.created_by AS "createdBy",
  ca.username AS "createdByUsername", ca.display_name AS "createdByName", n.created_at AS "createdAt", n.sent_by AS "sentBy", n.sent_at AS "sentAt",
  n.deadline_at AS "deadlineAt", n.first_reply_at AS "firstReplyAt", n.overdue_at AS "overdueAt",
  n.closed_at AS "closedAt", n.withdrawn_at AS "withdrawnAt", n.updated_at AS "updatedAt",
  (SELECT nn.doc_no FROM notice_numbers nn WHERE nn.notice_id = n.id) AS "docNo",
  (SELECT COALESCE(json_object_agg(s.state, s.n), '{}'::json) FROM
     (SELECT state, count(*)::int AS n FROM notice_items WHERE notice_id = n.id GROUP BY state) s) AS "itemCounts"`;
const NOTICE_FROM = `FROM notices n JOIN platforms p ON p.id = n.platform JOIN accounts ca ON ca.id = n.created_by`;

/** A confirmed decision that can go into a notice. */
export interface EligibleDecision { id: number; listingId: number; captureId: number; measure: string; platform: string }

/**
 * Confirmed decisions in no notice yet, on listings not gone, locked for the
 * caller's transaction. Optional filters: platform, decision ids. Safe when
 * several officers create notices at once: each decision ends up in one.
 */
export async function lockEligibleDecisions(c: Queryable, f: { platform?: string; decisionIds?: number[] }): Promise<EligibleDecision[]> {
  const { rows } = await c.query(
    `SELECT d.id, d.listing_id AS "listingId", d.capture_id AS "captureId", d.measure, l.platform
     FROM review_decisions d JOIN listings l ON l.id = d.listing_id
     WHERE d.decision = 'confirm' AND l.status <> 'gone'
       AND NOT EXISTS (SELECT 1 FROM notice_items i WHERE i.decision_id = d.id)
       AND ($1::text IS NULL OR l.platform = $1)
       AND ($2::bigint[] IS NULL OR d.id = ANY($2::bigint[]))
     ORDER BY l.platform, d.id
     FOR UPDATE OF d`, [f.platform ?? null, f.decisionIds ?? null]);
  if (!rows.length) return rows;
  // Under READ COMMITTED, a row lock that had to wait does not re-run NOT EXISTS: a concurrent
  // creator may have put these decisions into its notice meanwhile. A new statement sees its commit.
  const taken = await c.query('SELECT decision_id FROM notice_items WHERE decision_id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
  const inNotice = new Set(taken.rows.map((r) => Number(r.decision_id)));
  return rows.filter((r) => !inNotice.has(r.id));
}

export async function insertNotice(c: Queryable, n: { platform: string; sender: string; createdBy: number; at: Date }): Promise<{ id: number; ref: string }> {
  const { rows } = await c.query(
    `INSERT INTO notices (platform, sender, created_by, created_at, updated_at) VALUES ($1,$2,$3,$4,$4) RETURNING id, ref`,
    [n.platform, n.sender, n.createdBy, n.at]);
  return rows[0];
}

export async function insertItems(c: Queryable, noticeId: number, items: EligibleDecision[], at: Date): Promise<void> {
  await c.query(
    `INSERT INTO notice_items (notice_id, decision_id, listing_id, capture_id, measure, updated_at)
     SELECT $1, d, l, c, m, $6 FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::text[]) AS t(d, l, c, m)`,
    [noticeId, items.map((i) => i.id), items.map((i) => i.listingId), items.map((i) => i.captureId), items.map((i) => i.measure), at]);
}

export async function getNotice(db: Queryable, id: number): Promise<NoticeRow | undefined> {
  const { rows } = await db.query(`SELECT ${NOTICE_COLUMNS} ${NOTICE_FROM} WHERE n.id = $1`, [id]);
  return rows[0];
}

/** Locks the notice row for the caller's transaction; returns its platform and state. */
export interface LockedNotice { id: number; platform: string; state: string; sentAt: Date | null; deadlineAt: Date | null; firstReplyAt: Date | null; overdueAt: Date | null }

export async function lockNotice(c: Queryable, id: number): Promise<LockedNotice | undefined> {
  const { rows } = await c.query(
    `SELECT id, platform, state, sent_at AS "sentAt", deadline_at AS "deadlineAt", first_reply_at AS "firstReplyAt", overdue_at AS "overdueAt"
     FROM notices WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0];
}

export interface NoticeFilter {
  platform?: string;
  state?: string;
  /** Platform accounts never see drafts. */
  excludeDraft?: boolean;
  limit: number;
  offset: number;
}

export async function listNotices(db: Queryable, f: NoticeFilter): Promise<{ total: number; notices: NoticeRow[] }> {
  const { rows } = await db.query(
    `SELECT ${NOTICE_COLUMNS}, count(*) OVER () AS total ${NOTICE_FROM}
     WHERE ($1::text IS NULL OR n.platform = $1) AND ($2::text IS NULL OR n.state = $2) AND (NOT $3::boolean OR n.state <> 'draft')
     ORDER BY n.created_at DESC, n.id DESC LIMIT $4 OFFSET $5`,
    [f.platform ?? null, f.state ?? null, f.excludeDraft ?? false, f.limit, f.offset]);
  const total = rows.length ? Number(rows[0].total) : 0;
  return { total, notices: rows.map(({ total: _t, ...r }) => r as NoticeRow) };
}

/** Columns of notices a transition may set. */
const NOTICE_FIELDS = {
  state: 'state', sentBy: 'sent_by', sentAt: 'sent_at', deadlineAt: 'deadline_at', firstReplyAt: 'first_reply_at',
  overdueAt: 'overdue_at', closedAt: 'closed_at', withdrawnAt: 'withdrawn_at',
} as const;
export type NoticePatch = Partial<Record<keyof typeof NOTICE_FIELDS, unknown>>;

export async function updateNotice(c: Queryable, id: number, patch: NoticePatch, at: Date): Promise<void> {
  const sets: string[] = [];
  const vals: unknown[] = [id, at];
  for (const [k, v] of Object.entries(patch)) {
    const col = NOTICE_FIELDS[k as keyof typeof NOTICE_FIELDS];
    if (!col) throw new Error(`unknown notice field ${k}`);
    vals.push(v);
    sets.push(`${col} = $${vals.length}`);
  }
  await c.query(`UPDATE notices SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, vals);
}

export interface ItemRow {
  id: number; noticeId: number; decisionId: number; listingId: number; captureId: number; measure: string; state: string;
  measureTaken: string | null; replyReason: string | null; counterNotice: Record<string, unknown> | null;
  repliedAt: Date | null; delistedAt: Date | null; confirmedGoneAt: Date | null; overdueAt: Date | null;
  resolvedAt: Date | null; updatedAt: Date;
  platform: string; platformListingId: string; url: string; listingStatus: string; lastSeenAt: Date | null;
  title: string; shopId: string; shopName: string; shopLocation: string; capturedAt: Date; contentSha256: string;
  assetType: string; assetId: string; matches: Array<{ assetId: string; assetType: string; signal: string; score: number; evidence: string }>;
  score: number; reason: string;
}

const ITEM_COLUMNS = `i.id, i.notice_id AS "noticeId", i.decision_id AS "decisionId", i.listing_id AS "listingId",
  i.capture_id AS "captureId", i.measure, i.state, i.measure_taken AS "measureTaken", i.reply_reason AS "replyReason",
  i.counter_notice AS "counterNotice", i.replied_at AS "repliedAt", i.delisted_at AS "delistedAt",
  i.confirmed_gone_at AS "confirmedGoneAt", i.overdue_at AS "overdueAt", i.resolved_at AS "resolvedAt", i.updated_at AS "updatedAt",
  l.platform, l.platform_listing_id AS "platformListingId", l.url, l.status AS "listingStatus", l.last_seen_at AS "lastSeenAt",
  c.title, c.shop_id AS "shopId", c.shop_name AS "shopName", c.shop_location AS "shopLocation", c.captured_at AS "capturedAt",
  c.content_sha256 AS "contentSha256", d.asset_type AS "assetType", d.asset_id AS "assetId", d.matches, d.score, d.reason`;
const ITEM_FROM = `FROM notice_items i JOIN listings l ON l.id = i.listing_id JOIN captures c ON c.id = i.capture_id
  JOIN review_decisions d ON d.id = i.decision_id`;

export async function itemsOfNotice(db: Queryable, noticeId: number, opts: { lock?: boolean } = {}): Promise<ItemRow[]> {
  const { rows } = await db.query(
    `SELECT ${ITEM_COLUMNS} ${ITEM_FROM} WHERE i.notice_id = $1 ORDER BY i.id ${opts.lock ? 'FOR UPDATE OF i' : ''}`, [noticeId]);
  return rows;
}

/** Live notices (sent, answered, overdue) holding an item on one of these listings. */
export async function liveNoticeIdsOfListings(c: Queryable, listingRowIds: number[]): Promise<number[]> {
  const { rows } = await c.query(
    `SELECT DISTINCT i.notice_id AS id FROM notice_items i JOIN notices n ON n.id = i.notice_id
     WHERE i.listing_id = ANY($1::bigint[]) AND n.state IN ('sent', 'answered', 'overdue') ORDER BY 1`, [listingRowIds]);
  return rows.map((r) => r.id);
}

/** Live notices whose deadline has passed. */
export async function liveNoticeIdsPastDeadline(c: Queryable, now: Date): Promise<number[]> {
  const { rows } = await c.query(
    `SELECT id FROM notices WHERE state IN ('sent', 'answered', 'overdue') AND deadline_at < $1 ORDER BY id`, [now]);
  return rows.map((r) => r.id);
}

const ITEM_FIELDS = {
  state: 'state', measureTaken: 'measure_taken', replyReason: 'reply_reason', counterNotice: 'counter_notice',
  repliedAt: 'replied_at', delistedAt: 'delisted_at', confirmedGoneAt: 'confirmed_gone_at', overdueAt: 'overdue_at', resolvedAt: 'resolved_at',
} as const;
export type ItemPatch = Partial<Record<keyof typeof ITEM_FIELDS, unknown>>;

export async function updateItem(c: Queryable, id: number, patch: ItemPatch, at: Date): Promise<void> {
  const sets: string[] = [];
  const vals: unknown[] = [id, at];
  for (const [k, v] of Object.entries(patch)) {
    const col = ITEM_FIELDS[k as keyof typeof ITEM_FIELDS];
    if (!col) throw new Error(`unknown item field ${k}`);
    vals.push(k === 'counterNotice' && v !== null ? JSON.stringify(v) : v);
    sets.push(`${col} = $${vals.length}`);
  }
  await c.query(`UPDATE notice_items SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, vals);
}

export async function itemStatesOfNotice(c: Queryable, noticeId: number): Promise<string[]> {
  const { rows } = await c.query('SELECT state FROM notice_items WHERE notice_id = $1', [noticeId]);
  return rows.map((r) => r.state);
}

/** One event in a notice's history. */
export interface NoticeEventInput {
  noticeId: number; itemId: number | null; event: string; fromState: string | null; toState: string | null;
  accountId: number | null; at: Date; detail?: Record<string, unknown>;
}

export async function insertNoticeEvent(c: Queryable, e: NoticeEventInput): Promise<void> {
  await c.query(
    `INSERT INTO notice_events (notice_id, item_id, event, from_state, to_state, account_id, at, detail)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [e.noticeId, e.itemId, e.event, e.fromState, e.toState, e.accountId, e.at, JSON.stringify(e.detail ?? {})]);
}

export async function eventsOfNotice(db: Queryable, noticeId: number) {
  const { rows } = await db.query(
    `SELECT e.id, e.item_id AS "itemId", e.event, e.from_state AS "fromState", e.to_state AS "toState",
            e.account_id AS "accountId", a.username, a.display_name AS "displayName", a.role, e.at, e.detail
     FROM notice_events e LEFT JOIN accounts a ON a.id = e.account_id WHERE e.notice_id = $1 ORDER BY e.at, e.id`, [noticeId]);
  return rows;
}

/** Items on a listing, any notice, newest first (for the review detail). */
export async function itemsOfListing(db: Queryable, listingRowId: number) {
  const { rows } = await db.query(
    `SELECT i.id, i.notice_id AS "noticeId", n.ref, n.state AS "noticeState", i.state, i.measure, i.measure_taken AS "measureTaken",
            i.replied_at AS "repliedAt"
     FROM notice_items i JOIN notices n ON n.id = i.notice_id WHERE i.listing_id = $1 ORDER BY i.id DESC`, [listingRowId]);
  return rows;
}
