/**
 * The daily retention job (issue 23, data lifecycle): worker start sets a job
 * scheduler on the scan queue from config `retention`, stamped with the
 * install, whose job the scan processor hands to the retention work, which
 * drops an old run's partition (real Redis and Postgres).
 */
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_SCHEDULER, runRetention, scheduleRetention } from '../../app/retention.scheduler.js';
import { JobName, QueueName } from '../../queue/jobs.js';
import type { Pipeline } from '../../queue/pipeline.js';
import { scanProcessor } from '../../queue/processors/scan.processor.js';
import { Queues, createRedis } from '../../queue/queues.js';
import { runPartitions } from '../../store/run-retention.repository.js';
import { createRun } from '../../store/scan-run.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const redis = createRedis('redis://127.0.0.1:6379');
const queues = new Queues(redis, { prefix: `ret-${randomBytes(4).toString('hex')}`, attempts: 1, backoffMs: 10, install: async () => 'install-x' });
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.query(`INSERT INTO platforms (id, name, fetch_mode, base_url) VALUES ('rj', 'RJ', 'http', 'http://rj') ON CONFLICT DO NOTHING`);
});
afterAll(async () => {
  for (const q of Object.values(queues.byName)) { await q.obliterate({ force: true }); await q.close(); }
  await redis.quit();
  await t?.drop();
});

const retention = { runDays: 30, runsPerPartition: 100, cron: '15 4 * * *', timezone: 'Asia/Shanghai' };

describe('daily retention job', () => {
  it('is scheduled on the scan queue from config, stamped with the install', async () => {
    await scheduleRetention(queues, { retention });
    const js = await queues.byName[QueueName.Scan].getJobScheduler(RETENTION_SCHEDULER);
    expect(js).toMatchObject({ pattern: '15 4 * * *', tz: 'Asia/Shanghai', name: JobName.PruneRuns });
    expect(js?.template?.data).toEqual({ install: 'install-x' });
  });

  it('drops an old run\'s partition when the scan processor runs the job', async () => {
    const run = await createRun(t.db, ['rj'], 'manual');
    await t.db.query(`UPDATE scan_runs SET status = 'finished', started_at = now() - interval '90 days' WHERE id = $1`, [run.id]);
    await t.db.query(`SELECT setval('scan_runs_id_seq', 250)`); // the first partition (runs 1–99) is wholly issued
    const first = (await runPartitions(t.db))[0]!;
    expect(first.from).toBe(1);
    const process = scanProcessor({} as Pipeline, () => runRetention(t.db, { retention }));
    const out = await process({ name: JobName.PruneRuns, data: { install: 'install-x' } } as Job) as { dropped: string[] };
    expect(out.dropped).toContain(first.name);
    expect((await runPartitions(t.db)).map((p) => p.name)).not.toContain(first.name);
  });
});
