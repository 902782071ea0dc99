/**
 * Builds the pipeline and its workers from the container: the one place the
 * queue layer meets the side effects (crawler, detector, OCR, Postgres).
 */
import { Pipeline, type PipelineDeps } from '../queue/pipeline.js';
import type { QueueName } from '../queue/jobs.js';
import { startWorkers, type Workers } from '../queue/worker.js';
import type { Container } from './container.js';
import { crawlPort } from './crawl.port.js';
import { evidenceService } from './evidence.service.js';
import { judgeService } from './judge.service.js';
import { takedownHooks } from './run-hooks.js';

export function createPipeline(c: Container): Pipeline {
  const deps: PipelineDeps = {
    db: c.db, evidence: c.evidence, queues: c.queues, logger: c.logger,
    maxPagesPerKeyword: c.config.crawler.maxPagesPerKeyword,
    maxBacklog: c.config.workers.maxBacklog,
    platforms: {
      enabled: () => c.config.platforms.filter((p) => p.enabled).map((p) => p.id),
      firstPage: (id) => c.platform(id).search.firstPage,
      screenshotPolicy: (id) => c.platform(id).evidence.screenshot,
    },
    hooks: takedownHooks(c.db),
  };
  return new Pipeline(deps);
}

/** Starts workers for these queues (default all) in this process. */
export function startPipelineWorkers(c: Container, opts: { queues?: QueueName[] } = {}): Workers {
  return startWorkers({
    connection: c.redis, prefix: c.config.queuePrefix, pipeline: createPipeline(c),
    crawl: crawlPort(c), judge: judgeService(c), evidence: evidenceService(c), settings: c.config.workers, logger: c.logger,
  }, opts);
}
