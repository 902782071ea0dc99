/**
 * What runs next, in one place, and all of a run's bookkeeping. Processors do
 * one step (a search page, a capture, a judgement) through their ports and
 * hand the outcome here; the pipeline records it in Postgres through its
 * record ports (item state and run counters in one statement; it never sees
 * the database), enqueues what follows, and closes the run when its last
 * item is done.
 */
import type { CaptureResult } from '../crawler/platform.crawler.js';
import type { SearchOutcome } from '../domain/run-state.js';
import type { Verdict } from '../domain/verdict.js';
import {
  JobName, QueueName, type CaptureListingJob, type DetectCaptureJob, type FinishScanJob, type RenderEvidenceJob, type RunRef, type SearchPageJob, type StartScanJob,
} from './jobs.js';
import type { Queues } from './queues.js';
import type { ListingRecordPort, RunRecordPort } from './ports.js';
import { planScan, type PlatformCatalog, type ScanPlanSources } from './scan.plan.js';

/** Called when a run's last item is done (wired to the takedown service in app/). */
export interface RunFinishedHooks {
  onListingsGone?: (listingIds: number[], observedAt: Date) => Promise<unknown>;
  onRunFinished?: (runId: number, now: Date) => Promise<unknown>;
}

/** What the pipeline needs of a platform's configuration. */
export interface PlatformDirectory extends PlatformCatalog {
  /** Throws UnknownPlatformError for an unknown or disabled id. */
  firstPage(platform: string): number;
  /** When the platform's listings get a screenshot (config `evidence.screenshot`). */
  screenshotPolicy(platform: string): 'always' | 'suspect' | 'never';
}

/** What the pipeline is handed (built in app/pipeline.wiring.ts); it sees the store only through the record ports. */
export interface PipelineDeps {
  /** Runs and their items. */
  runs: RunRecordPort;
  /** Listings, captures, verdicts. */
  listings: ListingRecordPort;
  /** Campaigns and the register, for planning a run. */
  plans: ScanPlanSources;
  queues: Queues;
  platforms: PlatformDirectory;
  logger: { info(o: object, msg: string): void; warn(o: object, msg: string): void };
  /** Search depth: at most this many result pages per keyword and platform. */
  maxPagesPerKeyword: number;
  /** Back-pressure: search waits while the listing queue holds more captures than this. */
  maxBacklog: number;
  hooks?: RunFinishedHooks;
}

/** How a failed item is recorded: a platform block is told apart from other failures. */
export interface Failure { message: string; blocked: boolean; kind: string }

export class Pipeline {
  constructor(private readonly d: PipelineDeps) {}

  /**
   * Creates the run's work: page one of every keyword on every platform, the
   * item URLs given (source `seed`), and a re-check of every known listing.
   * A campaign's scheduled start is skipped while another run of the same
   * campaign is in progress (the campaign lock); a run already closed (its
   * start was declared failed) is left alone. Returns the run id, or
   * undefined when nothing was started.
   */
  async startScan(job: StartScanJob): Promise<number | undefined> {
    if (job.runId) {
      const existing = await this.d.runs.getRun(job.runId);
      if (existing?.status !== 'running') {
        this.d.logger.warn({ runId: job.runId, status: existing?.status }, 'start of a closed run ignored');
        return undefined;
      }
    }
    let runId = job.runId;
    try {
      return await this.createWork(job, (id) => { runId = id; });
    } catch (err) {
      // A start that broke leaves no run `running` for good: it is marked failed with the reason.
      if (runId) await this.d.runs.failRun(runId, `start failed: ${(err as Error).message}`);
      throw err;
    }
  }

