/**
 * One scan under fault: its own database on the private Postgres, a unique
 * queue prefix on the private Redis, the demo marketplace, and worker
 * processes (`cli/main.ts worker -q …`) the test may kill. Workers log JSON
 * lines (pino) that the harness keeps, so a test can count retries and what
 * the run reconciler re-enqueued.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../../app/logger.js';
import { openScanSession, startAndWait, type ScanSession } from '../../../app/scan.session.js';
import { loadConfig, PROJECT_ROOT } from '../../../config/config.loader.js';
import type { AppConfig } from '../../../config/config.schema.js';
import type { startMarketplace } from '../../../demo/marketplace/marketplace.server.js';
import { migrate } from '../../../store/migrate.js';
import { getRun, runProgress, type RunProgress } from '../../../store/scan-run.repository.js';
import type { OwnPostgres, OwnRedis } from './own.services.js';

export type Marketplace = Awaited<ReturnType<typeof startMarketplace>>;

/** A worker process of one scan. */
export interface WorkerProcess {
  label: string;
  child: ChildProcess;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
}

/** What the worker processes logged, summed. */
export interface WorkerLogFigures {
  /** Jobs that failed an attempt ('job failed' lines): retries, plus final failures. */
  jobFailures: number;
  /** Failures by error message prefix. */
  failuresByError: Record<string, number>;
  /** Reconciler lines: runs resumed and what was re-enqueued. */
  resumed: Array<{ at: number; cause: string; pages?: number; captures?: number; detects?: number; retried?: number }>;
  workerErrors: number;
}

export interface FaultScan {
  name: string;
  config: AppConfig;
  session: ScanSession;
  /** Starts a worker process for these queues (default all). */
  worker(label: string, queues?: string[]): WorkerProcess;
  /** Enqueues a scan of every enabled platform; returns the run id. */
  start(): Promise<number>;
  /** Waits for the run to be finished, tolerating Postgres being down meanwhile. */
  waitFinished(runId: number, timeoutMs: number, onTick?: (p: RunProgress) => Promise<void>): Promise<void>;
  progress(runId: number): Promise<RunProgress>;
  /** Figures from the workers' log lines since `since` (ms epoch; default all). */
  logs(since?: number): WorkerLogFigures;
  close(): Promise<void>;
}

export async function openFaultScan(env: { pg: OwnPostgres; redis: OwnRedis; market: Marketplace }, opts: { workers?: Record<string, unknown> } = {}): Promise<FaultScan> {
  const name = `faults_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await env.pg.createDatabase(name);
  await migrate(databaseUrl);
  const dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-faults-'));
  const m = env.market.url;
  const overrides = {
    databaseUrl, redisUrl: env.redis.url,
    queuePrefix: `f-${randomBytes(4).toString('hex')}`,
    evidenceDir: path.join(dir, 'evidence'),
    logLevel: 'warn',
    platformBaseUrls: { 'demo-mall': m, 'demo-shop': m, 'demo-mobile': m },
    browser: { offlineHostRules: true, pages: 2 },
    workers: { backoffMs: 500, attempts: 6, lockDurationMs: 10_000, stalledIntervalMs: 2000, listingConcurrency: 4, ...opts.workers },
  };
  const config = loadConfig({ env: {}, overrides });
  const base = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'config/ipwatch.json'), 'utf8'));
  const configFile = path.join(dir, 'ipwatch.json');
  writeFileSync(configFile, JSON.stringify({ ...base, ...overrides, browser: { ...base.browser, ...overrides.browser }, workers: { ...base.workers, ...overrides.workers } }));
  const session = await openScanSession(config, { logger: createLogger('silent', 'faults'), resetQueues: true, workers: false });

  const children: ChildProcess[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const worker = (label: string, queues?: string[]): WorkerProcess => {
    const args = ['--import', 'tsx', path.join(PROJECT_ROOT, 'cli/main.ts'), 'worker', ...(queues?.length ? ['-q', ...queues] : [])];
    const child = spawn(process.execPath, args, {
      cwd: PROJECT_ROOT, env: { ...process.env, IPWATCH_CONFIG: configFile, DOTENV_CONFIG_QUIET: 'true' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let rest = '';
    // Kept for the post-mortem of a failed run: test-results/faults-logs/<db>-<label>.log
    const logFile = path.join(PROJECT_ROOT, 'test-results', 'faults-logs', `${name}-${label}.log`);
    mkdirSync(path.dirname(logFile), { recursive: true });
    child.stderr?.on('data', (b: Buffer) => appendFileSync(logFile, b));
    child.stdout?.on('data', (b: Buffer) => {
      appendFileSync(logFile, b);
      const parts = (rest + b.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const l of parts) { try { lines.push({ ...JSON.parse(l), worker: label }); } catch { /* not a log line */ } }
    });
    children.push(child);
    return {
      label, child,
      async kill() {
        if (child.exitCode !== null || child.signalCode) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      },
    };
  };
  const db = session.c.db;
  return {
    name, config, session, worker,
    start: () => startAndWait(session.c, [], 'manual', { wait: false }),
    progress: (runId) => runProgress(db, runId),
    async waitFinished(runId, timeoutMs, onTick) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        try {
          const run = await getRun(db, runId);
          if (run?.status === 'finished' || run?.status === 'failed') return;
          if (onTick) await onTick(await runProgress(db, runId));
        } catch { /* Postgres is down or cut: look again */ }
        if (Date.now() > end) throw new Error(`run ${runId} not finished after ${timeoutMs} ms: ${JSON.stringify(await runProgress(db, runId).catch(() => null))}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    logs(since = 0) {
      const f: WorkerLogFigures = { jobFailures: 0, failuresByError: {}, resumed: [], workerErrors: 0 };
      for (const l of lines) {
        if (Number(l.time) < since) continue;
        if (l.msg === 'job failed') {
          f.jobFailures++;
          const k = String(l.err ?? '').slice(0, 60);
          f.failuresByError[k] = (f.failuresByError[k] ?? 0) + 1;
        } else if (l.msg === 'run reconciler: open work re-enqueued' || l.msg === 'run reconciler: start re-enqueued') {
          f.resumed.push({ at: Number(l.time), cause: String(l.cause), pages: l.pages as number, captures: l.captures as number, detects: l.detects as number, retried: l.retried as number });
        } else if (l.msg === 'worker error') f.workerErrors++;
      }
      return f;
    },
    async close() {
      await Promise.all(children.map((c) => new Promise<void>((r) => {
        if (c.exitCode !== null || c.signalCode) return r();
        c.once('exit', () => r());
        c.kill('SIGKILL');
      })));
      await session.c.queues.obliterate().catch(() => {});
      await session.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
