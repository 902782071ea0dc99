/**
 * `/api/health` answers 200 only when every part is well, and 503 naming the
 * part otherwise: Redis's eviction policy (a private Redis server set to
 * allkeys-lru), free disk below `health.minDiskFreeMb`, a run `running` with
 * no progress past `health.stuckRunMinutes`. Real Postgres (a test database
 * of its own) and real Redis; each case its own container and queue prefix.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { createContainer, type Container } from '../../app/container.js';
import { createOperations } from '../../app/operations.js';
import { loadConfig } from '../../config/config.loader.js';
import { startOwnRedis, type OwnRedis } from '../faults/support/own.services.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let t: TestDatabase;
let own: OwnRedis;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  own = await startOwnRedis();
  dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-health-'));
});
afterAll(async () => {
  await own?.stop();
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** GET /api/health of an API on a container built with `overrides` (`before` runs on the container first). */
async function health(overrides: Record<string, unknown>, before?: (c: Container) => Promise<unknown>) {
  const config = loadConfig({ env: {}, overrides: {
    databaseUrl: t.url, redisUrl: 'redis://127.0.0.1:6379', queuePrefix: `t-hl-${randomBytes(4).toString('hex')}`,
    evidenceDir: path.join(dir, 'evidence'), logLevel: 'error', ...overrides,
  } });
  const c = createContainer(config);
  await before?.(c);
  const app = await buildApp({ db: c.db, config, evidence: c.evidence, logger: false, ops: createOperations(c) });
  try {
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    return { code: r.statusCode, body: r.json() as { status: string; checks: Record<string, { ok: boolean; reason: string }> } };
  } finally {
    await app.close();
    if (before) await Promise.all(Object.values(c.queues.byName).map((q) => q.obliterate({ force: true }))); // its jobs off the shared Redis
    await c.close();
  }
}

const failing = (b: { checks: Record<string, { ok: boolean }> }) => Object.entries(b.checks).filter(([, v]) => !v.ok).map(([k]) => k);

describe('/api/health', () => {
  it('answers 200 with every check ok when all is well', async () => {
    const r = await health({});
    expect(failing(r.body)).toEqual([]);
    expect(r.code).toBe(200);
    expect(r.body.status).toBe('ok');
    for (const k of ['postgres', 'redis', 'redisEviction', 'disk', 'evidenceStore', 'stuckRuns']) expect(r.body.checks[k]?.ok, k).toBe(true);
  });

  it('answers 503 naming redisEviction on a Redis set to allkeys-lru, with no URL in the answer', async () => {
    const r0 = new Redis(own.url, { maxRetriesPerRequest: 1 });
    try { await r0.config('SET', 'maxmemory-policy', 'allkeys-lru'); } finally { r0.disconnect(); }
    const r = await health({ redisUrl: own.url });
    expect(r.code).toBe(503);
    expect(r.body.status).toBe('degraded');
    expect(failing(r.body)).toEqual(['redisEviction']);
    expect(r.body.checks.redisEviction.reason).toMatch(/allkeys-lru/);
    expect(JSON.stringify(r.body)).not.toContain(String(own.port));
    expect(JSON.stringify(r.body)).not.toContain('postgres://');
  });

  it('answers 503 naming disk when health.minDiskFreeMb is above what is free', async () => {
    const r = await health({ health: { minDiskFreeMb: 1_000_000_000 } });
    expect(r.code).toBe(503);
    expect(failing(r.body)).toEqual(['disk']);
    expect(r.body.checks.disk.reason).toMatch(/MB free where evidence is stored, below health\.minDiskFreeMb 1000000000/);
  });

  it('answers 503 naming workers when jobs wait on a queue with no worker', async () => {
    const r = await health({}, (c) => c.queues.byName.detect.add('detect-capture', { probe: true }));
    expect(r.code).toBe(503);
    expect(failing(r.body)).toEqual(['workers']);
    expect(r.body.checks.workers.reason).toBe('jobs waiting with no worker on detect');
  });

  it('answers 503 naming stuckRuns for a run running with no progress past the limit', async () => {
    const { rows } = await t.db.query<{ id: string }>(`INSERT INTO scan_runs (platforms, status, started_at) VALUES ('{demo-mall}', 'running', now() - interval '3 hours') RETURNING id`);
    try {
      const r = await health({ health: { stuckRunMinutes: 120 } });
      expect(r.code).toBe(503);
      expect(failing(r.body)).toEqual(['stuckRuns']);
      expect(r.body.checks.stuckRuns.reason).toContain(`run(s) ${rows[0].id} running with no progress`);
      // Within the limit it is not stuck.
      const later = await health({ health: { stuckRunMinutes: 240 } });
      expect(later.code).toBe(200);
    } finally {
      await t.db.query('DELETE FROM scan_runs WHERE id = $1', [rows[0].id]);
    }
  });
});
