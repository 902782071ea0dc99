/**
 * What runs next, in one place. Processors do one step and hand the outcome
 * here; the pipeline records it and enqueues the following jobs.
 */
import type { Container } from '../app/container.js';
import { loadRegistry, searchKeywords } from '../store/registry.repository.js';
import { upsertDiscovered, knownListings } from '../store/listing.repository.js';
import {
  addRunListings, addSearchPage, createRun, finishRunIfComplete, finishSearchPage, getRun, goneInRun, setRunListingStatus,
} from '../store/scan-run.repository.js';
import { JobName, type SearchPageJob, type StartScanJob } from './jobs.js';

/** Called when a run's last item is done (wired to the takedown service by the worker). */
export interface RunFinishedHooks {
  onListingsGone?: (listingIds: number[], observedAt: Date) => Promise<unknown>;
  onRunFinished?: (runId: number, now: Date) => Promise<unknown>;
}

export class Pipeline {
  constructor(private readonly c: Container, private readonly hooks: RunFinishedHooks = {}) {}

  /** Creates the run's work: page one of every keyword on every platform, and a re-check of every known listing. */
  async startScan(job: StartScanJob): Promise<number> {
    const platforms = job.platforms.includes('*')
      ? this.c.config.platforms.filter((p) => p.enabled).map((p) => p.id)
      : job.platforms.map((id) => this.c.platform(id).id);
    const runId = job.runId ?? (await createRun(this.c.db, platforms, job.trigger));
    const keywords = searchKeywords(await loadRegistry(this.c.db));
    const pages: SearchPageJob[] = [];
    for (const platform of platforms) {
      const first = this.c.platform(platform).search.firstPage;
      for (const keyword of keywords) {
        if (await addSearchPage(this.c.db, runId, platform, keyword, first)) pages.push({ runId, platform, keyword, page: first });
      }
    }
    const recheck = await addRunListings(this.c.db, runId, await knownListings(this.c.db, platforms), 'recheck');
    await this.c.queues.enqueueMany(JobName.SearchPage, pages);
    await this.c.queues.enqueueMany(JobName.CaptureListing, recheck.map((listingId) => ({ runId, listingId })));
    this.c.logger.info({ runId, platforms, keywords: keywords.length, recheck: recheck.length }, 'scan started');
    await this.checkFinished(runId);
    return runId;
  }

  /** Results of one search page: new listings get a capture job, and the next page is queued. */
  async searchPageDone(job: SearchPageJob, items: Array<{ listingId: string; url: string }>, hasNext: boolean): Promise<void> {
    const rowIds = await upsertDiscovered(this.c.db, job.platform, items);
    const fresh = await addRunListings(this.c.db, job.runId, rowIds, 'search');
    await this.c.queues.enqueueMany(JobName.CaptureListing, fresh.map((listingId) => ({ runId: job.runId, listingId })));
    const platform = this.c.platform(job.platform);
    const depth = job.page - platform.search.firstPage + 1;
    if (hasNext && items.length > 0 && depth < this.c.config.crawler.maxPagesPerKeyword) {
      const next = { ...job, page: job.page + 1 };
      if (await addSearchPage(this.c.db, job.runId, job.platform, job.keyword, next.page)) await this.c.queues.enqueue(JobName.SearchPage, next);
    }
    await finishSearchPage(this.c.db, job.runId, job.platform, job.keyword, job.page, { found: items.length });
    await this.checkFinished(job.runId);
  }

  async searchPageFailed(job: SearchPageJob, error: string): Promise<void> {
    await finishSearchPage(this.c.db, job.runId, job.platform, job.keyword, job.page, { error });
    await this.checkFinished(job.runId);
  }

  async captured(runId: number, listingId: number, captureId: number): Promise<void> {
    await setRunListingStatus(this.c.db, runId, listingId, 'captured', { captureId });
    await this.c.queues.enqueue(JobName.DetectCapture, { runId, captureId, listingId });
  }

  async gone(runId: number, listingId: number): Promise<void> {
    await setRunListingStatus(this.c.db, runId, listingId, 'gone');
    await this.checkFinished(runId);
  }

  async detected(runId: number, listingId: number): Promise<void> {
    await setRunListingStatus(this.c.db, runId, listingId, 'detected');
    await this.checkFinished(runId);
  }

  async listingFailed(runId: number, listingId: number, error: string): Promise<void> {
    await setRunListingStatus(this.c.db, runId, listingId, 'failed', { error });
    await this.checkFinished(runId);
  }

  /** Closes the run once; the delisting confirmations and overdue marks happen here. */
  async checkFinished(runId: number): Promise<void> {
    if (!(await finishRunIfComplete(this.c.db, runId))) return;
    await this.c.queues.enqueue(JobName.FinishScan, { runId });
  }

  async finishScan(runId: number): Promise<void> {
    const run = await getRun(this.c.db, runId);
    const now = new Date();
    const gone = await goneInRun(this.c.db, runId);
    if (gone.length && this.hooks.onListingsGone) await this.hooks.onListingsGone(gone, run?.finished_at ?? now);
    if (this.hooks.onRunFinished) await this.hooks.onRunFinished(runId, now);
    this.c.logger.info({ runId, gone: gone.length, stats: run?.stats }, 'scan finished');
  }
}
