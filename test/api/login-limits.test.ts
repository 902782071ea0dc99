/**
 * Login limits: per address before the body is read (@fastify/rate-limit),
 * per (account, address) before the password is hashed, each with a fixed
 * window; refused attempts compute no scrypt hash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordHashCount } from '../../enforcement/account.service.js';
import { PASSWORD, setupFixture, type Fixture } from './fixtures.js';

let f: Fixture;

beforeAll(async () => {
  f = await setupFixture({ api: { login: { perAddressMax: 5, perAddressWindowMs: 60_000, perAccountMax: 3, perAccountWindowMs: 60_000 } } });
});
afterAll(async () => { await f?.close(); });

const attempt = (username: string, password: string, remoteAddress: string) =>
  f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

describe('login limits', () => {
  it('an address is cut off after its quota, and refused attempts cost no scrypt', async () => {
    const ip = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(`ghost${i}`, 'wrong', ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const hashesBefore = passwordHashCount();
    const flood = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`ghost-flood${i}`, 'wrong', ip)));
    expect(new Set(flood.map((r) => r.statusCode))).toEqual(new Set([429]));
    expect(passwordHashCount()).toBe(hashesBefore);
    const r = flood[0];
    expect(r.json()).toMatchObject({ error: 'too_many_requests' });
    expect(r.json().message).toMatch(/address/);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    // Even a body that is not JSON is refused before it is parsed.
    const junk = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"username":', headers: { 'content-type': 'application/json' }, remoteAddress: ip });
    expect(junk.statusCode).toBe(429);
    // Another address is not affected.
    expect((await attempt('officer1', PASSWORD, '203.0.113.8')).statusCode).toBe(200);
  });

  // Issue 23 changed this case: it used to cut the account off from every address with a doubling wait, so
  // anyone could lock the owner out (test/security/login-lockout.test.ts). Now the count is per (account, address).
  it('an account is cut off after its quota at one address, not at others, with a bounded wait', async () => {
    const ip = '198.51.100.1';
    const statuses: number[] = [];
    // The fixture's own login does not count: it was right.
    for (let i = 0; i < 3; i++) statuses.push((await attempt('mall-ops', 'guess' + i, ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401]);
    const hashesBefore = passwordHashCount();
    const first = await attempt('mall-ops', 'guess-x', ip);
    expect(first.statusCode).toBe(429);
    expect(first.json().message).toMatch(/account/);
    // Even the right password waits at this address: the limit is checked before the password.
    const right = await attempt('mall-ops', PASSWORD, ip);
    expect(right.statusCode).toBe(429);
    expect(right.json().message).toMatch(/account/);
    // A fixed window: the wait is at most the window (that it does not grow: test/security/login-lockout.test.ts).
    expect(Number(first.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(first.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(passwordHashCount()).toBe(hashesBefore);
    // The owner at another address logs in; other accounts log in as usual.
    expect((await attempt('mall-ops', PASSWORD, '198.51.100.51')).statusCode).toBe(200);
    expect((await attempt('shop-ops', PASSWORD, '198.51.100.53')).statusCode).toBe(200);
  });
});
