/** The one retry layer: BullMQ attempts driven by the error class's policy, against a real Redis. */
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockedError, ExtractionError, RateLimitedError, TransientError } from '../../crawler/errors.js';
import type { Failure } from '../../queue/pipeline.js';
import { withRetryPolicy } from '../../queue/retry.policy.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const open: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => { for (const o of open.splice(0).reverse()) await o.close().catch(() => {}); });

/** Runs one job through a worker whose work is `attempt(n)`; resolves when it completed or failed for good. */
async function run(attempt: (n: number) => Promise<unknown>, attempts = 3) {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const name = `retry-${randomBytes(4).toString('hex')}`;
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }) });
  const finals: Failure[] = [];
  const rotated: unknown[] = [];
  /** Per call: attempts BullMQ counted as made before it, and when the job was due to run again if it was delayed. */
  const seen: Array<{ attemptsMade: number }> = [];
  const delayedUntil: number[] = [];
  events.on('delayed', ({ delay }) => { delayedUntil.push(Number(delay)); });
  let calls = 0;
  const worker = new Worker(name, (job: Job, token?: string) => withRetryPolicy(job, token, () => { seen.push({ attemptsMade: job.attemptsMade }); return attempt(++calls); }, {
    onFinal: async (f) => { finals.push(f); },
    onRotate: async (err) => { rotated.push(err); },
  }), { connection, concurrency: 1 });
  open.push({ close: async () => { await worker.close(); await events.close(); await queue.obliterate({ force: true }); await queue.close(); connection.disconnect(); } });
  await events.waitUntilReady();
  const job = await queue.add('j', {}, { attempts, backoff: { type: 'fixed', delay: 20 } });
  const outcome = await Promise.race([
    job.waitUntilFinished(events, 20_000).then(() => 'completed', () => 'failed'),
  ]);
  return { outcome, calls: () => calls, finals, rotated, seen, delayedUntil };
}

describe('withRetryPolicy', () => {
  it('retries a transient error with backoff and records one final failure when attempts run out', async () => {
    const r = await run(async () => { throw new TransientError('timeout', 'p', 'http://x/'); }, 3);
    expect(r.outcome).toBe('failed');
    expect(r.calls()).toBe(3);
    expect(r.finals).toHaveLength(1);
    expect(r.finals[0]).toMatchObject({ blocked: false, kind: 'TransientError' });
  });

  it('fails a never-retry error at once (a broken page cannot get better)', async () => {
    const r = await run(async () => { throw new ExtractionError('no title', 'p', 'http://x/', 'title'); }, 4);
    expect(r.outcome).toBe('failed');
    expect(r.calls()).toBe(1);
    expect(r.finals).toHaveLength(1);
  });

  it('retires the session that was blocked before retrying, and succeeds with the fresh one', async () => {
    const r = await run(async (n) => { if (n === 1) throw new BlockedError('p', 'http://x/', 'status', 403); return 'ok'; }, 3);
    expect(r.outcome).toBe('completed');
    expect(r.rotated).toHaveLength(1);
    expect(r.finals).toHaveLength(0);
  });

  it('records a block that outlasts every attempt as blocked, not as a plain failure', async () => {
    const r = await run(async () => { throw new BlockedError('p', 'http://x/', 'status', 403); }, 2);
    expect(r.outcome).toBe('failed');
    expect(r.finals[0]).toMatchObject({ blocked: true, kind: 'BlockedError' });
  });

  it('waits as long as Retry-After says without spending an attempt', async () => {
    const thrownAt: number[] = [];
    const r = await run(async (n) => {
      if (n <= 2) { thrownAt.push(Date.now()); throw new RateLimitedError('p', 'http://x/', 300, 429); }
      return 'ok';
    }, 1);
    expect(r.outcome).toBe('completed');
    expect(r.calls()).toBe(3);
    expect(r.seen.map((s) => s.attemptsMade)).toEqual([0, 0, 0]); // one attempt allowed, none spent on the waits
    // Each wait is the job moved to delayed until at least Retry-After past the throw.
    expect(r.delayedUntil).toHaveLength(2);
    r.delayedUntil.forEach((until, i) => expect(until).toBeGreaterThanOrEqual(thrownAt[i] + 300));
    expect(r.rotated).toHaveLength(0);
  });

  it('a field named retryAfterMs on another error is not a Retry-After: only the class says wait', async () => {
    const r = await run(async () => { throw Object.assign(new TransientError('timeout', 'p', 'http://x/'), { retryAfterMs: 60_000 }); }, 2);
    expect(r.outcome).toBe('failed');
    expect(r.seen.map((s) => s.attemptsMade)).toEqual([0, 1]); // each try spent an attempt: no wait
  });

  it('records a throttle that never lets go as a failure, not a block, and retires no session', async () => {
    // Retry-After 0: nothing to wait for, so each try spends an attempt, as any retry would.
    const r = await run(async () => { throw new RateLimitedError('p', 'http://x/', 0, 429); }, 2);
    expect(r.outcome).toBe('failed');
    expect(r.calls()).toBe(2);
    expect(r.rotated).toHaveLength(0);
    expect(r.finals).toEqual([expect.objectContaining({ blocked: false, kind: 'RateLimitedError' })]);
  });
});
