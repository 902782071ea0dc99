/**
 * What `/api/health` reports: Postgres and Redis reachable (with latency),
 * workers alive per queue, and Chromium (the executable is there and starts:
 * `--version`, cached for a minute so a probe every few seconds costs nothing).
 * `status` is `down` when Postgres or Redis is unreachable (HTTP 503),
 * `degraded` when a queue has no worker or Chromium is missing, else `ok`.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { promisify } from 'node:util';
import { QueueName } from '../queue/jobs.js';
import { checkPostgres, checkRedis } from './connection.check.js';
import type { Container } from './container.js';
import { workersByQueue, type WorkersByQueue } from './queue.monitor.js';

/** One dependency's state. */
export interface Probe { ok: boolean; ms: number; error?: string }

/** The health report. */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  postgres: Probe;
  redis: Probe;
  /** Workers connected per queue; null when Redis is unreachable. */
  workers: WorkersByQueue | null;
  chromium: Probe & { path: string; version?: string };
}

/** How long a Chromium probe result is reused. */
export const CHROMIUM_PROBE_TTL_MS = 60_000;

async function probe(fn: () => Promise<unknown>): Promise<Probe> {
  const t = Date.now();
  try {
    await fn();
    return { ok: true, ms: Date.now() - t };
  } catch (err) {
    return { ok: false, ms: Date.now() - t, error: (err as Error).message };
  }
}

let chromiumCache: { at: number; path: string; result: HealthReport['chromium'] } | undefined;

/** Chromium present and launchable (`--version`). */
export async function probeChromium(path: string): Promise<HealthReport['chromium']> {
  if (chromiumCache && chromiumCache.path === path && Date.now() - chromiumCache.at < CHROMIUM_PROBE_TTL_MS) return chromiumCache.result;
  let version: string | undefined;
  const p = await probe(async () => {
    await access(path, constants.X_OK);
    const { stdout } = await promisify(execFile)(path, ['--version'], { timeout: 10_000 });
    version = stdout.trim();
  });
  const result = { ...p, path, ...(version ? { version } : {}) };
  chromiumCache = { at: Date.now(), path, result };
  return result;
}

export async function healthReport(c: Container, timeoutMs = 2000): Promise<HealthReport> {
  const [postgres, redis, chromium] = await Promise.all([
    probe(() => checkPostgres(c.db, c.config.databaseUrl, timeoutMs)),
    probe(() => checkRedis(c.redis, c.config.redisUrl, timeoutMs)),
    probeChromium(c.config.browser.executablePath),
  ]);
  const workers = redis.ok ? await workersByQueue(c.queues).catch(() => null) : null;
  const noWorker = !workers || Object.values(QueueName).some((q) => !workers[q]);
  const status = !postgres.ok || !redis.ok ? 'down' : noWorker || !chromium.ok ? 'degraded' : 'ok';
  return { status, postgres, redis, workers, chromium };
}
