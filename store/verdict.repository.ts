/** Detector verdicts per capture, with their matches. */
import type { Verdict } from '../domain/verdict.js';
import { inTransaction, type Db } from './database.js';

/** Stores (or replaces) the verdict on a capture; returns its id. */
export async function saveVerdict(db: Db, captureId: number, listingRowId: number, verdict: Verdict, detectorVersion: string): Promise<number> {
  return inTransaction(db, async (c) => {
    const { rows } = await c.query(
      `INSERT INTO verdicts (capture_id, listing_id, suspect, score, detector_version) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (capture_id) DO UPDATE SET suspect=$3, score=$4, detector_version=$5, created_at=now()
       RETURNING id, (xmax = 0) AS fresh`,
      [captureId, listingRowId, verdict.suspect, verdict.score, detectorVersion]);
    const id = rows[0].id as number;
    if (!rows[0].fresh) await c.query('DELETE FROM verdict_matches WHERE verdict_id=$1', [id]);
    // One statement for all matches: the review queue's statement triggers then run once per verdict.
    const ms = verdict.matches;
    if (ms.length) {
      await c.query(
        `INSERT INTO verdict_matches (verdict_id, asset_id, asset_type, signal, score, evidence, image_ref, box, related_listing)
         SELECT $1, a, t, s, sc, e, i, b::jsonb, r::jsonb FROM unnest($2::text[], $3::text[], $4::text[], $5::real[], $6::text[], $7::text[], $8::text[], $9::text[])
           WITH ORDINALITY AS m(a, t, s, sc, e, i, b, r, n) ORDER BY n`,
        [id, ms.map((m) => m.assetId), ms.map((m) => m.assetType), ms.map((m) => m.signal), ms.map((m) => m.score), ms.map((m) => m.evidence),
          ms.map((m) => m.imageRef ?? null), ms.map((m) => (m.box ? JSON.stringify(m.box) : null)), ms.map((m) => (m.relatedListing ? JSON.stringify(m.relatedListing) : null))]);
    }
    return id;
  });
}

/** The current verdict of every listing of a run, for reports and the demo's ground-truth check. */
export async function verdictsOfRun(db: Db, runId: number) {
  const { rows } = await db.query(
    `SELECT l.platform, l.platform_listing_id, l.status, v.suspect, v.score,
            COALESCE(array_agg(DISTINCT m.asset_id) FILTER (WHERE m.asset_id IS NOT NULL), '{}') AS assets
     FROM scan_run_listings r JOIN listings l ON l.id = r.listing_id
     LEFT JOIN verdicts v ON v.capture_id = l.current_capture_id
     LEFT JOIN verdict_matches m ON m.verdict_id = v.id
     WHERE r.scan_run_id = $1
     GROUP BY l.platform, l.platform_listing_id, l.status, v.suspect, v.score`, [runId]);
  return rows as Array<{ platform: string; platform_listing_id: string; status: string; suspect: boolean | null; score: number | null; assets: string[] }>;
}
