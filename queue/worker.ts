/**
 * Worker entry: one BullMQ Worker per queue, each with its one processor.
 * Run as many of these as you like on as many machines as share the Redis and
 * Postgres; a worker that dies loses its lock and its job is re-delivered.
 */
import { UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import { QueueName, foreignJobMessage } from './jobs.js';
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
  /** This worker's install identity (its database's); jobs stamped otherwise are refused. */
  install: () => Promise<string>;
  pipeline: Pipeline;
  crawl: CrawlPort;
  judge: JudgePort;
  evidence: EvidencePort;
  settings: { lockDurationMs: number; stalledIntervalMs: number; searchConcurrency: number; listingConcurrency: number; detectConcurrency: number; evidenceConcurrency: number };
  logger: { info?(o: object, msg: string): void; warn(o: object, msg: string): void; error(o: object, msg: string): void };
  /** The daily retention job's work (app/retention.scheduler.ts); without it that job fails as unknown. */
  maintenance?: () => Promise<unknown>;
  /** Told of every job that starts and ends (metrics: queue wait, jobs per second, crawl and detect latency). */
  observer?: JobObserver;
}

/** Receives each job's start (how long it waited in its queue) and end (its queue, name, outcome and how long it ran). */
export interface JobObserver {
  jobDone(queue: QueueName, name: string, outcome: 'completed' | 'failed', durationMs: number): void;
  /** A worker took the job: `waitMs` is its processedOn - timestamp (from being added, so a retry's backoff counts too). */
  jobStarted?(queue: QueueName, name: string, waitMs: number): void;
}

export interface Workers {
  pipeline: Pipeline;
  workers: Worker[];
  /**
   * Graceful stop: no new jobs are taken; active jobs get `timeoutMs` to
   * finish; those still running then are handed back to the queue (moved to
   * wait, at once available to another worker) and the workers closed.
   * Returns how many jobs were handed back.
   */
  close(timeoutMs?: number): Promise<{ handedBack: number }>;
}

/** Default time active jobs get to finish on a graceful stop. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 20_000;

export function startWorkers(d: WorkerDeps, opts: { queues?: QueueName[] } = {}): Workers {
  const s = d.settings;
  const wanted = new Set(opts.queues ?? Object.values(QueueName));
  const common = { connection: d.connection, prefix: d.prefix, lockDuration: s.lockDurationMs, stalledInterval: s.stalledIntervalMs, maxStalledCount: 2 };
  const workers: Worker[] = [];
  const active = new Set<Job>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const add = (name: QueueName, processor: Processor<any, unknown>, concurrency: number) => {
    if (!wanted.has(name)) return;
    // Another install's job (same Redis prefix, another database) fails for good before the processor reads or writes anything.
    const guarded = async (job: Job<{ install?: string }>, token?: string) => {
      const own = await d.install();
      const theirs = job.data?.install;
      if (theirs !== own) throw new UnrecoverableError(foreignJobMessage(job.id, theirs, own));
      return processor(job, token);
    };
    const worker = new Worker(name, guarded, { ...common, concurrency });
    worker.on('failed', (job, err) => d.logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
    worker.on('error', (err) => d.logger.error({ queue: name, err: err.message }, 'worker error'));
    worker.on('active', (job) => {
      active.add(job);
      if (job.processedOn && job.timestamp) d.observer?.jobStarted?.(name, job.name, Math.max(0, job.processedOn - job.timestamp));
    });
    const ended = (outcome: 'completed' | 'failed') => (job: Job | undefined) => {
      if (!job) return;
      active.delete(job);
      const ms = job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : 0;
      d.observer?.jobDone(name, job.name, outcome, ms);
    };
    worker.on('completed', ended('completed'));
    worker.on('failed', ended('failed'));
    workers.push(worker);
  };
  add(QueueName.Scan, scanProcessor(d.pipeline, d.maintenance), 1);
  add(QueueName.Search, searchProcessor(d.crawl, d.pipeline), s.searchConcurrency);
  add(QueueName.Listing, listingProcessor(d.crawl, d.pipeline), s.listingConcurrency);
  add(QueueName.Detect, detectProcessor(d.judge, d.pipeline), s.detectConcurrency);
  add(QueueName.Evidence, evidenceProcessor(d.evidence, d.pipeline), s.evidenceConcurrency);
  return {
    pipeline: d.pipeline, workers,
    async close(timeoutMs = DEFAULT_CLOSE_TIMEOUT_MS) {
      let timer: NodeJS.Timeout | undefined;
      const closing = Promise.all(workers.map((x) => x.close()));
      const inTime = await Promise.race([closing.then(() => true), new Promise<boolean>((r) => { timer = setTimeout(() => r(false), timeoutMs); })]);
      clearTimeout(timer);
      if (inTime) return { handedBack: 0 };
      let handedBack = 0;
      for (const job of active) {
        // Back to wait with its lock released: another worker takes it now, not after the stalled check.
        if (job.token && (await job.moveToWait(job.token).then(() => true, () => false))) handedBack++;
      }
      active.clear();
      await Promise.all(workers.map((x) => x.close(true)));
      d.logger.warn({ handedBack }, 'workers closed; unfinished jobs handed back');
      return { handedBack };
    },
  };
}
