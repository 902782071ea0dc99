/**
 * The review queue and officers' decisions. A decision judges one capture
 * (the listing as it was when the officer looked); deciding twice on the same
 * capture is refused (409), and so is deciding on a listing that changed
 * since the officer loaded it (captureId given and no longer current).
 */
import type { EvidenceStore } from '../store/evidence.store.js';
import { evidenceFileProblems } from './evidence.integrity.js';
import { inTransaction, type Db, type Queryable } from '../store/database.js';
import {
  decisionOfCapture, decisionsOfListing, evidenceOfCaptures, getCapture, getDecision, getListingForReview, insertCase, insertDecision,
  listCases, listDecisions, ocrTextsOf, verdictOfCapture, type DecisionFilter,
} from '../store/review.repository.js';
import { countQueue, listQueuePage, queueEntry, queuePageJson, type QueueFilter } from '../store/review-queue.repository.js';
import { presentEntry, unregisteredFinding } from '../kinds/kind.registry.js';
import { registerEntries } from '../store/registry.repository.js';
import { itemsOfListing } from '../store/takedown.repository.js';
import { lockListing } from '../store/listing.repository.js';
import { audit, type Actor } from './account.service.js';
import { DomainError, conflict, notFound } from '../domain/errors.js';
import { createResultCache } from './result.cache.js';
import type { Measure } from './notice.state.js';

export { listDecisions, listCases };
export type { DecisionFilter, QueueFilter };

export const evidenceUrl = (sha256: string) => `/api/evidence/${sha256}`;

const queueTotals = createResultCache<number>({ maxAgeMs: 10_000 });

/**
 * A page of the review queue and its total. The total needs the whole queue,
 * so it is reused while the review data is unchanged (enforcement/result.cache.ts);
 * the page itself is always read fresh.
 */
export async function reviewQueue(db: Db, f: QueueFilter) {
  const [items, total] = await Promise.all([listQueuePage(db, f), queueTotal(db, f)]);
  return { total, items };
}

function queueTotal(db: Db, f: QueueFilter): Promise<number> {
  const { limit: _l, offset: _o, ...filter } = f;
  const key = JSON.stringify([filter.platform, filter.assetType, filter.assetId, filter.from?.getTime(), filter.to?.getTime(), filter.minScore, filter.maxScore, filter.q]);
  return queueTotals.get(db, key, () => countQueue(db, filter));
}

/** {@link reviewQueue} as JSON text, for the API: the page is built as JSON in SQL and sent as it comes. */
export async function reviewQueueJson(db: Db, f: QueueFilter): Promise<string> {
  const [items, total] = await Promise.all([queuePageJson(db, f), queueTotal(db, f)]);
  return `{"total":${total},"items":${items}}`;
}

/** Evidence rows of captures, with the URL to fetch each file. */
export async function evidenceFor(db: Queryable, captureIds: number[]) {
  const rows = await evidenceOfCaptures(db, captureIds);
  return rows.map((e) => ({ ...e, url: e.sha256 ? evidenceUrl(e.sha256) : null }));
}

/**
 * Everything an officer needs to decide on one listing: the listing and its
 * current capture, the evidence (screenshot, HTML, images, record: hashes and
 * capture time), the verdict with each match next to its register entry,
 * earlier decisions and notice items; with the evidence store, the files
 * that fail their hash check (`evidenceProblems`), which the desk shows as a
 * warning before anyone confirms on them.
 */
export async function listingDetail(db: Db, listingId: number, store?: EvidenceStore) {
  const listing = await getListingForReview(db, listingId);
  if (!listing) throw notFound(`listing ${listingId}`);
  const capture = listing.currentCaptureId ? await getCapture(db, listing.currentCaptureId) : undefined;
  const verdict = capture ? await verdictOfCapture(db, capture.id) : undefined;
  const register = await registerEntries(db, verdict?.matches ?? []);
  const inQueue = !!(await queueEntry(db, listingId));
  const evidence = capture ? await evidenceFor(db, [capture.id]) : [];
  const images = evidence.filter((e) => e.kind === 'image' && e.sha256).map((e) => e.sha256!);
  return {
    listing,
    capture: capture ?? null,
    evidence,
    /** Text read from the listing's images (signal ocr). */
    ocr: images.length ? await ocrTextsOf(db, images) : [],
    verdict: verdict
      ? {
        ...verdict,
        matches: verdict.matches.map((m) => {
          const reg = register.get(`${m.assetType}:${m.assetId}`);
          // A match on an entry in no register can be a finding about the listing (a fake patent number), not missing data.
          return { ...m, register: reg ? presentEntry(reg) : null, finding: reg ? null : unregisteredFinding(m.assetType, m.assetId, m.evidence) };
        }),
      }
      : null,
    inQueue,
    decisions: await decisionsOfListing(db, listingId),
    noticeItems: await itemsOfListing(db, listingId),
    ...(store ? { evidenceProblems: (await evidenceFileProblems(store, evidence)).map(({ index: _i, ...p }) => p) } : {}),
  };
}

/** An officer's decision on a flagged listing. */
export interface DecisionInput {
  decision: 'confirm' | 'dismiss';
  reason: string;
  /** The measure to request of the platform; confirm only (default delete_listing). */
  measure?: Measure;
  /** The capture the officer looked at; if given it must still be the current one. */
  captureId?: number;
}

/**
 * Decides one listing. With `store`, a confirmation is refused (409
 * evidence_integrity, naming the files) while the capture's evidence fails
 * its hash check: an infringement is not confirmed on files that no longer
 * prove what was captured. A dismissal is not held back.
 */
