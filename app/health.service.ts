/**
 * What `/api/health` and a worker's `/healthz` report, one check per part,
 * each with `ok` and a short reason: Postgres and Redis reachable, Redis's
 * eviction policy (BullMQ needs noeviction), free disk where evidence is
 * stored (config `health.minDiskFreeMb`), the evidence store writable, no run
 * `running` without progress for `health.stuckRunMinutes`, a worker on every
 * queue that has jobs waiting, and Chromium present and starting
 * (`--version`, cached for a minute so a probe every few seconds costs
 * nothing). `status` is `degraded` (HTTP 503) when any check fails, else `ok`.
 * The answer is public (a load balancer's probe): reasons name the part and
 * an error code, never a URL, a password or a raw driver message.
 */
import { execFile } from 'node:child_process';
import { access, constants, statfs } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Worker } from 'bullmq';
import { QueueName } from '../queue/jobs.js';
import { ping } from '../store/database.js';
import { stuckRuns } from '../store/stuck-run.repository.js';
import type { Container } from './container.js';
import { workersByQueue, type WorkersByQueue } from './queue.monitor.js';
import { StartupCheckError, checkEvidenceStore, checkRedisEviction, type EvictionError } from './startup.check.js';

/** One part's state; `reason` says why it is not ok (or what was seen). */
export interface Check { ok: boolean; reason: string; ms?: number }

/** The health report. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Record<string, Check>;
  /** Workers connected per queue; null when Redis is unreachable. */
  workers: WorkersByQueue | null;
}

/** How long a Chromium probe result is reused. */
export const CHROMIUM_PROBE_TTL_MS = 60_000;

/** An error as a public reason: its code (ECONNREFUSED, EACCES) or a fixed word, no message text. */
const publicError = (err: unknown) => (err as { code?: unknown })?.code ? String((err as { code: unknown }).code) : (err as Error)?.name ?? 'error';

async function check(fn: () => Promise<string>, failed: (err: unknown) => string): Promise<Check> {
  const t = Date.now();
  try {
    return { ok: true, reason: await fn(), ms: Date.now() - t };
  } catch (err) {
    return { ok: false, reason: failed(err), ms: Date.now() - t };
  }
}

/** Rejects after `ms` (a hung service must not hang the probe). */
const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), ms).unref())]);

let chromiumCache: { at: number; path: string; result: Check } | undefined;

/** Chromium present and launchable (`--version`). */
export async function probeChromium(path: string): Promise<Check> {
  if (chromiumCache && chromiumCache.path === path && Date.now() - chromiumCache.at < CHROMIUM_PROBE_TTL_MS) return chromiumCache.result;
  const result = await check(async () => {
    await access(path, constants.X_OK);
    const { stdout } = await promisify(execFile)(path, ['--version'], { timeout: 10_000 });
    return stdout.trim();
  }, (err) => `Chromium not runnable at browser.executablePath (${publicError(err)})`);
  chromiumCache = { at: Date.now(), path, result };
  return result;
}

const postgresCheck = (c: Container, ms: number) => check(async () => { await within(ping(c.db), ms); return 'reachable'; }, (e) => `unreachable (${publicError(e)})`);
const redisCheck = (c: Container, ms: number) => check(async () => { await within(c.redis.ping(), ms); return 'reachable'; }, (e) => `unreachable (${publicError(e)})`);

const evidenceCheck = (root: string) => check(async () => { await checkEvidenceStore(root); return 'writable'; }, (e) => `not writable (${publicError(e)})`);

/** Free space on the evidence store's file system, against the configured minimum. */
const diskCheck = (root: string, minDiskFreeMb: number) => check(async () => {
  const s = await statfs(root);
  const freeMb = Math.floor((s.bavail * s.bsize) / 2 ** 20);
  if (freeMb < minDiskFreeMb) throw Object.assign(new Error(), { low: `${freeMb} MB free where evidence is stored, below health.minDiskFreeMb ${minDiskFreeMb}` });
  return `${freeMb} MB free`;
}, (e) => (e as { low?: string }).low ?? `cannot read free space (${publicError(e)})`);

export async function healthReport(c: Container, timeoutMs = 2000): Promise<HealthReport> {
  const { minDiskFreeMb, stuckRunMinutes } = c.config.health;
  const root = c.evidence.root;
  const [postgres, redis, [evidenceStore, disk], chromium] = await Promise.all([
    postgresCheck(c, timeoutMs),
    redisCheck(c, timeoutMs),
    // The store first: its check creates the directory whose file system the disk check reads.
    evidenceCheck(root).then(async (store) => [store, await diskCheck(root, minDiskFreeMb)] as const),
    probeChromium(c.config.browser.executablePath),
  ]);
  const redisEviction = redis.ok
    ? await check(async () => { await within(checkRedisEviction(c.redis), timeoutMs); return 'noeviction'; },
      (e) => e instanceof StartupCheckError ? `maxmemory-policy is ${(e as EvictionError).policy}; the queues need noeviction` : `cannot read (${publicError(e)})`)
    : { ok: false, reason: 'Redis unreachable' };
  const stuck = postgres.ok
    ? await check(async () => {
      const runs = await within(stuckRuns(c.db, stuckRunMinutes * 60), timeoutMs);
      if (runs.length) throw Object.assign(new Error(), { stuck: `run(s) ${runs.map((r) => r.id).join(', ')} running with no progress for over health.stuckRunMinutes ${stuckRunMinutes}` });
      return 'none';
    }, (e) => (e as { stuck?: string }).stuck ?? `cannot read (${publicError(e)})`)
    : { ok: false, reason: 'Postgres unreachable' };
  const workers = redis.ok ? await within(workersByQueue(c.queues), timeoutMs).catch(() => null) : null;
  // A queue with no worker is only a fault while jobs wait on it (an idle install may run its workers on demand).
  const idle = await check(async () => {
    if (!workers) throw new Error('unknown');
    const starved: string[] = [];
    for (const q of Object.values(QueueName)) {
      if (!workers[q] && (await within(c.queues.byName[q].getWaitingCount(), timeoutMs)) > 0) starved.push(q);
    }
    if (starved.length) throw Object.assign(new Error(), { starved: `jobs waiting with no worker on ${starved.join(', ')}` });
    return Object.values(QueueName).map((q) => `${q} ${workers[q]}`).join(', ');
  }, (e) => (e as { starved?: string }).starved ?? 'worker count unknown');
  const checks = { postgres, redis, redisEviction, disk, evidenceStore, stuckRuns: stuck, workers: idle, chromium };
  const status = Object.values(checks).every((k) => k.ok) ? 'ok' : 'degraded';
  return { status, checks, workers };
}

/**
 * A worker process's own health (`/healthz` on its metrics listener): its
 * Postgres and Redis reachable, and each of its queue workers running (not
 * closed or closing).
 */
export async function workerHealth(c: Container, workers: readonly Worker[], timeoutMs = 2000): Promise<Pick<HealthReport, 'status' | 'checks'>> {
  const [postgres, redis] = await Promise.all([postgresCheck(c, timeoutMs), redisCheck(c, timeoutMs)]);
  const closed = workers.filter((w) => !w.isRunning() || w.closing);
  const queues: Check = closed.length
    ? { ok: false, reason: `worker(s) closed on ${closed.map((w) => w.name).join(', ')}` }
    : { ok: true, reason: workers.map((w) => w.name).join(', ') };
  const checks = { postgres, redis, queues };
  return { status: Object.values(checks).every((k) => k.ok) ? 'ok' : 'degraded', checks };
}
