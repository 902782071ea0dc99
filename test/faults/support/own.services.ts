/**
 * Private Redis and Postgres servers for the fault tests, on their own ports
 * and data directories, so a test may kill, restart or cut them without
 * touching the machine's shared instances. Redis keeps nothing on disk: a
 * restart loses every queued job, as the set-up does.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** Postgres refuses to run as root; when we are root, it runs as this user. */
const PG_USER = process.env.FAULTS_PG_USER ?? 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function until(what: string, cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms`);
}

/** A Redis server of our own. */
export interface OwnRedis {
  url: string;
  port: number;
  /** SIGKILL, then a fresh empty server on the same port after `downMs`. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const up = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
    await until(`redis on ${port}`, async () => {
      const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try { await r.connect(); return (await r.ping()) === 'PONG'; } finally { r.disconnect(); }
    }, 10_000);
  };
  const down = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await up();
  return {
    url, port,
    async restart(downMs = 1000) {
      await down();
      await new Promise((r) => setTimeout(r, downMs));
      await up();
    },
    stop: down,
  };
}

/** A Postgres cluster of our own (initdb in a temporary directory). */
export interface OwnPostgres {
  port: number;
  /** URL of database `name` on this server. */
  url(name: string): string;
  /** Creates database `name` (from template0). */
  createDatabase(name: string): Promise<string>;
  /** Immediate shutdown (no checkpoint, clients cut), then start again after `downMs`. */
  restart(downMs?: number): Promise<void>;
  /** pg_terminate_backend on every client connection to database `name`; returns how many were cut. */
  terminateBackends(name: string): Promise<number>;
  stop(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-faults-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]) => {
    const cmd = path.join(PG_BIN, bin);
    if (asRoot) execFileSync('runuser', ['-u', PG_USER, '--', cmd, ...args], { stdio: 'ignore' });
    else execFileSync(cmd, args, { stdio: 'ignore' });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', PG_USER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', PG_USER]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  // fsync=off only risks data on an OS crash; commits stay synchronous so an immediate shutdown keeps every acknowledged one.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const url = (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  const start = () => run('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stop = (mode: 'fast' | 'immediate') => run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  start();
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: url('postgres') });
    await c.connect();
    try { return await fn(c); } finally { await c.end(); }
  };
  await until(`postgres on ${port}`, () => admin(async () => true), 30_000);
  return {
    port, url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      return url(name);
    },
    async restart(downMs = 1000) {
      stop('immediate');
      await new Promise((r) => setTimeout(r, downMs));
      start();
      await until(`postgres on ${port}`, () => admin(async () => true), 30_000);
    },
    async terminateBackends(name) {
      return admin(async (c) => {
        const r = await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
        return r.rowCount ?? 0;
      });
    },
    async stop() {
      try { stop('fast'); } catch { /* already down */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
