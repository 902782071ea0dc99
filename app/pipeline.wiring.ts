/**
 * Builds the pipeline and its workers from the container: the one place the
 * queue layer meets the side effects (crawler, detector, OCR, Postgres).
 */
import { Pipeline, type PipelineDeps } from '../queue/pipeline.js';
import { canonicalItemUrl, listingIdFromUrl } from '../crawler/page.extractor.js';
import type { QueueName } from '../queue/jobs.js';
import type { PlatformCatalog } from '../queue/scan.plan.js';
import { startWorkers, type Workers } from '../queue/worker.js';
import type { Container } from './container.js';
import { crawlPort } from './crawl.port.js';
import { judgeService } from './judge.service.js';
import { takedownHooks } from './run-hooks.js';

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
    platforms: { ...platformCatalog(c), firstPage: (id) => c.platform(id).search.firstPage },
    hooks: takedownHooks(c.db),
  };
  return new Pipeline(deps);
}

/** Starts workers for these queues (default all) in this process. */
export function startPipelineWorkers(c: Container, opts: { queues?: QueueName[] } = {}): Workers {
  return startWorkers({
    connection: c.redis, prefix: c.config.queuePrefix, pipeline: createPipeline(c),
    crawl: crawlPort(c), judge: judgeService(c), settings: c.config.workers, logger: c.logger,
  }, opts);
}
