/**
 * Campaigns end to end on the demo marketplace: a campaign scheduled every
 * three seconds (six-field cron, BullMQ job scheduler) runs by itself and
 * records its run, with its item URL captured as a seed listing; /metrics and
 * the runs API show the run's counts; a scan with no worker alive reports
 * within seconds and is marked failed; a start with Redis unreachable is
 * marked failed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { ConnectionError } from '../../app/connection.check.js';
import { createContainer } from '../../app/container.js';
import { createOperations, type Operations } from '../../app/operations.js';
import { NoWorkerError, startRun } from '../../app/run.starter.js';
import { startAndWait } from '../../app/scan.session.js';
import { loadConfig } from '../../config/config.loader.js';
import { ensureAccount, login } from '../../enforcement/account.service.js';
import { listRuns } from '../../store/campaign-run.repository.js';
import { getRun } from '../../store/scan-run.repository.js';
import { startHarness, type Harness } from '../support/scan.harness.js';

let h: Harness;
let ops: Operations;

async function until<T>(fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('timed out');
}

beforeAll(async () => {
  h = await startHarness({ size: 60, seed: 5 });
  ops = createOperations(h.session.c);
}, 120_000);
afterAll(async () => { await h?.close(); });

describe('a scheduled campaign', () => {
  let runId: number;
  let campaignId: number;
  const item = () => h.market.catalog.listings.find((l) => l.platform === 'demo-mall')!;

  it('runs on time by itself, once at a time, and records its run with its seed URL', async () => {
    const seed = item();
    const c = await ops.campaigns.create({
      name: 'every-3s', assetIds: ['TM-0001', 'GI-0001'], platforms: ['demo-mall'], depth: 1,
      urls: [`${h.market.url}/mall/item/${seed.listingId}.html`], cron: '*/3 * * * * *', timezone: 'UTC',
    });
    campaignId = c.id;
    // BullMQ's next firing: on a second divisible by 3, after the campaign was created.
    const next = (await ops.campaigns.view(c)).nextRunAt!;
    expect(next.getTime() % 3000).toBe(0);
    expect(next.getTime()).toBeGreaterThan(c.createdAt.getTime());
    const run = await until(async () => (await listRuns(h.database.db, { campaignId: c.id })).runs.find((r) => r.status === 'finished'), 90_000);
    runId = run.id;
    // Started by a firing, not before the first (a second's leeway between the clocks of Redis and Postgres).
    expect(run.startedAt.getTime()).toBeGreaterThanOrEqual(next.getTime() - 1000);
    await ops.campaigns.setEnabled(c.id, false);
    expect((await ops.campaigns.scheduler.state(c.id))).toBeUndefined();
    expect(run).toMatchObject({ trigger: 'schedule', campaign: 'every-3s', platforms: ['demo-mall'] });
    expect(run.counts[0].listings).toBeGreaterThan(0);
    expect(run.counts[0].open).toBe(0);
    const { rows } = await h.database.db.query(
      `SELECT s.source, s.status FROM scan_run_listings s JOIN listings l ON l.id = s.listing_id WHERE s.scan_run_id = $1 AND l.platform_listing_id = $2`, [runId, seed.listingId]);
    expect(rows[0]?.status).toBe('detected');
    // Never two at once: every run of the campaign but the last is closed before the next started.
    const all = (await listRuns(h.database.db, { campaignId: c.id, limit: 100 })).runs.sort((a, b) => a.id - b.id);
    for (let i = 1; i < all.length; i++) expect(all[i].startedAt.getTime()).toBeGreaterThanOrEqual(all[i - 1].finishedAt!.getTime() - 5);
  }, 120_000);

  it('shows its counts in /metrics and the runs API, and is refused a second run while one is in progress', async () => {
    const app = await buildApp({ db: h.database.db, config: h.config, evidence: h.session.c.evidence, logger: false, ops });
    try {
      await ensureAccount(h.database.db, { username: 'off1', password: 'pw-officer-123', role: 'officer' });
      const { token } = await login(h.database.db, 'off1', 'pw-officer-123', new Date());
      const auth = { authorization: `Bearer ${token}` };
      // /metrics on the API port is for admins (issue 23); the scraper has its own listener (api/metrics.server.ts).
      await ensureAccount(h.database.db, { username: 'adm1', password: 'pw-admin-12345', role: 'admin' });
      const admin = await login(h.database.db, 'adm1', 'pw-admin-12345', new Date());
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${admin.token}` } });
      expect(metrics.statusCode).toBe(200);
      const finished = (await listRuns(h.database.db, { campaignId, status: 'finished', limit: 100 })).runs;
      expect(metrics.body).toContain(`ipwatch_runs{status="finished",campaign="every-3s"} ${finished.length}`);
      const listings = finished.reduce((a, r) => a + r.counts[0].listings, 0);
      expect(metrics.body).toMatch(new RegExp(`ipwatch_run_items_total\\{platform="demo-mall",figure="listings"\\} ${listings}\\b`));
      expect(metrics.body).toMatch(/ipwatch_queue_workers\{queue="scan"\} [1-9]/);
      expect(metrics.body).toMatch(/ipwatch_crawl_duration_seconds_count\{queue="search",outcome="completed"\} [1-9]/);

      const one = await app.inject({ method: 'GET', url: `/api/runs/${runId}`, headers: auth });
      expect(one.json().run).toMatchObject({ id: runId, campaign: 'every-3s', status: 'finished' });
      const perCampaign = await app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/runs`, headers: auth });
      expect(perCampaign.json().runs.map((r: { id: number }) => r.id)).toContain(runId);
      expect((await app.inject({ method: 'GET', url: '/api/runs' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/admin/queues', headers: auth })).statusCode).toBe(403);
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.json()).toMatchObject({ checks: { postgres: { ok: true }, redis: { ok: true } }, workers: { scan: 1, search: 1, listing: 1, detect: 1 } });

      const bad = await app.inject({ method: 'POST', url: '/api/campaigns', headers: auth, payload: { name: 'bad', platforms: ['taobao'] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/valid: .*demo-mall/);

      const now = await app.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/run`, headers: auth });
      expect(now.statusCode).toBe(202);
      const again = await app.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/run`, headers: auth });
      expect(again.statusCode).toBe(409);
      await until(async () => (await getRun(h.database.db, now.json().runId))?.status === 'finished', 90_000);
    } finally {
      await app.close();
    }
  }, 150_000);
});

