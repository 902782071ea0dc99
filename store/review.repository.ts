/**
 * The review side of the store: what an officer sees of one listing,
 * decisions and cases (立案查办). The queue itself: review-queue.repository.ts.
 */
import type { AssetType } from '../domain/registry.schema.js';
import type { ScreenshotProvenance } from '../domain/evidence.provenance.js';
import type { Queryable } from './database.js';

/** The listing with its current capture, or undefined. */
export async function getListingForReview(db: Queryable, listingRowId: number) {
  const { rows } = await db.query(
    `SELECT l.id, l.platform, p.name AS "platformName", l.platform_listing_id AS "platformListingId", l.url, l.status,
            l.first_seen_at AS "firstSeenAt", l.last_seen_at AS "lastSeenAt", l.gone_at AS "goneAt",
            l.current_capture_id AS "currentCaptureId"
     FROM listings l JOIN platforms p ON p.id = l.platform WHERE l.id = $1`, [listingRowId]);
  return rows[0] as undefined | {
    id: number; platform: string; platformName: string; platformListingId: string; url: string; status: string;
    firstSeenAt: Date; lastSeenAt: Date | null; goneAt: Date | null; currentCaptureId: number | null;
  };
}

export async function getCapture(db: Queryable, captureId: number) {
  const { rows } = await db.query(
    `SELECT id, listing_id AS "listingId", captured_at AS "capturedAt", content_sha256 AS "contentSha256", title, description,
            price, currency, shop_id AS "shopId", shop_name AS "shopName", shop_location AS "shopLocation",
            attributes, image_urls AS "imageUrls"
     FROM captures WHERE id = $1`, [captureId]);
  return rows[0] as undefined | {
    id: number; listingId: number; capturedAt: Date; contentSha256: string; title: string; description: string;
    price: number | null; currency: string; shopId: string; shopName: string; shopLocation: string;
    attributes: Record<string, string>; imageUrls: string[];
  };
}

/** Evidence a capture cites, with the stored blob's media type and size. */
export async function evidenceOfCaptures(db: Queryable, captureIds: number[]) {
  const { rows } = await db.query(
    `SELECT e.capture_id AS "captureId", e.kind, e.position, e.sha256, e.source_url AS "sourceUrl",
            e.fetched_at AS "fetchedAt", e.error, b.media_type AS "mediaType", b.bytes, e.rendered_from AS "renderedFrom",
            e.provenance
     FROM capture_evidence e LEFT JOIN evidence_blobs b ON b.sha256 = e.sha256
     WHERE e.capture_id = ANY($1::bigint[]) ORDER BY e.capture_id, e.kind, e.position`, [captureIds]);
  return rows as Array<{
    captureId: number; kind: string; position: number; sha256: string | null; sourceUrl: string;
    fetchedAt: Date; error: string | null; mediaType: string | null; bytes: number | null;
    /** For a screenshot drawn from the stored HTML: the SHA-256 of that HTML. */
    renderedFrom: string | null;
    /** For a screenshot: the procedure that drew it. */
    provenance: ScreenshotProvenance | null;
  }>;
}

export interface MatchRow { assetId: string; assetType: AssetType; signal: string; score: number; evidence: string }

/** The verdict on a capture with its matches, best first. */
export async function verdictOfCapture(db: Queryable, captureId: number) {
  const { rows } = await db.query(
    `SELECT v.id, v.suspect, v.score, v.detector_version AS "detectorVersion", v.created_at AS "createdAt",
            COALESCE((SELECT json_agg(json_build_object('assetId', m.asset_id, 'assetType', m.asset_type, 'signal', m.signal,
                     'score', m.score, 'evidence', m.evidence) ORDER BY m.score DESC, m.id)
                     FROM verdict_matches m WHERE m.verdict_id = v.id), '[]'::json) AS matches
     FROM verdicts v WHERE v.capture_id = $1`, [captureId]);
  return rows[0] as undefined | { id: number; suspect: boolean; score: number; detectorVersion: string; createdAt: Date; matches: MatchRow[] };
}

