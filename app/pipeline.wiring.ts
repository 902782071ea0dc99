/**
 * Builds the pipeline and its workers from the container: the one place the
 * queue layer meets the side effects (crawler, detector, OCR, Postgres). The
 * queue layer never sees the database: it is handed the store's repository
 * functions bound to it (the record ports of queue/ports.ts).
 */
import { Pipeline, type PipelineDeps } from '../queue/pipeline.js';
import { canonicalItemUrl, listingIdFromUrl } from '../crawler/page.extractor.js';
import { listingIdProblem } from '../crawler/url.template.js';
import { JobName, QueueName, type RunTrigger } from '../queue/jobs.js';
import type { ListingRecordPort, RunRecordPort, SearchPageKey } from '../queue/ports.js';
import type { PlatformCatalog, ScanPlanSources } from '../queue/scan.plan.js';
import { RunReconciler } from '../queue/run.reconciler.js';
import { startWorkers, type Workers } from '../queue/worker.js';
import type { Container } from './container.js';
import { crawlPort } from './crawl.port.js';
import { evidenceService } from './evidence.service.js';
import { judgeService } from './judge.service.js';
import { takedownHooks } from './run-hooks.js';
import { markWorkCreated, runDepth, runningRunsDetail } from '../store/campaign-run.repository.js';
import { getCampaign } from '../store/campaign.repository.js';
import { storeCapture } from '../store/capture.recorder.js';
import type { Db } from '../store/database.js';
import type { EvidenceStore } from '../store/evidence.store.js';
import { storedPageOfCapture } from '../store/evidence.repository.js';
import { getListing, knownListingsByPlatform, markFailed, markGone, upsertDiscovered } from '../store/listing.repository.js';
import { loadRegistry } from '../store/registry.repository.js';
import {
  addRunListings, addSearchPages, createRun, failRun, finishRunIfComplete, finishSearchPage, getRun, goneInRun, moveRunListing, openWork, runCounts, runningRuns,
} from '../store/scan-run.repository.js';
import { saveVerdict } from '../store/verdict.repository.js';
import { CampaignScheduler } from './campaign.scheduler.js';
import { checkQueuePrefix } from './install.check.js';
import { runRetention, scheduleRetention } from './retention.scheduler.js';

/** The enabled platforms, and which of them an item URL belongs to (same origin, and the platform's item id pattern matches). */
export function platformCatalog(c: Pick<Container, 'config'>): PlatformCatalog {
  const enabled = () => c.config.platforms.filter((p) => p.enabled);
  return {
    enabled: () => enabled().map((p) => p.id),
    listingOf(url) {
      let u: URL;
      try { u = new URL(url); } catch { return undefined; }
      if (!['http:', 'https:'].includes(u.protocol)) return undefined;
      for (const p of enabled()) {
        if (new URL(p.baseUrl).origin !== u.origin) continue;
        const listingId = listingIdFromUrl(p, u.pathname + u.search);
        if (listingId && !listingIdProblem(p, listingId)) return { platform: p.id, listingId, url: canonicalItemUrl(p, listingId) };
      }
      return undefined;
    },
  };
}

/** The runs' record: the store's scan-run repository bound to the database. */
export function runRecords(db: Db): RunRecordPort {
  return {
    createRun: (platforms, trigger, campaignId) => createRun(db, platforms, trigger, campaignId),
    getRun: (runId) => getRun(db, runId),
    failRun: (runId, reason) => failRun(db, runId, reason),
    runningRuns: () => runningRuns(db),
    runCounts: (runId) => runCounts(db, runId),
    openWork: (runId) => openWork(db, runId),
    markWorkCreated: (runId, depth) => markWorkCreated(db, runId, depth),
    runDepth: (runId) => runDepth(db, runId),
    finishRunIfComplete: (runId) => finishRunIfComplete(db, runId),
    goneInRun: (runId) => goneInRun(db, runId),
    addSearchPages: <T extends SearchPageKey>(runId: number, pages: T[]) => addSearchPages(db, runId, pages),
    finishSearchPage: (runId, page, outcome, extra) => finishSearchPage(db, runId, page, outcome, extra),
    addRunListings: (runId, platform, listingIds, source, newIds) => addRunListings(db, runId, platform, listingIds, source, newIds),
    moveRunListing: (runId, listingId, to, extra) => moveRunListing(db, runId, listingId, to, extra),
  };
}

