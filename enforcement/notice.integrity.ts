/**
 * Does every evidence file a notice cites still hash to its SHA-256? The
 * evidence route refuses a tampered file (409); a notice citing one must not
 * go out as if it were whole. Sending is refused naming the files
 * (takedown.service.ts), and the printed notice and the desk's notice detail
 * carry the warning.
 */
import type { Queryable } from '../store/database.js';
import type { EvidenceStore } from '../store/evidence.store.js';
import { itemsOfNotice } from '../store/takedown.repository.js';
import { conflict } from '../domain/errors.js';
import { evidenceFileProblems } from './evidence.integrity.js';
import { evidenceFor } from './review.service.js';

/** One cited evidence file that fails its check. */
export interface EvidenceProblem {
  itemId: number;
  listingId: number;
  platformListingId: string;
  kind: string;
  sha256: string;
  /** Why: altered bytes, a symbolic link, not stored. */
  reason: string;
}

/** Every cited file of the notice's items that fails its hash check (empty: all intact). Each file is read once. */
export async function noticeEvidenceProblems(db: Queryable, store: EvidenceStore, noticeId: number): Promise<EvidenceProblem[]> {
  const items = await itemsOfNotice(db, noticeId);
  if (!items.length) return [];
  const evidence = await evidenceFor(db, items.map((i) => i.captureId));
  const rows = items.flatMap((i) => evidence.filter((e) => e.captureId === i.captureId && e.sha256).map((e) => ({ item: i, kind: e.kind, sha256: e.sha256 })));
  return (await evidenceFileProblems(store, rows)).map((p) => {
    const { item } = rows[p.index];
    return { itemId: item.id, listingId: item.listingId, platformListingId: item.platformListingId, kind: p.kind, sha256: p.sha256, reason: p.reason };
  });
}

/** Throws 409 evidence_integrity naming each failing file, so a notice never goes out citing one. */
export function assertEvidenceIntact(noticeId: number, problems: EvidenceProblem[]): void {
  if (!problems.length) return;
  const files = problems.map((p) => `${p.kind} ${p.sha256} of listing ${p.platformListingId} (${p.reason})`).join('; ');
  throw conflict(`notice ${noticeId} cites evidence that fails its integrity check (证据完整性校验失败), not sent: ${files}`, 'evidence_integrity');
}