  private async createWork(job: StartScanJob, owned: (runId: number) => void): Promise<number | undefined> {
    const plan = await planScan(this.d.plans, this.d.platforms, job);
    if (plan.campaign && job.trigger === 'schedule' && !plan.campaign.enabled) {
      this.d.logger.info({ campaign: plan.campaign.name }, 'campaign paused; scheduled run skipped');
      return undefined;
    }
    let run: { id: number; uuid: string };
    if (job.runId && job.runKey) run = { id: job.runId, uuid: job.runKey };
    else {
      try {
        run = await this.d.runs.createRun(plan.platforms, job.trigger, plan.campaign?.id ?? null);
      } catch (err) {
        if ((err as { code?: string }).code !== '23505') throw err;
        this.d.logger.warn({ campaign: plan.campaign?.name }, 'campaign already has a run in progress; scheduled run skipped');
        return undefined;
      }
    }
    const ref: RunRef = { runId: run.id, runKey: run.uuid };
    owned(ref.runId);
    const wanted = plan.platforms.flatMap((platform) => plan.keywords.map((keyword) => ({
      ...ref, platform, keyword, page: this.d.platforms.firstPage(platform), ...(plan.depth ? { depth: plan.depth } : {}),
    })));
    const pages = await this.d.runs.addSearchPages(ref.runId, wanted);
    let seeded = 0;
    for (const platform of plan.platforms) {
      const items = plan.seeds.filter((s) => s.platform === platform);
      if (!items.length) continue;
      const { rowIds, created } = await this.d.listings.upsertDiscovered(platform, items);
      const added = await this.d.runs.addRunListings(ref.runId, platform, rowIds, 'seed', created);
      seeded += added.length;
      await this.d.queues.enqueueMany(JobName.CaptureListing, added.map((listingId) => ({ ...ref, listingId })));
    }
    let recheck = 0;
    if (!job.urlsOnly) {
      for (const [platform, ids] of await this.d.listings.knownListingsByPlatform(plan.platforms)) {
        const added = await this.d.runs.addRunListings(ref.runId, platform, ids, 'recheck');
        recheck += added.length;
        await this.d.queues.enqueueMany(JobName.CaptureListing, added.map((listingId) => ({ ...ref, listingId })));
      }
    }
    await this.d.queues.enqueueMany(JobName.SearchPage, pages);
    await this.d.runs.markWorkCreated(ref.runId, plan.depth ?? null);
    this.d.logger.info({ runId: ref.runId, campaign: plan.campaign?.name, platforms: plan.platforms, keywords: plan.keywords.length, seeded, recheck }, 'scan started');
    // A re-delivered start (its worker died half-way) finds part of the work recorded but not queued: queue all that is open.
    if (job.runId) await this.resume(ref);
    else await this.checkFinished(ref);
    return ref.runId;
  }

