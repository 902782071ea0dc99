/**
 * Login limits (@fastify/rate-limit): per address before the body is read,
 * per account before the password is hashed, with a growing wait; refused
 * attempts compute no scrypt hash.
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

  it('an account is cut off after its quota from any address, with a growing wait', async () => {
    const statuses: number[] = [];
    // The fixture's own login was the first of the three allowed.
    for (let i = 0; i < 2; i++) statuses.push((await attempt('mall-ops', 'guess' + i, `198.51.100.${i + 1}`)).statusCode);
    expect(statuses).toEqual([401, 401]);
    const hashesBefore = passwordHashCount();
    const first = await attempt('mall-ops', 'guess-x', '198.51.100.50');
    expect(first.statusCode).toBe(429);
    expect(first.json().message).toMatch(/account/);
    // Even the right password waits: the limit is checked before the password.
    const right = await attempt('MALL-OPS', PASSWORD, '198.51.100.51');
    expect(right.statusCode).toBe(429);
    const later = await attempt('mall-ops', 'guess-y', '198.51.100.52');
    expect(later.statusCode).toBe(429);
    expect(Number(later.headers['retry-after'])).toBeGreaterThan(Number(first.headers['retry-after']));
    expect(passwordHashCount()).toBe(hashesBefore);
    // Other accounts log in as usual.
    expect((await attempt('shop-ops', PASSWORD, '198.51.100.53')).statusCode).toBe(200);
  });
});
