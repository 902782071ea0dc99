/**
 * What every command shares: the exit codes scripts rely on, the mapping of
 * errors to them (a message, never a stack trace, for expected failures), and
 * opening the container with Postgres and Redis checked first so a wrong URL
 * is reported with its config key instead of hanging.
 */
import { installKindModules } from '../app/kind.plugins.js';
import { StartupCheckError, checkChromium, checkEvidenceStore, checkRedisEviction, checkSchema } from '../app/startup.check.js';
import { CommanderError } from 'commander';
import { ConnectionError, checkPostgres, checkRedis } from '../app/connection.check.js';
import { createContainer, type Container } from '../app/container.js';
import { NoWorkerError } from '../app/run.starter.js';
import { loadConfig } from '../config/config.loader.js';
import { DomainError, InputError } from '../domain/errors.js';
import type { QueueName } from '../queue/jobs.js';

/** Exit codes (documented in the README and in `--help`). */
export const EXIT = {
  /** Done; a waited-for run finished. */
  ok: 0,
  /** A run failed (or had no worker), or the operation was refused by the current state (campaign already running). */
  runFailed: 1,
  /** Bad usage or input: unknown option, command, platform, queue, campaign, malformed value. */
  usage: 2,
  /** Postgres or Redis unreachable (the message names DATABASE_URL or REDIS_URL), or a start-up check failed (app/startup.check.ts). */
  connection: 3,
} as const;

/** A wrong command line (unknown name, bad value), exit 2. */
export class UsageError extends Error {
  constructor(message: string) { super(message); this.name = 'UsageError'; }
}

/** A run ended in state failed, exit 1. */
export class RunFailedError extends Error {
  constructor(readonly runId: number, reason: string) { super(`run ${runId} failed: ${reason}`); this.name = 'RunFailedError'; }
}

/** The exit code and message of an error reaching the top of a command. */
export function exitOf(err: unknown): { code: number; message: string } {
  const message = (err as Error)?.message ?? String(err);
  if (err instanceof CommanderError) return { code: err.exitCode === 0 ? EXIT.ok : EXIT.usage, message: '' };
  if (err instanceof ConnectionError || err instanceof StartupCheckError) return { code: EXIT.connection, message };
  if (err instanceof UsageError || err instanceof InputError) return { code: EXIT.usage, message };
  if (err instanceof DomainError) return { code: err.kind === 'conflict' ? EXIT.runFailed : EXIT.usage, message };
  if (err instanceof NoWorkerError || err instanceof RunFailedError) return { code: EXIT.runFailed, message };
  const code = (err as { code?: string })?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') return { code: EXIT.connection, message: `connection failed: ${message} (check DATABASE_URL and REDIS_URL)` };
  return { code: EXIT.runFailed, message: (err as Error)?.stack ?? message };
}

/** What a command needs checked before it starts (Postgres and the schema always). */
export interface Needs {
  /** Redis reachable and not evicting (default true). */
  redis?: boolean;
  /** The evidence store writable (the API and workers). */
  evidence?: boolean;
  /** A worker's queues ('all', or the names): Chromium must be present when one of them drives it. Not a worker: undefined. */
  workerQueues?: QueueName[] | 'all';
}

/** Loads the config (bad values: InputError, exit 2) and opens the container with Postgres (and Redis) checked. */
export async function openContainer(file: string | undefined, needs: Needs = {}): Promise<Container> {
  const config = loadConfig({ file });
  const kindMigrations = await installKindModules(config);
  const c = createContainer(config);
  try {
    await checkPostgres(c.db, config.databaseUrl);
    await checkSchema(c.db, kindMigrations);
    if (needs.redis !== false) {
      await checkRedis(c.redis, config.redisUrl);
      await checkRedisEviction(c.redis);
    }
    if (needs.evidence) await checkEvidenceStore(c.evidence.root);
    if (needs.workerQueues) await checkChromium(config.browser.executablePath, needs.workerQueues === 'all' ? undefined : needs.workerQueues);
  } catch (err) {
    await c.close().catch(() => {});
    throw err;
  }
  return c;
}

/** Runs `fn` with an open container and closes it after. */
export async function withContainer<T>(file: string | undefined, needs: Needs, fn: (c: Container) => Promise<T>): Promise<T> {
  const c = await openContainer(file, needs);
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

/** Parses a positive integer option, or throws a UsageError naming it. */
export function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer, got "${v}"`);
    return n;
  };
}

/** Checks a platform id against the enabled ones; an unknown one is a UsageError listing them. */
export function knownPlatform(c: Container, id: string): string {
  const valid = c.config.platforms.filter((p) => p.enabled).map((p) => p.id);
  if (!valid.includes(id)) throw new UsageError(`unknown platform ${id}; valid: ${valid.join(', ')}`);
  return id;
}