  /**
   * Back-pressure: resolves once the listing queue has room (or after `maxWaitMs`),
   * so a fast search stage cannot pile up more captures than capture can take.
   */
  async awaitCaptureCapacity(maxWaitMs = 300_000): Promise<void> {
    const end = Date.now() + maxWaitMs;
    while (Date.now() < end && (await this.d.queues.backlog(QueueName.Listing)) > this.d.maxBacklog) {
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /**
   * Results of one search page: new listings get a capture job, and the next page is queued.
   * `refused` are the page's cards the crawler refused (one line each): recorded with the page, which still counts as done.
   */
  async searchPageDone(job: SearchPageJob, items: Array<{ listingId: string; url: string; card?: object }>, hasNext: boolean, refused: string[] = []): Promise<void> {
    const { rowIds, created } = await this.d.listings.upsertDiscovered(job.platform, items);
    const fresh = await this.d.runs.addRunListings(job.runId, job.platform, rowIds, 'search', created);
    await this.d.queues.enqueueMany(JobName.CaptureListing, fresh.map((listingId) => ({ runId: job.runId, runKey: job.runKey, listingId })));
    const depth = job.page - this.d.platforms.firstPage(job.platform) + 1;
    if (hasNext && items.length + refused.length > 0 && depth < (job.depth ?? this.d.maxPagesPerKeyword)) {
      const next = await this.d.runs.addSearchPages(job.runId, [{ ...job, page: job.page + 1 }]);
      await this.d.queues.enqueueMany(JobName.SearchPage, next);
    }
    if (refused.length) this.d.logger.warn({ runId: job.runId, platform: job.platform, keyword: job.keyword, page: job.page, refused }, 'search cards refused');
    await this.closePage(job, items.length || refused.length ? 'done' : 'empty', { found: items.length, ...(refused.length ? { error: refused.join('\n') } : {}) });
  }

  async searchPageFailed(job: SearchPageJob, f: Failure): Promise<void> {
    await this.closePage(job, f.blocked ? 'blocked' : 'failed', { error: f.message, errorKind: f.kind });
  }

  /** The platform's listing id of a run listing (what the listing processor captures). */
  async target(job: CaptureListingJob): Promise<{ platform: string; listingId: string; card?: Record<string, unknown> }> {
    const row = await this.d.listings.getListing(job.listingId);
    if (!row) throw new Error(`listing row ${job.listingId} not found`);
    return { platform: row.platform, listingId: row.platform_listing_id, card: row.card ?? undefined };
  }

  /** Stores the capture's evidence and record, then queues its judgement. */
  async captured(job: CaptureListingJob, result: CaptureResult): Promise<{ captureId: number; changed: boolean }> {
    const rec = await this.d.listings.storeCapture(job.listingId, job.runId, result);
    await this.d.runs.moveRunListing(job.runId, job.listingId, 'captured', { captureId: rec.captureId, changed: rec.changed });
    await this.d.queues.enqueue(JobName.DetectCapture, { runId: job.runId, runKey: job.runKey, captureId: rec.captureId, listingId: job.listingId });
    return { captureId: rec.captureId, changed: rec.changed };
  }

  async gone(job: CaptureListingJob): Promise<void> {
    await this.d.listings.markGone(job.listingId, job.runId, new Date());
    await this.d.runs.moveRunListing(job.runId, job.listingId, 'gone');
    await this.checkFinished(job);
  }

  async listingFailed(job: CaptureListingJob | DetectCaptureJob, f: Failure): Promise<void> {
    if (!('captureId' in job)) await this.d.listings.markFailed(job.listingId, f.message);
    await this.d.runs.moveRunListing(job.runId, job.listingId, f.blocked ? 'blocked' : 'failed', { error: f.message, errorKind: f.kind });
    await this.checkFinished(job);
  }

  /** Records the verdict; a flagged capture that still lacks its screenshot gets one drawn before the listing is done. */
  async detected(job: DetectCaptureJob, verdict: Verdict, version: string): Promise<void> {
    await this.d.listings.saveVerdict(job.captureId, job.listingId, verdict, version);
    if (verdict.suspect) {
      const page = await this.d.listings.storedPageOfCapture(job.captureId);
      if (page && !page.hasScreenshot && this.d.platforms.screenshotPolicy(page.platform) === 'suspect') {
        await this.d.queues.enqueue(JobName.RenderEvidence, { runId: job.runId, runKey: job.runKey, captureId: job.captureId, listingId: job.listingId });
        return;
      }
    }
    await this.d.runs.moveRunListing(job.runId, job.listingId, 'detected', { flagged: verdict.suspect });
    await this.checkFinished(job);
  }

  /** The flagged capture's screenshot is stored (or its failure recorded against it): the listing is done. */
  async rendered(job: RenderEvidenceJob, failure?: Failure): Promise<void> {
    if (failure) this.d.logger.warn({ captureId: job.captureId, err: failure.message }, 'screenshot could not be drawn');
    await this.d.runs.moveRunListing(job.runId, job.listingId, 'detected', { flagged: true });
    await this.checkFinished(job);
  }

  /** Re-enqueues whatever a run still has open (after Redis lost its queues, or a restart); job ids make it idempotent. */
  async resume(ref: RunRef): Promise<{ pages: number; captures: number; detects: number }> {
    const w = await this.d.runs.openWork(ref.runId);
    const depth = await this.d.runs.runDepth(ref.runId);
    await this.d.queues.enqueueMany(JobName.SearchPage, w.pages.map((p) => ({ ...ref, ...p, ...(depth ? { depth } : {}) })));
    await this.d.queues.enqueueMany(JobName.CaptureListing, w.queued.map((listingId) => ({ ...ref, listingId })));
    await this.d.queues.enqueueMany(JobName.DetectCapture, w.captured.map((c) => ({ ...ref, ...c })));
    await this.checkFinished(ref);
    return { pages: w.pages.length, captures: w.queued.length, detects: w.captured.length };
  }

  /** Closes the run once; the delisting confirmations and overdue marks happen in finishScan. */
  async checkFinished(ref: RunRef): Promise<void> {
    if (!(await this.d.runs.finishRunIfComplete(ref.runId))) return;
    await this.d.queues.enqueue(JobName.FinishScan, { runId: ref.runId, runKey: ref.runKey });
  }

  async finishScan(job: FinishScanJob): Promise<void> {
    const run = await this.d.runs.getRun(job.runId);
    const now = new Date();
    const gone = await this.d.runs.goneInRun(job.runId);
    if (gone.length && this.d.hooks?.onListingsGone) await this.d.hooks.onListingsGone(gone, run?.finished_at ?? now);
    if (this.d.hooks?.onRunFinished) await this.d.hooks.onRunFinished(job.runId, now);
    this.d.logger.info({ runId: job.runId, gone: gone.length, stats: run?.stats }, 'scan finished');
  }

  private async closePage(job: SearchPageJob, outcome: SearchOutcome, extra: { found?: number; error?: string; errorKind?: string }): Promise<void> {
    await this.d.runs.finishSearchPage(job.runId, job, outcome, extra);
    await this.checkFinished(job);
  }
}
