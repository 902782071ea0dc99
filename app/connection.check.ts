/**
 * Connection failures that name the config key to fix (DATABASE_URL,
 * REDIS_URL), so the command line can say what is wrong and exit with 3
 * instead of hanging on a reconnect loop or printing a stack trace.
 */
import type { Redis } from 'ioredis';
import { ping, type Db } from '../store/database.js';

/** The service could not be reached; `configKey` is the setting that points at it. */
export class ConnectionError extends Error {
  constructor(readonly configKey: 'DATABASE_URL' | 'REDIS_URL', readonly target: string, reason: string) {
    super(`cannot reach ${configKey === 'DATABASE_URL' ? 'PostgreSQL' : 'Redis'} at ${target} (${configKey}): ${reason}`);
    this.name = 'ConnectionError';
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch { return '(unparsable URL)'; }
}

/** Rejects with `onTimeout()` when `p` takes longer than `ms`. */
export async function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(onTimeout()), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

/** Default time to wait for a service before declaring it unreachable. */
export const CONNECT_TIMEOUT_MS = 5000;

export async function checkPostgres(db: Db, url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
  try {
    await withTimeout(ping(db), timeoutMs, () => new Error(`no answer within ${timeoutMs} ms`));
  } catch (err) {
    throw new ConnectionError('DATABASE_URL', redactUrl(url), (err as Error).message || String(err));
  }
}

export async function checkRedis(redis: Redis, url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
  try {
    await withTimeout(redis.ping(), timeoutMs, () => new Error(`no answer within ${timeoutMs} ms`));
  } catch (err) {
    throw new ConnectionError('REDIS_URL', redactUrl(url), (err as Error).message || String(err));
  }
}
