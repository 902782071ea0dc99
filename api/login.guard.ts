/**
 * Limits on logging in, so a password cannot be guessed at speed, anonymous
 * floods cannot spend the server's CPU on scrypt, and nobody can lock an
 * account's owner out by guessing wrong for it:
 *
 * - per client address (@fastify/rate-limit), in `onRequest`: before the body
 *   is even parsed; every attempt counts;
 * - per (username, client address), in `preHandler`: after validation, before
 *   the password is hashed. Attempts count from the first in a fixed window; a
 *   right password clears the count. Guessing for `admin` from one address
 *   limits that address only: the admin logging in from theirs is not affected.
 *
 * Both answer 429 with Retry-After, at most the window (fixed windows: a try
 * while limited neither restarts nor lengthens the wait). The client address is
 * the connection's, or X-Forwarded-For's as far as `api.trustProxy` says to
 * believe it (api/app.ts). Counters live in this process (one API process per
 * deployment); the scrypt work itself is further bounded by the concurrency
 * limit in enforcement/account.service.ts.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/config.schema.js';
import { ApiError } from './http.errors.js';

export const LOGIN_URL = '/api/auth/login';

/** The login limits in force; defaults in config/config.schema.ts (api.login). */
export interface LoginLimits { perAddressMax: number; perAddressWindowMs: number; perAccountMax: number; perAccountWindowMs: number }

const DEFAULTS: LoginLimits = { perAddressMax: 20, perAddressWindowMs: 60_000, perAccountMax: 10, perAccountWindowMs: 15 * 60_000 };

/** Most (username, address) counters kept; the oldest goes first beyond it, so a flood of names cannot grow memory. */
const MAX_BUCKETS = 50_000;

/** The 429 of either limit, with its Retry-After. */
function tooMany(reply: FastifyReply, seconds: number, what: string): ApiError {
  reply.header('retry-after', String(seconds));
  return new ApiError(429, 'too_many_requests', `登录尝试过多，请 ${seconds} 秒后再试 too many login attempts ${what}; try again in ${seconds} s`);
}

/** Attempts per key in fixed windows, counted before the attempt is made (so concurrent tries are counted too). */
class AttemptWindows {
  private readonly buckets = new Map<string, { n: number; resetAt: number }>();
  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Counts an attempt under `key`; the seconds to wait instead when the key has used its window's attempts. */
  take(key: string, now: number): number | undefined {
    let b = this.buckets.get(key);
    if (b && b.resetAt <= now) { this.buckets.delete(key); b = undefined; }
    if (!b) {
      if (this.buckets.size >= MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
      b = { n: 0, resetAt: now + this.windowMs };
      this.buckets.set(key, b);
    }
    if (b.n >= this.max) return Math.max(1, Math.ceil((b.resetAt - now) / 1000));
    b.n++;
    return undefined;
  }

  clear(key: string): void { this.buckets.delete(key); }
}

/** Registers the plugin (not global) and attaches both limits to the login route. Call before routes are registered. */
export async function installLoginGuard(app: FastifyInstance, config: AppConfig): Promise<void> {
  const limits = { ...DEFAULTS, ...(config.api?.login ?? {}) };
  // Fixed windows: no exponential backoff, so Retry-After never exceeds perAddressWindowMs.
  await app.register(rateLimit, { global: false, cache: 50_000 });
  const perAddressLimiter = app.createRateLimit({ max: limits.perAddressMax, timeWindow: limits.perAddressWindowMs, keyGenerator: (req) => `a:${req.ip}` });
  const perAddress = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const r = await perAddressLimiter(req);
    if (r.isAllowed || !r.isExceeded) return;
    throw tooMany(reply, r.ttlInSeconds, 'from this address');
  };

  const perAccount = new AttemptWindows(limits.perAccountMax, limits.perAccountWindowMs);
  const keys = new WeakMap<FastifyRequest, string>();
  const checkAccount = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const username = String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase();
    const key = `${username}\u0000${req.ip}`;
    const wait = perAccount.take(key, Date.now());
    if (wait !== undefined) throw tooMany(reply, wait, 'for this account from this address');
    keys.set(req, key);
  };
  // A right password clears the count of its address: typos before it do not add up to a lock-out.
  const clearOnSuccess = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const key = keys.get(req);
    if (key !== undefined && reply.statusCode === 200) perAccount.clear(key);
  };

  app.addHook('onRoute', (route) => {
    if (route.url !== LOGIN_URL || route.method !== 'POST') return;
    route.onRequest = [perAddress, ...toArray(route.onRequest)];
    route.preHandler = [checkAccount, ...toArray(route.preHandler)];
    route.onResponse = [clearOnSuccess, ...toArray(route.onResponse)];
  });
}

function toArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
