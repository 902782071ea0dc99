/**
 * Re-hashing evidence files for the pages that cite them (the listing detail,
 * the notice detail, the printed notice) and for sending: which of these
 * files no longer hash to their SHA-256 (altered, a symbolic link, missing).
 */
import { EvidenceIntegrityError, type EvidenceStore } from '../store/evidence.store.js';

/** One evidence file that fails its check, and why. */
export interface FileProblem { kind: string; sha256: string; reason: string }

/** The files among `rows` that fail their hash check, in order; each distinct file is read once. */
export async function evidenceFileProblems(store: EvidenceStore, rows: ReadonlyArray<{ kind: string; sha256: string | null }>): Promise<Array<FileProblem & { index: number }>> {
  const verdict = new Map<string, string | null>();
  const out: Array<FileProblem & { index: number }> = [];
  for (const [index, e] of rows.entries()) {
    if (!e.sha256) continue;
    if (!verdict.has(e.sha256)) verdict.set(e.sha256, await problemOf(store, e.sha256));
    const reason = verdict.get(e.sha256);
    if (reason) out.push({ index, kind: e.kind, sha256: e.sha256, reason });
  }
  return out;
}

async function problemOf(store: EvidenceStore, sha: string): Promise<string | null> {
  try {
    await store.read(sha);
    return null;
  } catch (err) {
    if (err instanceof EvidenceIntegrityError) return err.reason;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'the file is not in the evidence store';
    throw err;
  }
}
