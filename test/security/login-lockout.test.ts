/**
 * Issue 23 (medium): anyone could lock any account out, the admin's
 * included, by sending wrong passwords for it (the per-account limit counted
 * every address together), and each try while limited doubled Retry-After;
 * behind the TLS proxy `trustProxy` was off, so every user shared the proxy's
 * one per-address bucket. Now failures count per (account, address), a right
 * password clears them, Retry-After is at most the window, and `api.trustProxy`
 * (the proxies' addresses / CIDR ranges) says whose X-Forwarded-For to believe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../config/config.schema.js';
import { PASSWORD, setupFixture, type Fixture } from '../api/fixtures.js';

const WINDOW_MS = 60_000;
/** The smallest config that parses. */
const BASE = { databaseUrl: 'postgres://127.0.0.1/x', redisUrl: 'redis://127.0.0.1:6379' };
const limits = { perAddressMax: 30, perAddressWindowMs: WINDOW_MS, perAccountMax: 3, perAccountWindowMs: WINDOW_MS };

const attempt = (f: Fixture, username: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
  f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });

describe('an attacker hammering wrong passwords for admin', () => {
  let f: Fixture;
  beforeAll(async () => { f = await setupFixture({ api: { login: limits } }); });
  afterAll(async () => { await f?.close(); });

  it('is cut off at their address, and the admin still logs in from another', async () => {
    const attacker = '198.51.100.66';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt(f, 'admin1', `guess-${i}`, attacker)).statusCode);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(new Set(statuses.slice(3))).toEqual(new Set([429]));
    // Even the right password is refused at the attacker's address while it is limited…
    expect((await attempt(f, 'admin1', PASSWORD, attacker)).statusCode).toBe(429);
    // …but the admin, at an address of their own, is not locked out.
    const admin = await attempt(f, 'admin1', PASSWORD, '203.0.113.10');
    expect(admin.statusCode).toBe(200);
    expect(admin.json().account.role).toBe('admin');
  });

  it('Retry-After is at most the window and does not grow with each try', async () => {
    const attacker = '198.51.100.77';
    const waits: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await attempt(f, 'officer1', `guess-${i}`, attacker);
      if (r.statusCode === 429) waits.push(Number(r.headers['retry-after']));
    }
    expect(waits.length).toBeGreaterThan(10);
    for (const w of waits) expect(w).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(waits.at(-1)).toBeLessThanOrEqual(waits[0]);
  });

  it('a right password clears the failures of that address', async () => {
    const ip = '198.51.100.88';
    for (let i = 0; i < 2; i++) expect((await attempt(f, 'shop-ops', `typo-${i}`, ip)).statusCode).toBe(401);
    expect((await attempt(f, 'shop-ops', PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await attempt(f, 'shop-ops', `typo-again-${i}`, ip)).statusCode).toBe(401);
    expect((await attempt(f, 'shop-ops', PASSWORD, ip)).statusCode).toBe(200);
  });
});

describe('behind a reverse proxy', () => {
  const proxy = '10.0.0.5';
  /** Two users behind the proxy use up the per-address quota of one of them. */
  async function twoUsersBehind(f: Fixture, spoofed = false) {
    const perAddress = 4;
    const alice = '203.0.113.21';
    const bob = '203.0.113.22';
    const from = spoofed ? '192.0.2.99' : proxy;
    for (let i = 0; i < perAddress; i++) await attempt(f, `ghost-${i}`, 'wrong', from, { 'x-forwarded-for': alice });
    const aliceAgain = await attempt(f, 'ghost-x', 'wrong', from, { 'x-forwarded-for': alice });
    const bobLogin = await attempt(f, 'officer1', PASSWORD, from, { 'x-forwarded-for': bob });
    return { alice: aliceAgain.statusCode, bob: bobLogin.statusCode };
  }
  const tight = { ...limits, perAddressMax: 4 };

  it('with api.trustProxy naming the proxy, X-Forwarded-For gives each user a bucket of their own', async () => {
    const f = await setupFixture({ api: { login: tight, trustProxy: ['10.0.0.0/8'] } });
    try {
      expect(await twoUsersBehind(f)).toEqual({ alice: 429, bob: 200 });
    } finally { await f.close(); }
  });

  it('a named range (uniquelocal: a proxy on a private network) works the same way', async () => {
    const f = await setupFixture({ api: { login: tight, trustProxy: ['uniquelocal'] } });
    try {
      expect(await twoUsersBehind(f)).toEqual({ alice: 429, bob: 200 });
    } finally { await f.close(); }
  });

  it('without it, X-Forwarded-For is not believed (no escaping the limit by spoofing it)', async () => {
    const f = await setupFixture({ api: { login: tight } });
    try {
      // Both "users" are one address to the API: the header sent straight to it changes nothing.
      expect(await twoUsersBehind(f, true)).toEqual({ alice: 429, bob: 429 });
    } finally { await f.close(); }
  });

  it('a client that is not the named proxy cannot spoof X-Forwarded-For either', async () => {
    const f = await setupFixture({ api: { login: tight, trustProxy: ['10.0.0.0/8'] } });
    try {
      expect(await twoUsersBehind(f, true)).toEqual({ alice: 429, bob: 429 });
    } finally { await f.close(); }
  });

  it('api.trustProxy is validated: addresses / CIDR ranges, never "trust everyone" nor a hop count', () => {
    const parse = (trustProxy: unknown) => configSchema.safeParse({ ...BASE, api: { trustProxy } }).success;
    expect(parse(['10.0.0.0/8', '127.0.0.1', 'fd00::/8', 'loopback'])).toBe(true);
    expect(parse(false)).toBe(true);
    expect(parse(true)).toBe(false);
    // Fastify 5 ignores hop counts (it cannot tell the proxy from a direct client): a key that would do nothing.
    expect(parse(1)).toBe(false);
    expect(parse(['10.0.0.0/33'])).toBe(false);
    expect(parse(['proxy.local'])).toBe(false);
    expect(parse([])).toBe(false);
  });
});
