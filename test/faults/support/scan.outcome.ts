/**
 * What a scan produced, in a form two databases can be compared by: every
 * listing (platform + platform listing id) with its current verdict (suspect
 * flag, matched asset ids), plus the counts that reveal duplicated work.
 * And the takedown step after a scan: confirm every flagged listing, create
 * and send the notices, and list what was sent per listing.
 */
import { ensureAccount } from '../../../enforcement/account.service.js';
import { decide, reviewQueue } from '../../../enforcement/review.service.js';
import { createNotices, sendNotice } from '../../../enforcement/takedown.service.js';
import type { Db } from '../../../store/database.js';

/** One listing's outcome: `platform/listingId suspect [assets]`. */
export type OutcomeLine = string;

export interface ScanOutcome {
  lines: OutcomeLine[];
  listings: number;
  distinctListings: number;
  captures: number;
  verdicts: number;
  /** Listings with a current capture but no verdict on it. */
  unjudged: number;
  flagged: number;
}

export async function scanOutcome(db: Db): Promise<ScanOutcome> {
  const { rows } = await db.query<{ platform: string; platform_listing_id: string; status: string; suspect: boolean | null; assets: string[] }>(
    `SELECT l.platform, l.platform_listing_id, l.status, v.suspect,
            COALESCE(array_agg(DISTINCT m.asset_id ORDER BY m.asset_id) FILTER (WHERE m.asset_id IS NOT NULL), '{}') AS assets
     FROM listings l LEFT JOIN verdicts v ON v.capture_id = l.current_capture_id LEFT JOIN verdict_matches m ON m.verdict_id = v.id
     GROUP BY l.id, v.suspect ORDER BY l.platform, l.platform_listing_id`);
  const { rows: [c] } = await db.query(`SELECT
      (SELECT count(*) FROM listings)::int AS listings,
      (SELECT count(DISTINCT (platform, platform_listing_id)) FROM listings)::int AS distinct_listings,
      (SELECT count(*) FROM captures)::int AS captures,
      (SELECT count(*) FROM verdicts)::int AS verdicts,
      (SELECT count(*) FROM listings l WHERE l.current_capture_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.capture_id = l.current_capture_id))::int AS unjudged`);
  return {
    lines: rows.map((r) => `${r.platform}/${r.platform_listing_id} ${r.status} ${r.suspect === null ? 'unjudged' : r.suspect ? 'suspect' : 'clean'} [${r.assets.join(',')}]`),
    listings: c.listings, distinctListings: c.distinct_listings, captures: c.captures, verdicts: c.verdicts, unjudged: c.unjudged,
    flagged: rows.filter((r) => r.suspect).length,
  };
}

export interface NoticeOutcome {
  /** `platform/listingId` of every listing in a sent notice, once per notice item (duplicates would show twice). */
  items: string[];
  notices: number;
  sent: number;
}

/** An officer confirms every flagged listing in the review queue. */
export async function confirmAllFlagged(db: Db, now: Date): Promise<number> {
  const officer = await ensureAccount(db, { username: 'faults-officer', password: 'correct horse battery', role: 'officer' });
  const actor = { id: officer.id, username: 'faults-officer', role: 'officer' };
  let n = 0;
  for (;;) {
    const q = await reviewQueue(db, { limit: 200, offset: 0 });
    if (!q.items.length) return n;
    for (const item of q.items) {
      await decide(db, actor, item.listingId, { decision: 'confirm', reason: 'fault test: confirmed', captureId: item.captureId }, now);
      n++;
    }
  }
}

/**
 * Creates notices for every confirmed listing not yet in one, then sends every
 * draft (also one created by an earlier call that was cut before sending);
 * returns the ids created by this call.
 */
export async function createAndSendNotices(db: Db, now: Date): Promise<number[]> {
  const officer = await ensureAccount(db, { username: 'faults-officer', password: 'correct horse battery', role: 'officer' });
  const actor = { id: officer.id, username: 'faults-officer', role: 'officer' };
  const created = await createNotices(db, actor, {}, '福州市市场监督管理局', now);
  const drafts = await db.query<{ id: number }>(`SELECT id FROM notices WHERE state = 'draft' ORDER BY id`);
  for (const n of drafts.rows) await sendNotice(db, actor, n.id, 7, now);
  return created.map((n) => n.id);
}

export async function noticeOutcome(db: Db): Promise<NoticeOutcome> {
  const { rows } = await db.query<{ key: string }>(
    `SELECT l.platform || '/' || l.platform_listing_id AS key FROM notice_items i JOIN listings l ON l.id = i.listing_id ORDER BY 1`);
  const { rows: [n] } = await db.query(`SELECT count(*)::int AS notices, count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent FROM notices`);
  return { items: rows.map((r) => r.key), notices: n.notices, sent: n.sent };
}
