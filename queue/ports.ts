/**
 * What the queue layer may touch: narrow ports, built once in app/ from the
 * container. A processor does one step of work through the first three and
 * hands the outcome to the pipeline, which alone does the bookkeeping, in
 * Postgres through the record ports (the store's repositories, bound to the
 * database; the queue layer never sees the database).
 */
import type { CaptureResult } from '../crawler/platform.crawler.js';
import type { SearchResults } from '../crawler/page.extractor.js';
import type { ListingState, RunListingSource, RunStatus, SearchOutcome } from '../domain/run-state.js';
import type { Verdict } from '../domain/verdict.js';

/** The web, per platform id. */
export interface CrawlPort {
  /** One results page of one keyword. */
  search(platform: string, keyword: string, page: number): Promise<SearchResults & { url: string }>;
  /** One listing by the platform's listing id (the pipeline tells which), with what its search card showed. */
  capture(platform: string, listingId: string, card?: Record<string, unknown>): Promise<CaptureResult>;
  /** The platform answered "blocked" to this session: retire it (only it), so the retry gets a fresh one. */
  retireSession(platform: string, err: unknown): Promise<void>;
}

/** Judging one stored capture: the detector with every registered signal (text, OCR, images). */
export interface JudgePort {
  judge(captureId: number): Promise<{ verdict: Verdict; version: string }>;
}

/** Costly evidence drawn after the fact: the screenshot of a flagged capture, from its stored bytes. */
export interface EvidencePort {
  /** Draws and stores the capture's screenshot; throws a crawl error (with its retry policy) when it cannot. */
  renderScreenshot(captureId: number): Promise<{ sha256: string }>;
  /** Records that the screenshot could not be drawn, so the evidence list says so. */
  recordFailure(captureId: number, error: string): Promise<void>;
}

/** A run as the pipeline and the reconciler read it. */
export interface RunRecord {
  id: number; uuid: string; status: RunStatus; platforms: string[]; trigger: string;
  finished_at: Date | null; stats: Record<string, unknown>;
}

/** One search page of a run, by its key. */
export interface SearchPageKey { platform: string; keyword: string; page: number }

/** One platform's item counters in a run (enough to tell whether the run's work was ever created). */
export interface RunItemCounts {
  platform: string; listings: number; pagesQueued: number; pagesDone: number; pagesEmpty: number; pagesFailed: number; pagesBlocked: number;
}

/** What a run still has open: search pages to fetch, listings to capture, captures to judge. */
export interface OpenWork {
  pages: SearchPageKey[]; queued: number[]; captured: Array<{ listingId: number; captureId: number }>;
}

/**
 * A run's record and its items, in Postgres: the store's scan-run repository
 * bound to the database in app/pipeline.wiring.ts. Each item moves and its
 * run's counters change in one statement (store/scan-run.repository.ts).
 */
export interface RunRecordPort {
  /** Throws a unique violation (23505) while the campaign has another run in progress (the campaign lock). */
  createRun(platforms: string[], trigger: string, campaignId: number | null): Promise<{ id: number; uuid: string }>;
  getRun(runId: number): Promise<RunRecord | undefined>;
  /** Closes a running run as failed with the reason; false when it was no longer running. */
  failRun(runId: number, reason: string): Promise<boolean>;
  /** The running runs, oldest first. */
  runningRuns(): Promise<Array<{ id: number; uuid: string }>>;
  runCounts(runId: number): Promise<RunItemCounts[]>;
  openWork(runId: number): Promise<OpenWork>;
  /** Records that the start job created the run's work (with the run's search depth, null = the config's). */
  markWorkCreated(runId: number, depth: number | null): Promise<void>;
  runDepth(runId: number): Promise<number | null>;
  /** Closes the run when nothing is open; true only for the call that closed it. */
  finishRunIfComplete(runId: number): Promise<boolean>;
  /** Row ids of the run's listings found gone. */
  goneInRun(runId: number): Promise<number[]>;
  /** Adds search pages; returns those the run did not have yet (only those get a job). */
  addSearchPages<T extends SearchPageKey>(runId: number, pages: T[]): Promise<T[]>;
  finishSearchPage(runId: number, page: SearchPageKey, outcome: SearchOutcome, extra?: { found?: number; error?: string; errorKind?: string }): Promise<boolean>;
  /** Adds listings of one platform; returns the row ids the run did not have yet. `newIds` are listings first seen now. */
  addRunListings(runId: number, platform: string, listingIds: number[], source: RunListingSource, newIds?: ReadonlySet<number>): Promise<number[]>;
  moveRunListing(runId: number, listingId: number, to: ListingState,
    extra?: { captureId?: number; error?: string; errorKind?: string; changed?: boolean; flagged?: boolean }): Promise<boolean>;
}

/** A listing row as the pipeline reads it: which platform listing to capture, and what its search card showed. */
export interface ListingTarget { platform: string; platform_listing_id: string; card: Record<string, unknown> | null }

/**
 * Listings, their captures and verdicts, in Postgres: the store's listing,
 * capture, evidence and verdict repositories bound to the database and the
 * evidence store in app/pipeline.wiring.ts. Writes are idempotent, so a
 * re-delivered job never duplicates a row.
 */
export interface ListingRecordPort {
  /** Upserts listings found on a platform; their row ids in input order, and which of them are new. */
  upsertDiscovered(platform: string, items: Array<{ listingId: string; url: string; card?: object }>): Promise<{ rowIds: number[]; created: Set<number> }>;
  /** Row ids of the listings still worth a re-check (active, pending, failed), per platform. */
  knownListingsByPlatform(platforms: string[]): Promise<Map<string, number[]>>;
  getListing(listingRowId: number): Promise<ListingTarget | undefined>;
  markGone(listingRowId: number, runId: number, at: Date): Promise<void>;
  markFailed(listingRowId: number, error: string): Promise<void>;
  /** Stores the capture's evidence files and record; `changed` when it differs from the listing's previous capture. */
  storeCapture(listingRowId: number, runId: number, result: CaptureResult): Promise<{ captureId: number; changed: boolean }>;
  saveVerdict(captureId: number, listingRowId: number, verdict: Verdict, detectorVersion: string): Promise<number>;
  /** The capture's platform and whether its screenshot is stored; undefined for an unknown capture. */
  storedPageOfCapture(captureId: number): Promise<{ platform: string; hasScreenshot: boolean } | undefined>;
}