export async function decide(db: Db, actor: Actor & { id: number }, listingId: number, input: DecisionInput, now: Date, store?: EvidenceStore) {
  return inTransaction(db, async (c) => {
    // Serialise decisions on one listing.
    const lock = await lockListing(c, listingId);
    if (!lock) throw notFound(`listing ${listingId}`);
    const current = lock.currentCaptureId;
    if (input.captureId !== undefined && input.captureId !== current) {
      throw conflict(`listing ${listingId} changed since capture ${input.captureId}; reload it`, 'stale_capture');
    }
    const entry = await queueEntry(c, listingId);
    if (!entry) {
      const decided = current ? await decisionOfCapture(c, current) : undefined;
      if (decided) throw conflict(`listing ${listingId} was already decided (decision ${decided.id})`, 'already_decided');
      throw conflict(`listing ${listingId} is not in the review queue`, 'not_in_queue');
    }
    const verdict = await verdictOfCapture(c, entry.captureId);
    const primary = verdict?.matches[0];
    if (!verdict || !primary) throw conflict(`the verdict on listing ${listingId} names no asset`, 'no_match');
    if (input.decision === 'confirm' && store) {
      const problems = await evidenceFileProblems(store, await evidenceOfCaptures(c, [entry.captureId]));
      if (problems.length) {
        const files = problems.map((p) => `${p.kind} ${p.sha256.slice(0, 12)}…: ${p.reason}`).join('; ');
        throw conflict(`listing ${listingId}'s evidence fails its integrity check (证据完整性校验失败), not confirmed: ${files}`, 'evidence_integrity');
      }
    }
    const measure = input.decision === 'confirm' ? (input.measure ?? 'delete_listing') : null;
    const row = await insertDecision(c, {
      listingId, captureId: entry.captureId, verdictId: verdict.id, decision: input.decision, reason: input.reason.trim(),
      measure, score: verdict.score, assetType: primary.assetType, assetId: primary.assetId, matches: verdict.matches,
      decidedBy: actor.id, decidedAt: now,
    });
    if (!row) throw conflict(`listing ${listingId} was already decided`, 'already_decided');
    await audit(c, actor, now, `review.${input.decision}`, 'listing', listingId,
      { decisionId: row.id, captureId: entry.captureId, reason: input.reason.trim(), measure, assetId: primary.assetId });
    return (await getDecision(c, row.id))!;
  });
}

/** 立案查办: opens a case on a confirmed decision. */
export async function openCase(db: Db, actor: Actor & { id: number }, decisionId: number, note: string, now: Date, source: 'officer' | 'escalation' = 'officer', q?: Queryable) {
  const run = async (c: Queryable) => {
    const d = await getDecision(c, decisionId);
    if (!d) throw notFound(`decision ${decisionId}`);
    if (d.decision !== 'confirm') throw conflict(`decision ${decisionId} dismissed the listing; no case can be opened`, 'not_confirmed');
    const row = await insertCase(c, { decisionId, source, note, openedBy: actor.id, openedAt: now });
    if (!row) throw conflict(`a case is already open on decision ${decisionId}`, 'case_exists');
    await audit(c, actor, now, 'case.open', 'decision', decisionId, { caseId: row.id, source, note });
    return { id: row.id, decisionId, source, note, openedAt: now };
  };
  return q ? run(q) : inTransaction(db, run);
}

/** Many listings decided alike (bulk confirm or dismiss). */
export interface BulkDecisionInput {
  decision: 'confirm' | 'dismiss';
  /** Stored reason (already resolved from a preset). */
  reason: string;
  measure?: Measure;
  items: Array<{ listingId: number; captureId?: number }>;
}

/** The outcome for one listing of a bulk decision. */
export interface BulkItemResult {
  listingId: number;
  ok: boolean;
  decisionId?: number;
  /** Error code when not ok: already_decided, not_in_queue, stale_capture, not_found, no_match, evidence_integrity. */
  error?: string;
  message?: string;
}

/**
 * Decides each listing in its own transaction (one that fails — already
 * decided by a colleague, changed since loaded — does not stop the others),
 * each audited like a single decision, plus one `review.bulk` audit entry.
 */
export async function decideMany(db: Db, actor: Actor & { id: number }, input: BulkDecisionInput, now: Date, store?: EvidenceStore) {
  const results: BulkItemResult[] = [];
  const seen = new Set<number>();
  for (const item of input.items) {
    if (seen.has(item.listingId)) {
      results.push({ listingId: item.listingId, ok: false, error: 'duplicate', message: `listing ${item.listingId} is listed twice` });
      continue;
    }
    seen.add(item.listingId);
    try {
      const d = await decide(db, actor, item.listingId, { decision: input.decision, reason: input.reason, measure: input.measure, captureId: item.captureId }, now, store);
      results.push({ listingId: item.listingId, ok: true, decisionId: d.id });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      results.push({ listingId: item.listingId, ok: false, error: err.code, message: err.message });
    }
  }
  const decided = results.filter((r) => r.ok).length;
  await audit(db, actor, now, 'review.bulk', 'listing', null, {
    decision: input.decision, reason: input.reason, measure: input.measure ?? null, requested: input.items.length, decided,
    listingIds: results.filter((r) => r.ok).map((r) => r.listingId),
  });
  return { decision: input.decision, requested: input.items.length, decided, failed: input.items.length - decided, results };
}
