/**
 * Issue 23: workers on one queue prefix (the default `ipwatch` for every
 * install) processed another database's jobs: a stale worker of one install
 * rewrote another's verdicts. Jobs now carry their install's identity
 * (migration 0016's id with the database's name) and a worker refuses, without
 * retry and before touching its database, a job that is not its install's.
 * Two real databases, one Redis prefix.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, type Container } from '../../app/container.js';
import { checkQueuePrefix } from '../../app/install.check.js';
import { startPipelineWorkers } from '../../app/pipeline.wiring.js';
import { loadConfig } from '../../config/config.loader.js';
import { JobName, QueueName } from '../../queue/jobs.js';
import { createRun } from '../../store/scan-run.repository.js';
import { syncPlatforms } from '../../store/platform.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { until } from '../support/wait.js';

describe('two installs on one queue prefix', () => {
  const prefix = `t-inst-${randomBytes(4).toString('hex')}`;
  const dbs: TestDatabase[] = [];
  const containers: Container[] = [];
  let dir: string;
  let workersB: ReturnType<typeof startPipelineWorkers>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-inst-'));
    for (let i = 0; i < 2; i++) {
      const t = await createTestDatabase();
      dbs.push(t);
      const c = createContainer(loadConfig({ env: {}, overrides: { databaseUrl: t.url, queuePrefix: prefix, evidenceDir: dir, logLevel: 'silent', workers: { attempts: 3, backoffMs: 10 } } }));
      await syncPlatforms(c.db, c.config.platforms);
      containers.push(c);
    }
    // Only install B has a worker (of the scan queue), as the stale worker had.
    workersB = startPipelineWorkers(containers[1], { queues: [QueueName.Scan] });
  });
  afterAll(async () => {
    await workersB?.close(1000);
    await containers[0]?.queues.obliterate().catch(() => {});
    await containers[0]?.redis.del(`${prefix}:install`).catch(() => 0);
    for (const c of containers) await c.close();
    for (const t of dbs) await t.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the two databases have different identities, and every job is stamped', async () => {
    const [a, b] = await Promise.all(containers.map((c) => c.install()));
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`/${dbs[0].name}$`));
  });

  const finishJob = async (c: Container) => {
    const run = await createRun(c.db, ['demo-mall'], 'manual', null);
    await c.queues.enqueue(JobName.FinishScan, { runId: run.id, runKey: run.uuid });
    const job = (await c.queues.byName[QueueName.Scan].getJob(`finish-${run.uuid}`))!;
    expect(job.data.install).toBe(await c.install());
    return job;
  };

  it('B\'s worker refuses A\'s job at once, without retry, with a clear reason; B\'s own job runs', async () => {
    const foreign = await finishJob(containers[0]);
    const own = await finishJob(containers[1]);
    const q = containers[1].queues.byName[QueueName.Scan];
    const state = (id: string) => async () => { const s = await q.getJobState(id); return s === 'completed' || s === 'failed' ? s : undefined; };
    expect(await until(state(own.id!), { what: 'own job done', timeoutMs: 20_000 })).toBe('completed');
    expect(await until(state(foreign.id!), { what: 'foreign job done', timeoutMs: 20_000 })).toBe('failed');
    const after = (await q.getJob(foreign.id!))!;
    expect(after.attemptsMade).toBe(1);
    expect(after.failedReason).toMatch(/belongs to install .*not to this worker's database .*refused, nothing read or written/);
    expect(after.failedReason).toContain(dbs[0].name);
  });

  it('a job with no install identity is refused too', async () => {
    const q = containers[1].queues.byName[QueueName.Scan];
    const job = await q.add(JobName.FinishScan, { runId: 1, runKey: `legacy-${randomBytes(3).toString('hex')}` }, { jobId: `legacy-${randomBytes(4).toString('hex')}`, attempts: 3 });
    const s = await until(async () => { const x = await q.getJobState(job.id!); return x === 'completed' || x === 'failed' ? x : undefined; }, { what: 'legacy job done', timeoutMs: 20_000 });
    expect(s).toBe('failed');
    expect((await q.getJob(job.id!))!.failedReason).toMatch(/belongs to install \(none/);
  });

  it('at worker start, a prefix held by another install is reported', async () => {
    expect(await checkQueuePrefix(containers[0])).toEqual({});
    expect(await checkQueuePrefix(containers[1])).toEqual({ sharedWith: await containers[0].install() });
  });
});
