/**
 * Builds the pipeline and its workers from the container: the one place the
 * queue layer meets the side effects (crawler, detector, OCR, Postgres).
 */
import { Pipeline, type PipelineDeps } from '../queue/pipeline.js';
import type { QueueName } from '../queue/jobs.js';
import { RunReconciler } from '../queue/run.reconciler.js';
import { startWorkers, type Workers } from '../queue/worker.js';
import type { Container } from './container.js';
import { crawlPort } from './crawl.port.js';
import { judgeService } from './judge.service.js';
import { takedownHooks } from './run-hooks.js';

export function createPipeline(c: Container): Pipeline {
  const deps: PipelineDeps = {
    db: c.db, evidence: c.evidence, queues: c.queues, logger: c.logger,
    maxPagesPerKeyword: c.config.crawler.maxPagesPerKeyword,
    platforms: {
      enabled: () => c.config.platforms.filter((p) => p.enabled).map((p) => p.id),
      firstPage: (id) => c.platform(id).search.firstPage,
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
    crawl: crawlPort(c), judge: judgeService(c), settings: c.config.workers, logger: c.logger,
  }, opts);
  const reconciler = new RunReconciler({ db: c.db, queues: c.queues, pipeline, intervalMs: c.config.workers.stalledIntervalMs, logger: c.logger }).start();
  return {
    ...w, reconciler,
    async close() { reconciler.stop(); await w.close(); },
  };
}