export interface NewDecision {
  listingId: number;
  captureId: number;
  verdictId: number;
  decision: 'confirm' | 'dismiss';
  reason: string;
  measure: string | null;
  score: number;
  assetType: string;
  assetId: string;
  matches: MatchRow[];
  decidedBy: number;
  decidedAt: Date;
}

/** Records a decision; undefined when that capture was already decided. */
export async function insertDecision(db: Queryable, d: NewDecision): Promise<{ id: number } | undefined> {
  const { rows } = await db.query(
    `INSERT INTO review_decisions (listing_id, capture_id, verdict_id, decision, reason, measure, score, asset_type, asset_id, matches, decided_by, decided_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) ON CONFLICT (capture_id) DO NOTHING RETURNING id`,
    [d.listingId, d.captureId, d.verdictId, d.decision, d.reason, d.measure, d.score, d.assetType, d.assetId,
      JSON.stringify(d.matches), d.decidedBy, d.decidedAt]);
  return rows[0];
}

const DECISION_COLUMNS = `d.id, d.listing_id AS "listingId", d.capture_id AS "captureId", d.verdict_id AS "verdictId", d.decision,
  d.reason, d.measure, d.score, d.asset_type AS "assetType", d.asset_id AS "assetId", d.matches,
  d.decided_by AS "decidedBy", a.username AS "decidedByUsername", d.decided_at AS "decidedAt",
  (SELECT ni.id FROM notice_items ni WHERE ni.decision_id = d.id) AS "noticeItemId",
  (SELECT cs.id FROM cases cs WHERE cs.decision_id = d.id) AS "caseId"`;

export interface DecisionRow {
  id: number; listingId: number; captureId: number; verdictId: number | null; decision: 'confirm' | 'dismiss';
  reason: string; measure: string | null; score: number; assetType: string; assetId: string; matches: MatchRow[];
  decidedBy: number; decidedByUsername: string; decidedAt: Date; noticeItemId: number | null; caseId: number | null;
}

export async function getDecision(db: Queryable, id: number): Promise<DecisionRow | undefined> {
  const { rows } = await db.query(`SELECT ${DECISION_COLUMNS} FROM review_decisions d JOIN accounts a ON a.id = d.decided_by WHERE d.id = $1`, [id]);
  return rows[0];
}

export async function decisionsOfListing(db: Queryable, listingRowId: number): Promise<DecisionRow[]> {
  const { rows } = await db.query(
    `SELECT ${DECISION_COLUMNS} FROM review_decisions d JOIN accounts a ON a.id = d.decided_by
     WHERE d.listing_id = $1 ORDER BY d.decided_at DESC, d.id DESC`, [listingRowId]);
  return rows;
}

export interface DecisionFilter {
  decision?: 'confirm' | 'dismiss';
  platform?: string;
  /** Only confirmed decisions not yet in any notice. */
  unnoticed?: boolean;
  limit: number;
  offset: number;
}

export async function listDecisions(db: Queryable, f: DecisionFilter) {
  const { rows } = await db.query(
    `SELECT ${DECISION_COLUMNS}, l.platform, l.url, l.platform_listing_id AS "platformListingId", c.title, c.shop_name AS "shopName",
            count(*) OVER () AS total
     FROM review_decisions d JOIN accounts a ON a.id = d.decided_by
     JOIN listings l ON l.id = d.listing_id JOIN captures c ON c.id = d.capture_id
     WHERE ($1::text IS NULL OR d.decision = $1) AND ($2::text IS NULL OR l.platform = $2)
       AND (NOT $3::boolean OR NOT EXISTS (SELECT 1 FROM notice_items ni WHERE ni.decision_id = d.id))
     ORDER BY d.decided_at DESC, d.id DESC LIMIT $4 OFFSET $5`,
    [f.decision ?? null, f.platform ?? null, f.unnoticed ?? false, f.limit, f.offset]);
  const total = rows.length ? Number(rows[0].total) : 0;
  return { total, decisions: rows.map(({ total: _t, ...r }) => r) };
}

