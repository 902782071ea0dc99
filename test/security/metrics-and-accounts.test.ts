/**
 * Issue 23 (low): `/metrics` was public on the API port, and platform
 * accounts saw the bureau's account ids in notices (who created and sent
 * each, and which account made each event, with its time).
 *
 * Now `/metrics` on the API port is admin-only (api/README.md's table says so,
 * and test/api/permissions.test.ts calls it as every role); the scraper reads
 * the metrics listener (api/metrics.server.ts: its own host and port, a bearer
 * token from a file). A platform account sees display names and roles only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsServer } from '../../api/metrics.server.js';
import { configSchema, type AppConfig } from '../../config/config.schema.js';
import { PLATFORM_A, setupFixture, type Fixture } from '../api/fixtures.js';

let f: Fixture;
let dir: string;
beforeAll(async () => {
  f = await setupFixture({ ops: true });
  dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-metrics-'));
}, 60_000);
afterAll(async () => {
  await f?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

const withMetrics = (metrics: Record<string, unknown>) => ({ ...f.config, api: { ...f.config.api, metrics } }) as AppConfig;
const render = async () => ({ contentType: 'text/plain; version=0.0.4', body: 'ipwatch_up 1\n' });

describe('/metrics', () => {
  it('on the API port answers admins only', async () => {
    expect((await f.inject(null, 'GET', '/metrics')).statusCode).toBe(401);
    expect((await f.inject('officer', 'GET', '/metrics')).statusCode).toBe(403);
    expect((await f.inject('platformA', 'GET', '/metrics')).statusCode).toBe(403);
    const r = await f.inject('admin', 'GET', '/metrics');
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(/ipwatch_queue_workers/);
  });

  it('the metrics listener wants the bearer token from its file', async () => {
    const tokenFile = path.join(dir, 'metrics-token');
    writeFileSync(tokenFile, 'scrape-token-0123456789abcdef\n');
    const m = await startMetricsServer(withMetrics({ host: '127.0.0.1', port: 0, tokenFile }), render);
    try {
      expect((await get(m!.url)).status).toBe(401);
      expect((await get(m!.url, { authorization: 'Bearer wrong-token-0123456789abcdef' })).status).toBe(401);
      expect((await get(m!.url.replace('/metrics', '/api/health'), { authorization: 'Bearer scrape-token-0123456789abcdef' })).status).toBe(404);
      const ok = await get(m!.url, { authorization: 'Bearer scrape-token-0123456789abcdef' });
      expect(ok).toEqual({ status: 200, body: 'ipwatch_up 1\n' });
    } finally { await m?.close(); }
  });

  it('the listener is off unless a port is set, and off loopback it needs a token', async () => {
    expect(await startMetricsServer(withMetrics({ host: '127.0.0.1' }), render)).toBeUndefined();
    const base = { databaseUrl: 'postgres://127.0.0.1/x', redisUrl: 'redis://127.0.0.1:6379' };
    expect(configSchema.safeParse({ ...base, api: { metrics: { host: '0.0.0.0', port: 9464 } } }).success).toBe(false);
    expect(configSchema.safeParse({ ...base, api: { metrics: { host: '0.0.0.0', port: 9464, tokenFile: '/run/secrets/metrics' } } }).success).toBe(true);
    expect(configSchema.safeParse({ ...base, api: { metrics: { port: 9464 } } }).success).toBe(true);
    // A worker's --metrics-port (given to the call, not in the config) is held to the same rule.
    await expect(startMetricsServer(withMetrics({ host: '0.0.0.0' }), render, 0)).rejects.toThrow(/needs api.metrics.tokenFile/);
    const m = await startMetricsServer(withMetrics({ host: '127.0.0.1' }), render, 0);
    try { expect((await get(m!.url)).status).toBe(200); } finally { await m?.close(); }
    // A token too short to be a secret is refused at start.
    const short = path.join(dir, 'short-token');
    writeFileSync(short, 'abc');
    await expect(startMetricsServer(withMetrics({ host: '127.0.0.1', port: 0, tokenFile: short }), render)).rejects.toThrow(/at least 16/);
  });
});

describe('what a platform account sees of the bureau\'s accounts', () => {
  it('no account ids in notices or their events; staff still see them', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'acct-view-1', title: '安踏 高仿' });
    expect((await f.inject('officer', 'POST', `/api/review/listings/${l.listingId}/decision`, { decision: 'confirm', reason: '使用安踏商标', captureId: l.captureId })).statusCode).toBe(200);
    const notice = (await f.inject('officer', 'POST', '/api/notices', { platform: PLATFORM_A })).json().notices[0];
    expect((await f.inject('admin', 'POST', `/api/notices/${notice.id}/send`)).statusCode).toBe(200);

    const ids = [f.accountIds.officer, f.accountIds.admin];
    const staff = (await f.inject('officer', 'GET', `/api/notices/${notice.id}`)).json();
    expect(staff.notice).toMatchObject({ createdBy: f.accountIds.officer, sentBy: f.accountIds.admin });
    expect(staff.events.map((e: { accountId: number }) => e.accountId)).toEqual(expect.arrayContaining(ids));

    const views = [
      (await f.inject('platformA', 'GET', `/api/notices/${notice.id}`)).json(),
      (await f.inject('platformA', 'GET', '/api/notices')).json(),
      (await f.inject('platformA', 'GET', `/api/notices/${notice.id}/document`)).json(),
    ];
    const keys = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { keys.add(k); walk(x); }
    };
    views.forEach(walk);
    for (const k of ['createdBy', 'sentBy', 'accountId', 'createdByUsername', 'username', 'decidedBy', 'decidedByUsername']) expect(keys, k).not.toContain(k);
    // Who did what is still there, by display name and role.
    const detail = views[0];
    expect(detail.notice.createdByName).toBe('王警官');
    expect(detail.events.find((e: { event: string }) => e.event === 'send')).toMatchObject({ role: 'admin' });
  });
});