/** Listings, captures and verdicts: the store's repositories bound to the database and the evidence store. */
export function listingRecords(db: Db, evidence: EvidenceStore): ListingRecordPort {
  return {
    upsertDiscovered: (platform, items) => upsertDiscovered(db, platform, items),
    knownListingsByPlatform: (platforms) => knownListingsByPlatform(db, platforms),
    getListing: (listingRowId) => getListing(db, listingRowId),
    markGone: (listingRowId, runId, at) => markGone(db, listingRowId, runId, at),
    markFailed: (listingRowId, error) => markFailed(db, listingRowId, error),
    storeCapture: (listingRowId, runId, result) => storeCapture(db, evidence, listingRowId, runId, result),
    saveVerdict: (captureId, listingRowId, verdict, version) => saveVerdict(db, captureId, listingRowId, verdict, version),
    storedPageOfCapture: (captureId) => storedPageOfCapture(db, captureId),
  };
}

/** Campaigns and the register, for planning a run. */
export function scanPlanSources(db: Db): ScanPlanSources {
  return { getCampaign: (id) => getCampaign(db, id), loadRegistry: () => loadRegistry(db) };
}

export function createPipeline(c: Container): Pipeline {
  const deps: PipelineDeps = {
    runs: runRecords(c.db), listings: listingRecords(c.db, c.evidence), plans: scanPlanSources(c.db),
    queues: c.queues, logger: c.logger,
    maxPagesPerKeyword: c.config.crawler.maxPagesPerKeyword,
    maxBacklog: c.config.workers.maxBacklog,
    platforms: {
      ...platformCatalog(c),
      firstPage: (id) => c.platform(id).search.firstPage,
      screenshotPolicy: (id) => c.platform(id).evidence.screenshot,
    },
    hooks: takedownHooks(c.db),
  };
  return new Pipeline(deps);
}

/**
 * Starts workers for these queues (default all) in this process, with a run
 * reconciler that re-enqueues a running run's open work when Redis lost it.
 */
export function startPipelineWorkers(c: Container, opts: { queues?: QueueName[] } = {}): Workers & { reconciler: RunReconciler } {
  const pipeline = createPipeline(c);
  const w = startWorkers({
    connection: c.redis, prefix: c.config.queuePrefix, install: c.install, pipeline,
    crawl: c.metrics.countCaptures(crawlPort(c)), judge: c.metrics.countFlags(judgeService(c)), evidence: evidenceService(c), settings: c.config.workers, logger: c.logger, observer: c.metrics.observer,
    maintenance: () => runRetention(c.db, c.config),
  }, opts);
  const reconciler = new RunReconciler({ runs: runRecords(c.db), queues: c.queues, pipeline, intervalMs: c.config.workers.stalledIntervalMs, logger: c.logger }).start();
  return {
    ...w, reconciler,
    async close(timeoutMs?: number) { reconciler.stop(); return w.close(timeoutMs); },
  };
}

/**
 * Puts back what a restart (or a Redis that lost its data) interrupted: every
 * run still `running` gets its open work re-enqueued from Postgres (job ids
 * are deterministic, so work still queued is not doubled); a run whose start
 * job never created its work gets the start job again. Idempotent.
 */
export async function resumeRunningRuns(c: Container, pipeline: Pipeline): Promise<Array<{ runId: number; pages: number; captures: number; detects: number; restarted?: boolean }>> {
  const out = [];
  for (const run of await runningRunsDetail(c.db)) {
    const ref = { runId: run.id, runKey: run.uuid };
    if (!run.workCreated) {
      await c.queues.enqueue(JobName.StartScan, {
        ...ref, platforms: run.platforms, trigger: run.trigger as RunTrigger, campaignId: run.campaignId ?? undefined, depth: run.depth ?? undefined,
      });
      out.push({ runId: run.id, pages: 0, captures: 0, detects: 0, restarted: true });
      continue;
    }
    out.push({ runId: run.id, ...(await pipeline.resume(ref)) });
  }
  if (out.length) c.logger.info({ runs: out }, 'running runs resumed');
  return out;
}

/**
 * What a worker process does at start: a detect worker first builds the
 * detector (register, logo index) and starts its OCR workers, so its first
 * jobs do not wait for them and missing language data fails the start, not
 * a job; then its workers, the interrupted runs resumed, the campaigns'
 * job schedulers made to match Postgres and the daily retention job set.
 */
export async function startWorkerService(c: Container, opts: { queues?: QueueName[] } = {}): Promise<Workers> {
  await checkQueuePrefix(c);
  if (!opts.queues || opts.queues.includes(QueueName.Detect)) await Promise.all([c.detectors.get(), c.ocr?.warm()]);
  const w = startPipelineWorkers(c, opts);
  await resumeRunningRuns(c, w.pipeline);
  const synced = await new CampaignScheduler(c.queues).syncAll(c.db);
  await scheduleRetention(c.queues, c.config);
  c.logger.info({ queues: opts.queues ?? 'all', ...synced }, 'workers started');
  return w;
}