/** Opens a case on a decision; undefined when one is already open. */
export async function insertCase(db: Queryable, c: { decisionId: number; source: 'officer' | 'escalation'; note: string; openedBy: number; openedAt: Date }): Promise<{ id: number } | undefined> {
  const { rows } = await db.query(
    `INSERT INTO cases (decision_id, source, note, opened_by, opened_at) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (decision_id) DO NOTHING RETURNING id`, [c.decisionId, c.source, c.note, c.openedBy, c.openedAt]);
  return rows[0];
}

export async function listCases(db: Queryable, limit: number, offset: number) {
  const { rows } = await db.query(
    `SELECT cs.id, cs.decision_id AS "decisionId", cs.source, cs.note, cs.opened_at AS "openedAt", a.username AS "openedBy",
            d.listing_id AS "listingId", l.platform, l.url, d.asset_type AS "assetType", d.asset_id AS "assetId",
            count(*) OVER () AS total
     FROM cases cs JOIN review_decisions d ON d.id = cs.decision_id JOIN listings l ON l.id = d.listing_id
     JOIN accounts a ON a.id = cs.opened_by
     ORDER BY cs.opened_at DESC, cs.id DESC LIMIT $1 OFFSET $2`, [limit, offset]);
  const total = rows.length ? Number(rows[0].total) : 0;
  return { total, cases: rows.map(({ total: _t, ...r }) => r) };
}

export async function listPlatforms(db: Queryable, only?: string | null) {
  const { rows } = await db.query(`SELECT id, name, base_url AS "baseUrl" FROM platforms WHERE ($1::text IS NULL OR id = $1) ORDER BY id`, [only ?? null]);
  return rows as Array<{ id: string; name: string; baseUrl: string }>;
}

export async function listAssets(db: Queryable, assetType?: string) {
  const { rows } = await db.query(
    `SELECT id, asset_type AS "assetType", name, reference, owner FROM assets WHERE ($1::text IS NULL OR asset_type = $1) ORDER BY asset_type, id`,
    [assetType ?? null]);
  return rows as Array<{ id: string; assetType: string; name: string; reference: string; owner: string }>;
}

/** Media type of a stored evidence blob, or undefined. */
export async function evidenceBlob(db: Queryable, sha256: string) {
  const { rows } = await db.query('SELECT sha256, media_type AS "mediaType", bytes FROM evidence_blobs WHERE sha256 = $1', [sha256]);
  return rows[0] as undefined | { sha256: string; mediaType: string; bytes: number };
}

/** Is this blob cited by a capture in a (sent) notice to this platform? */
export async function evidenceVisibleToPlatform(db: Queryable, sha256: string, platform: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM capture_evidence e JOIN notice_items i ON i.capture_id = e.capture_id JOIN notices n ON n.id = i.notice_id
     WHERE e.sha256 = $1 AND n.platform = $2 AND n.state <> 'draft' LIMIT 1`, [sha256, platform]);
  return (rowCount ?? 0) > 0;
}

/** Text read from these images (OCR), every engine, by image hash. */
export async function ocrTextsOf(db: Queryable, sha256s: string[]) {
  const { rows } = await db.query(
    `SELECT t.sha256, t.engine, t.text, t.read_at AS "readAt", i.width, i.height
     FROM image_texts t LEFT JOIN images i ON i.sha256 = t.sha256 WHERE t.sha256 = ANY($1::text[]) ORDER BY t.sha256, t.engine`, [sha256s]);
  return rows as Array<{ sha256: string; engine: string; text: string; readAt: Date; width: number | null; height: number | null }>;
}

/** The decision taken on this capture, if any (one decision per capture). */
export async function decisionOfCapture(db: Queryable, captureId: number): Promise<{ id: number } | undefined> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM review_decisions WHERE capture_id = $1', [captureId]);
  return rows[0];
}

/** The case opened on this decision, if any (one case per decision). */
export async function caseOfDecision(db: Queryable, decisionId: number): Promise<{ id: number } | undefined> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM cases WHERE decision_id = $1', [decisionId]);
  return rows[0];
}
