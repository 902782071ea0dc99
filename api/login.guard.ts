/**
 * Limits on logging in (@fastify/rate-limit), so a password cannot be guessed
 * at speed and anonymous floods cannot spend the server's CPU on scrypt:
 *
 * - per client address, in `onRequest`: before the body is even parsed;
 * - per username, in `preHandler`: after validation, before the password is
 *   hashed; each attempt while limited doubles the wait (exponential backoff).
 *
 * Both answer 429 with Retry-After. Counters live in this process (one API
 * process per deployment); the scrypt work itself is further bounded by the
 * concurrency limit in enforcement/account.service.ts.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/config.schema.js';
import { ApiError } from './http.errors.js';

export const LOGIN_URL = '/api/auth/login';

/** The login limits in force; defaults in config/config.schema.ts (api.login). */
export interface LoginLimits { perAddressMax: number; perAddressWindowMs: number; perAccountMax: number; perAccountWindowMs: number }

const DEFAULTS: LoginLimits = { perAddressMax: 20, perAddressWindowMs: 60_000, perAccountMax: 10, perAccountWindowMs: 15 * 60_000 };

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** A hook that counts the attempt under `limiter` and refuses it (429, Retry-After) once over the limit. */
function enforce(limiter: Limiter, what: string) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const r = await limiter(req);
    if (r.isAllowed || !r.isExceeded) return;
    reply.header('retry-after', String(r.ttlInSeconds));
    throw new ApiError(429, 'too_many_requests', `too many login attempts ${what}; try again in ${r.ttlInSeconds} s`);
  };
}

/** Registers the plugin (not global) and attaches both limits to the login route. Call before routes are registered. */
export async function installLoginGuard(app: FastifyInstance, config: AppConfig): Promise<void> {
  const limits = { ...DEFAULTS, ...(config.api?.login ?? {}) };
  // One store for both limits (keys are prefixed); exponentialBackoff is a store setting: while a
  // client keeps trying over the limit, each attempt restarts the window and doubles Retry-After.
  await app.register(rateLimit, { global: false, exponentialBackoff: true, cache: 50_000 });
  const perAddress = enforce(app.createRateLimit({
    max: limits.perAddressMax, timeWindow: limits.perAddressWindowMs, keyGenerator: (req) => `a:${req.ip}`,
  }), 'from this address');
  const perAccount = enforce(app.createRateLimit({
    max: limits.perAccountMax, timeWindow: limits.perAccountWindowMs,
    keyGenerator: (req) => `u:${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
  }), 'for this account');
  app.addHook('onRoute', (route) => {
    if (route.url !== LOGIN_URL || route.method !== 'POST') return;
    route.onRequest = [perAddress, ...toArray(route.onRequest)];
    route.preHandler = [perAccount, ...toArray(route.preHandler)];
  });
}

function toArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
