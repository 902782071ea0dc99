/**
 * Worker entry: one BullMQ Worker per queue, each with its one processor.
 * Run as many of these as you like on as many machines as share the Redis and
 * Postgres; a worker that dies loses its lock and its job is re-delivered.
 */
import { Worker, type Processor } from 'bullmq';
import type { Container } from '../app/container.js';
import { QueueName } from './jobs.js';
import { Pipeline, type RunFinishedHooks } from './pipeline.js';
import { detectProcessor } from './processors/detect.processor.js';
import { listingProcessor } from './processors/listing.processor.js';
import { scanProcessor } from './processors/scan.processor.js';
import { searchProcessor } from './processors/search.processor.js';

export interface Workers {
  pipeline: Pipeline;
  workers: Worker[];
  close(): Promise<void>;
}

export function startWorkers(c: Container, opts: { queues?: QueueName[]; hooks?: RunFinishedHooks } = {}): Workers {
  const pipeline = new Pipeline(c, opts.hooks);
  const w = c.config.workers;
  const wanted = new Set(opts.queues ?? Object.values(QueueName));
  const common = { connection: c.redis, prefix: c.config.queuePrefix, lockDuration: w.lockDurationMs, stalledInterval: w.stalledIntervalMs, maxStalledCount: 2 };
  const workers: Worker[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const add = (name: QueueName, processor: Processor<any, unknown>, concurrency: number) => {
    if (!wanted.has(name)) return;
    const worker = new Worker(name, processor, { ...common, concurrency });
    worker.on('failed', (job, err) => c.logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
    worker.on('error', (err) => c.logger.error({ queue: name, err: err.message }, 'worker error'));
    workers.push(worker);
  };
  add(QueueName.Scan, scanProcessor(pipeline), 1);
  add(QueueName.Search, searchProcessor(c, pipeline), w.searchConcurrency);
  add(QueueName.Listing, listingProcessor(c, pipeline), w.listingConcurrency);
  add(QueueName.Detect, detectProcessor(c, pipeline), w.detectConcurrency);
  return {
    pipeline, workers,
    async close() { await Promise.all(workers.map((x) => x.close())); },
  };
}
