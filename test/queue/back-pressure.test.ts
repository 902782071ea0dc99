/**
 * Search waits while the listing queue is over its backlog, and goes on once
 * capture has caught up (real Redis). What is checked is the backlog the
 * pipeline read from BullMQ each time it looked: it is released only by a
 * reading at or under the bound, never while every reading was over it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { JobName, QueueName } from '../../queue/jobs.js';
import { Pipeline, type PipelineDeps } from '../../queue/pipeline.js';
import { Queues, createRedis } from '../../queue/queues.js';
import { until } from '../support/wait.js';

const redis = createRedis('redis://127.0.0.1:6379');
const queues = new Queues(redis, { prefix: `bp-${randomBytes(4).toString('hex')}`, attempts: 1, backoffMs: 10 });
afterAll(async () => { await queues.obliterate(); await queues.close(); redis.disconnect(); });

/** The real queues, recording every listing backlog the pipeline reads (the counts are BullMQ's). */
function watched(): { queues: Queues; readings: number[] } {
  const readings: number[] = [];
  const q = Object.create(queues) as Queues;
  q.backlog = async (name) => {
    const n = await queues.backlog(name);
    if (name === QueueName.Listing) readings.push(n);
    return n;
  };
  return { queues: q, readings };
}

/** Takes `n` waiting capture jobs off the listing queue, as capture workers would. */
async function take(n: number): Promise<void> {
  for (const job of await queues.byName[QueueName.Listing].getWaiting(0, n - 1)) await job.remove();
}

describe('back-pressure', () => {
  it('holds search while captures are over maxBacklog, and releases it on the first reading at the bound', async () => {
    const w = watched();
    const pipeline = new Pipeline({ queues: w.queues, maxBacklog: 10 } as unknown as PipelineDeps);
    await queues.enqueueMany(JobName.CaptureListing, Array.from({ length: 15 }, (_, i) => ({ runId: 1, runKey: 'k', listingId: i })));
    expect(await queues.backlog(QueueName.Listing)).toBe(15);
    let released = false;
    const waiting = pipeline.awaitCaptureCapacity(3_600_000).then(() => { released = true; });

    // It looked twice and saw 15 both times: still held.
    await until(() => w.readings.length >= 2, { what: 'two backlog readings' });
    expect(released).toBe(false);
    // One over the bound is still over it.
    await take(4);
    await until(() => w.readings.at(-1) === 11, { what: 'a reading of 11' });
    expect(released).toBe(false);
    // At the bound: released, by that reading.
    await take(1);
    await waiting;
    expect(w.readings.at(-1)).toBe(10);
    expect(w.readings.slice(0, -1).every((n) => n > 10)).toBe(true);
    expect(w.readings.slice(0, -1)).toContain(15);
  });

  it('does not hold search when the listing queue is within the bound', async () => {
    await queues.byName[QueueName.Listing].drain();
    const w = watched();
    const pipeline = new Pipeline({ queues: w.queues, maxBacklog: 10 } as unknown as PipelineDeps);
    await queues.enqueueMany(JobName.CaptureListing, Array.from({ length: 10 }, (_, i) => ({ runId: 2, runKey: 'k2', listingId: i })));
    await pipeline.awaitCaptureCapacity(3_600_000);
    expect(w.readings).toEqual([10]);
  });
});
