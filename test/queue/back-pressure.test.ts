/** Search waits while the listing queue is over its backlog, and goes on as soon as capture catches up (real Redis). */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { JobName, QueueName } from '../../queue/jobs.js';
import { Pipeline, type PipelineDeps } from '../../queue/pipeline.js';
import { Queues, createRedis } from '../../queue/queues.js';

const redis = createRedis('redis://127.0.0.1:6379');
const queues = new Queues(redis, { prefix: `bp-${randomBytes(4).toString('hex')}`, attempts: 1, backoffMs: 10 });
afterAll(async () => { await queues.obliterate(); await queues.close(); redis.disconnect(); });

describe('back-pressure', () => {
  it('holds search while captures pile up past maxBacklog, releases it when they drain', async () => {
    const pipeline = new Pipeline({ queues, maxBacklog: 10 } as unknown as PipelineDeps);
    await queues.enqueueMany(JobName.CaptureListing, Array.from({ length: 15 }, (_, i) => ({ runId: 1, runKey: 'k', listingId: i })));
    expect(await queues.backlog(QueueName.Listing)).toBe(15);
    let released = 0;
    const waiting = pipeline.awaitCaptureCapacity(10_000).then(() => { released = Date.now(); });
    await new Promise((r) => setTimeout(r, 800));
    expect(released).toBe(0);
    const drainedAt = Date.now();
    await queues.byName[QueueName.Listing].drain();
    await waiting;
    expect(released).toBeGreaterThanOrEqual(drainedAt);
    expect(released - drainedAt).toBeLessThan(2000);
  });
});
