/**
 * Builds the pipeline and its workers from the container: the one place the
 * queue layer meets the side effects (crawler, detector, OCR, Postgres).
 */
import { Pipeline, type PipelineDeps } from '../queue/pipeline.js';
import { canonicalItemUrl, listingIdFromUrl } from '../crawler/page.extractor.js';
import { JobName, QueueName, type RunTrigger } from '../queue/jobs.js';
import type { PlatformCatalog } from '../queue/scan.plan.js';
import { RunReconciler } from '../queue/run.reconciler.js';
import { startWorkers, type Workers } from '../queue/worker.js';
import type { Container } from './container.js';
import { crawlPort } from './crawl.port.js';
import { evidenceService } from './evidence.service.js';
import { judgeService } from './judge.service.js';
import { takedownHooks } from './run-hooks.js';
import { runningRunsDetail } from '../store/campaign-run.repository.js';
import { CampaignScheduler } from './campaign.scheduler.js';

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
        if (listingId) return { platform: p.id, listingId, url: canonicalItemUrl(p, listingId) };
      }
      return undefined;
    },
  };
}

export function createPipeline(c: Container): Pipeline {
  const deps: PipelineDeps = {
    db: c.db, evidence: c.evidence, queues: c.queues, logger: c.logger,
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
    connection: c.redis, prefix: c.config.queuePrefix, pipeline,
    crawl: crawlPort(c), judge: judgeService(c), evidence: evidenceService(c), settings: c.config.workers, logger: c.logger, observer: c.metrics.observer,
  }, opts);
  const reconciler = new RunReconciler({ db: c.db, queues: c.queues, pipeline, intervalMs: c.config.workers.stalledIntervalMs, logger: c.logger }).start();
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
 * a job; then its workers, the interrupted runs resumed and the campaigns'
 * job schedulers made to match Postgres.
 */
export async function startWorkerService(c: Container, opts: { queues?: QueueName[] } = {}): Promise<Workers> {
  if (!opts.queues || opts.queues.includes(QueueName.Detect)) await Promise.all([c.detectors.get(), c.ocr?.warm()]);
  const w = startPipelineWorkers(c, opts);
  await resumeRunningRuns(c, w.pipeline);
  const synced = await new CampaignScheduler(c.queues).syncAll(c.db);
  c.logger.info({ queues: opts.queues ?? 'all', ...synced }, 'workers started');
  return w;
}
