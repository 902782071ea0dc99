/** BullMQ queues on Redis: one connection factory, typed `enqueue` for every job of jobs.ts. */
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { JobName, QUEUE_OF, QueueName, jobId, type AnyJobName, type InstallStamp, type JobMap } from './jobs.js';

export function createRedis(url: string): Redis {
  // BullMQ workers block on Redis; they need maxRetriesPerRequest: null.
  const r = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  // Reconnect errors are reported where they matter (connection checks name REDIS_URL, /api/health), not as
  // ioredis's "Unhandled error event" on every retry.
  r.on('error', () => {});
  return r;
}

export interface QueueSettings {
  prefix: string; attempts: number; backoffMs: number;
  /** The install identity stamped on every job (workers refuse other installs' jobs); without it jobs carry none. */
  install?: () => Promise<string>;
}

/** The pipeline's queues, and the only way jobs are added. */
export class Queues {
  readonly byName: Record<QueueName, Queue>;

  constructor(readonly connection: Redis, readonly settings: QueueSettings) {
    const defaults: JobsOptions = {
      attempts: settings.attempts,
      backoff: { type: 'exponential', delay: settings.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 50_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
    const make = (name: QueueName) => {
      const q = new Queue(name, { connection, prefix: settings.prefix, defaultJobOptions: defaults });
      q.on('error', () => {}); // connection errors: reported by the callers' checks (REDIS_URL), not once per retry
      return q;
    };
    this.byName = {
      [QueueName.Scan]: make(QueueName.Scan),
      [QueueName.Search]: make(QueueName.Search),
      [QueueName.Listing]: make(QueueName.Listing),
      [QueueName.Detect]: make(QueueName.Detect),
      [QueueName.Evidence]: make(QueueName.Evidence),
    };
  }

  /** The payload with this install's identity (also for job schedulers' templates, which bypass `enqueue`). */
  async stamp<T extends object>(data: T): Promise<T & InstallStamp> {
    return this.settings.install ? { ...data, install: await this.settings.install() } : data;
  }

  async enqueue<N extends AnyJobName>(name: N, data: JobMap[N], opts: JobsOptions = {}): Promise<void> {
    await this.byName[QUEUE_OF[name]].add(name, await this.stamp(data), { jobId: idOf(name, data), ...opts });
  }

  async enqueueMany<N extends AnyJobName>(name: N, items: Array<JobMap[N]>): Promise<void> {
    if (!items.length) return;
    const q = this.byName[QUEUE_OF[name]];
    const install = this.settings.install ? await this.settings.install() : undefined;
    for (let i = 0; i < items.length; i += 1000) {
      await q.addBulk(items.slice(i, i + 1000).map((data) => ({ name, data: install ? { ...data, install } : data, opts: { jobId: idOf(name, data) } })));
    }
  }

  /** Jobs waiting to start on one queue (back-pressure reads this). */
  async backlog(name: QueueName): Promise<number> {
    const c = await this.byName[name].getJobCounts('waiting', 'prioritized');
    return (c.waiting ?? 0) + (c.prioritized ?? 0);
  }

  /** Waiting + active + delayed jobs over all queues. */
  async pending(): Promise<number> {
    let n = 0;
    for (const q of Object.values(this.byName)) {
      const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      n += Object.values(c).reduce((a, b) => a + b, 0);
    }
    return n;
  }

  /** Deletes every job of every queue (demo reset, tests). */
  async obliterate(): Promise<void> {
    for (const q of Object.values(this.byName)) await q.obliterate({ force: true });
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.byName).map((q) => q.close()));
  }
}

function idOf<N extends AnyJobName>(name: N, data: JobMap[N]): string | undefined {
  switch (name) {
    case JobName.StartScan: return jobId.startScan(data as JobMap['start-scan']);
    case JobName.FinishScan: return jobId.finishScan(data as JobMap['finish-scan']);
    case JobName.SearchPage: return jobId.searchPage(data as JobMap['search-page']);
    case JobName.CaptureListing: return jobId.captureListing(data as JobMap['capture-listing']);
    case JobName.DetectCapture: return jobId.detectCapture(data as JobMap['detect-capture']);
    case JobName.RenderEvidence: return jobId.renderEvidence(data as JobMap['render-evidence']);
    default: return undefined;
  }
}
