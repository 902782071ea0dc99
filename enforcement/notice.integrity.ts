/**
 * Does every evidence file a notice cites still hash to its SHA-256? The
 * evidence route refuses a tampered file (409); a notice citing one must not
 * go out as if it were whole. Sending is refused naming the files
 * (takedown.service.ts), and the printed notice and the desk's notice detail
 * carry the warning.
 */
import type { Queryable } from '../store/database.js';
import { EvidenceIntegrityError, type EvidenceStore } from '../store/evidence.store.js';
import { itemsOfNotice } from '../store/takedown.repository.js';
import { conflict } from '../domain/errors.js';
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
  const verdict = new Map<string, string | null>();
  const check = async (sha: string): Promise<string | null> => {
    if (verdict.has(sha)) return verdict.get(sha)!;
    let reason: string | null = null;
    try {
      await store.read(sha);
    } catch (err) {
      if (err instanceof EvidenceIntegrityError) reason = err.reason;
      else if ((err as NodeJS.ErrnoException).code === 'ENOENT') reason = 'the file is not in the evidence store';
      else throw err;
    }
    verdict.set(sha, reason);
    return reason;
  };
  const out: EvidenceProblem[] = [];
  for (const i of items) {
    for (const e of evidence.filter((x) => x.captureId === i.captureId && x.sha256)) {
      const reason = await check(e.sha256!);
      if (reason) out.push({ itemId: i.id, listingId: i.listingId, platformListingId: i.platformListingId, kind: e.kind, sha256: e.sha256!, reason });
    }
  }
  return out;
}

/** Throws 409 evidence_integrity naming each failing file, so a notice never goes out citing one. */
export function assertEvidenceIntact(noticeId: number, problems: EvidenceProblem[]): void {
  if (!problems.length) return;
  const files = problems.map((p) => `${p.kind} ${p.sha256} of listing ${p.platformListingId} (${p.reason})`).join('; ');
  throw conflict(`notice ${noticeId} cites evidence that fails its integrity check (证据完整性校验失败), not sent: ${files}`, 'evidence_integrity');
}