describe('runs that cannot go on', () => {
  it('a scan with no worker alive says so within seconds and is marked failed', async () => {
    // Same database, a queue prefix no worker listens on.
    const c = createContainer(loadConfig({ env: {}, overrides: { ...h.overrides, queuePrefix: `t-${randomBytes(4).toString('hex')}` } }));
    try {
      let warned: string[] = [];
      // Ended by the no-worker check (its error, the queues it names), not by waiting out the scan.
      const err = await startAndWait(c, ['demo-mall'], 'manual', { onNoWorker: (q) => { warned = q; }, watch: { noWorkerGraceMs: 2000, intervalMs: 200 } }).catch((e) => e);
      expect(err).toBeInstanceOf(NoWorkerError);
      expect(warned).toContain('scan');
      const run = await getRun(h.database.db, (err as NoWorkerError).runId);
      expect(run?.status).toBe('failed');
      expect(String(run?.stats.error)).toMatch(/no worker alive/);
    } finally {
      await c.queues.obliterate().catch(() => {});
      await c.close();
    }
  }, 30_000);

  it('a start with Redis unreachable is marked failed and names REDIS_URL', async () => {
    const c = createContainer(loadConfig({ env: {}, overrides: { ...h.overrides, redisUrl: 'redis://127.0.0.1:1' } }));
    try {
      const before = (await listRuns(h.database.db, { limit: 1 })).runs[0]?.id ?? 0;
      const err = await startRun(c, { trigger: 'manual', platforms: ['demo-mall'] }).catch((e) => e);
      expect(err).toBeInstanceOf(ConnectionError);
      expect((err as ConnectionError).configKey).toBe('REDIS_URL');
      const run = (await listRuns(h.database.db, { limit: 1 })).runs[0];
      expect(run.id).toBeGreaterThan(before);
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/start failed: .*REDIS_URL/);
    } finally {
      await c.close();
    }
  }, 30_000);
});
