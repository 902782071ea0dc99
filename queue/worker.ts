/**
 * Worker entry: one BullMQ Worker per queue, each with its one processor.
 * Run as many of these as you like on as many machines as share the Redis and
 * Postgres; a worker that dies loses its lock and its job is re-delivered.
 */
import { Worker, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import { QueueName } from './jobs.js';
import type { Pipeline } from './pipeline.js';
import type { CrawlPort, EvidencePort, JudgePort } from './ports.js';
import { evidenceProcessor } from './processors/evidence.processor.js';
import { detectProcessor } from './processors/detect.processor.js';
import { listingProcessor } from './processors/listing.processor.js';
import { scanProcessor } from './processors/scan.processor.js';
import { searchProcessor } from './processors/search.processor.js';

/** Everything the workers need, built in app/ (see app/pipeline.wiring.ts). */
export interface WorkerDeps {
  connection: Redis;
  prefix: string;
  pipeline: Pipeline;
  crawl: CrawlPort;
  judge: JudgePort;
  evidence: EvidencePort;
  settings: { lockDurationMs: number; stalledIntervalMs: number; searchConcurrency: number; listingConcurrency: number; detectConcurrency: number; evidenceConcurrency: number };
  logger: { warn(o: object, msg: string): void; error(o: object, msg: string): void };
}

export interface Workers {
  pipeline: Pipeline;
  workers: Worker[];
  close(): Promise<void>;
}

export function startWorkers(d: WorkerDeps, opts: { queues?: QueueName[] } = {}): Workers {
  const s = d.settings;
  const wanted = new Set(opts.queues ?? Object.values(QueueName));
  const common = { connection: d.connection, prefix: d.prefix, lockDuration: s.lockDurationMs, stalledInterval: s.stalledIntervalMs, maxStalledCount: 2 };
  const workers: Worker[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const add = (name: QueueName, processor: Processor<any, unknown>, concurrency: number) => {
    if (!wanted.has(name)) return;
    const worker = new Worker(name, processor, { ...common, concurrency });
    worker.on('failed', (job, err) => d.logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
    worker.on('error', (err) => d.logger.error({ queue: name, err: err.message }, 'worker error'));
    workers.push(worker);
  };
  add(QueueName.Scan, scanProcessor(d.pipeline), 1);
  add(QueueName.Search, searchProcessor(d.crawl, d.pipeline), s.searchConcurrency);
  add(QueueName.Listing, listingProcessor(d.crawl, d.pipeline), s.listingConcurrency);
  add(QueueName.Detect, detectProcessor(d.judge, d.pipeline), s.detectConcurrency);
  add(QueueName.Evidence, evidenceProcessor(d.evidence, d.pipeline), s.evidenceConcurrency);
  return {
    pipeline: d.pipeline, workers,
    async close() { await Promise.all(workers.map((x) => x.close())); },
  };
}
