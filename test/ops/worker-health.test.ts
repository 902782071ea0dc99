/**
 * A worker's own health and start-up checks, through the real command line:
 * `worker --metrics-port` serves `/healthz` (200 while its Postgres and Redis
 * answer, 503 naming redis once its private Redis server is stopped), and a
 * worker refuses to start (exit 3, a message saying what to change) on an
 * evidence store it cannot write or a Chromium path with nothing there.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '../../app/container.js';
import { workerHealth } from '../../app/health.service.js';
import { PROJECT_ROOT, loadConfig } from '../../config/config.loader.js';
import { freePort, startOwnRedis, type OwnRedis } from '../faults/support/own.services.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { until } from '../support/wait.js';

const run = promisify(execFile);

let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-worker-health-'));
});
afterAll(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string>) => ({
  ...process.env, DATABASE_URL: t.url, REDIS_URL: 'redis://127.0.0.1:6379', IPWATCH_QUEUE_PREFIX: `t-wh-${randomBytes(4).toString('hex')}`,
  IPWATCH_EVIDENCE_DIR: path.join(dir, 'evidence'), IPWATCH_LOG_LEVEL: 'silent', ...extra,
});

/** `worker -q <queues>` run to its end; its exit code and stderr. */
async function workerExit(queues: string[], extra: Record<string, string>) {
  return run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'worker', '-q', ...queues], { cwd: PROJECT_ROOT, env: env(extra), timeout: 60_000 })
    .then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
}

describe('worker health', () => {
  let own: OwnRedis | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child?.pid && child.exitCode === null) child.kill('SIGKILL');
    await own?.stop();
  });

  it('serves /healthz: 200 while its services answer, 503 naming redis after its Redis goes away', async () => {
    own = await startOwnRedis();
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'worker', '-q', 'scan', '--metrics-port', String(port)], {
      cwd: PROJECT_ROOT, env: env({ REDIS_URL: own.url }), stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d) => { stderr += d; });
    const get = async () => {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      return r && { status: r.status, body: await r.json() as { status: string; checks: Record<string, { ok: boolean; reason: string }> } };
    };
    const up = await until(async () => {
      if (child!.exitCode !== null) throw new Error(`the worker exited ${child!.exitCode}: ${stderr}`);
      return get();
    }, { what: 'the worker to serve /healthz', timeoutMs: 60_000, intervalMs: 200 });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'ok', checks: { postgres: { ok: true }, redis: { ok: true }, queues: { ok: true, reason: 'scan' } } });

    await own.stop();
    own = undefined; // stopped: own.services' stop() would wait for a second exit
    const down = await until(async () => {
      const r = await get();
      return r?.status === 503 && r;
    }, { what: '/healthz to answer 503', timeoutMs: 30_000, intervalMs: 200 });
    expect(down.body.status).toBe('degraded');
    expect(down.body.checks.redis.ok).toBe(false);
    expect(down.body.checks.postgres.ok).toBe(true);
    expect(JSON.stringify(down.body)).not.toContain('redis://');
  }, 120_000);
});

describe('worker health of its queue workers', () => {
  it('is degraded naming the queue once one of its workers is closed', async () => {
    const prefix = `t-whq-${randomBytes(4).toString('hex')}`;
    const c = createContainer(loadConfig({ env: {}, overrides: { databaseUrl: t.url, queuePrefix: prefix, evidenceDir: path.join(dir, 'evidence'), logLevel: 'error' } }));
    const connection = c.redis.duplicate();
    const w = new Worker('detect', async () => {}, { connection, prefix });
    try {
      await w.waitUntilReady();
      await expect(workerHealth(c, [w])).resolves.toMatchObject({ status: 'ok', checks: { queues: { ok: true, reason: 'detect' } } });
      await w.close();
      await expect(workerHealth(c, [w])).resolves.toMatchObject({ status: 'degraded', checks: { queues: { ok: false, reason: 'worker(s) closed on detect' } } });
    } finally {
      await w.close();
      connection.disconnect();
      await c.close();
    }
  });
});

describe('worker start-up checks', () => {
  it('exits 3 on an evidence store it cannot write, naming the directory and the setting', async () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    // Below a regular file nothing can be created, even by root.
    const r = await workerExit(['scan'], { IPWATCH_EVIDENCE_DIR: path.join(file, 'evidence') });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`the evidence store ${path.join(file, 'evidence')} is not writable`);
    expect(r.stderr).toContain('IPWATCH_EVIDENCE_DIR');
  }, 90_000);

  it('exits 3 when Chromium is missing at browser.executablePath for a listing worker', async () => {
    const missing = path.join(dir, 'no-chromium-here');
    const cfg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'config', 'ipwatch.json'), 'utf8'));
    cfg.browser = { ...cfg.browser, executablePath: missing };
    const cfgFile = path.join(dir, 'ipwatch.json');
    writeFileSync(cfgFile, JSON.stringify(cfg));
    const r = await workerExit(['listing'], { IPWATCH_CONFIG: cfgFile });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`Chromium at browser.executablePath ${missing} does not exist; the listing queue(s) need it`);
  }, 90_000);
});
