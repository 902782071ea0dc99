/** Bad requests get a clear 4xx naming the problem, and change nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_A, setupFixture, snapshot, type Fixture } from './fixtures.js';

let f: Fixture;
let listing: { listingId: number; captureId: number };
let notice: number;

beforeAll(async () => {
  f = await setupFixture();
  listing = await f.addListing({ platform: PLATFORM_A, listingId: 'x1', title: '安踏' });
  const other = await f.addListing({ platform: PLATFORM_A, listingId: 'x2', title: '安踏 2' });
  await f.inject('officer', 'POST', `/api/review/listings/${other.listingId}/decision`, { decision: 'confirm', reason: 'r' });
  notice = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices[0].id;
  await f.inject('officer', 'POST', `/api/notices/${notice}/send`);
});
afterAll(async () => { await f?.close(); });

type Case = [who: 'officer' | 'admin' | 'platformA' | null, method: string, url: () => string, body: unknown, status: number, mention?: RegExp];

const CASES: Record<string, Case> = {
  'decision without reason': ['officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, { decision: 'confirm' }, 400, /reason/],
  'decision with blank reason': ['officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, { decision: 'confirm', reason: '   ' }, 400, /reason/],
  'unknown decision': ['officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, { decision: 'maybe', reason: 'r' }, 400, /decision/],
  'measure on a dismissal': ['officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, { decision: 'dismiss', reason: 'r', measure: 'stop_shop' }, 400, /measure/],
  'unknown measure': ['officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, { decision: 'confirm', reason: 'r', measure: 'arrest' }, 400, /measure/],
  'unknown field': ['officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, { decision: 'confirm', reason: 'r', extra: 1 }, 400, /extra/],
  'non-numeric id': ['officer', 'POST', () => '/api/review/listings/abc/decision', { decision: 'confirm', reason: 'r' }, 400, /id/],
  'unknown listing': ['officer', 'POST', () => '/api/review/listings/999999/decision', { decision: 'confirm', reason: 'r' }, 404],
  'stale capture': ['officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, () => ({ decision: 'confirm', reason: 'r', captureId: listing.captureId + 1000 }), 409, /changed/],
  'body is not JSON': ['officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, '{not json', 400],
  'decision ids not eligible': ['officer', 'POST', () => '/api/notices', { decisionIds: [424242] }, 409, /424242/],
  'unknown notice platform field': ['officer', 'POST', () => '/api/notices', { platfrom: 'x' }, 400, /platfrom/],
  'refusal without reason': ['platformA', 'POST', () => `/api/notices/${notice}/replies`, { action: 'refused' }, 400, /reason/],
  'counter-notice without statement': ['platformA', 'POST', () => `/api/notices/${notice}/replies`, { action: 'counter_notice' }, 400, /counterNotice/],
  'counter-notice without evidence': ['platformA', 'POST', () => `/api/notices/${notice}/replies`, { action: 'counter_notice', counterNotice: { statement: 's' } }, 400, /evidence/],
  'item of another notice': ['platformA', 'POST', () => `/api/notices/${notice}/replies`, { action: 'delisted', itemIds: [987654] }, 400, /987654/],
  'unknown reply action': ['platformA', 'POST', () => `/api/notices/${notice}/replies`, { action: 'ignored' }, 400, /action/],
  'withdraw without reason': ['officer', 'POST', () => `/api/notices/${notice}/withdraw`, {}, 400, /reason/],
  'unknown notice': ['officer', 'POST', () => '/api/notices/77777/send', undefined, 404],
  'stats: unknown groupBy': ['officer', 'GET', () => '/api/stats?groupBy=colour', undefined, 400, /colour/],
  'stats: bad date': ['officer', 'GET', () => '/api/stats?from=yesterday', undefined, 400, /from/],
  'stats: bad period': ['officer', 'GET', () => '/api/stats?period=decade', undefined, 400, /period/],
  'queue: limit 0': ['officer', 'GET', () => '/api/review/queue?limit=0', undefined, 400, /limit/],
  'queue: unknown IP type': ['officer', 'GET', () => '/api/review/queue?assetType=copyright', undefined, 400, /assetType/],
  'queue: unknown parameter': ['officer', 'GET', () => '/api/review/queue?sort=price', undefined, 400, /sort/],
  'evidence: not a hash': ['officer', 'GET', () => '/api/evidence/../../etc/passwd', undefined, 404],
  'evidence: bad hash': ['officer', 'GET', () => '/api/evidence/XYZ', undefined, 400, /sha256/],
  'evidence: unknown hash': ['officer', 'GET', () => `/api/evidence/${'0'.repeat(64)}`, undefined, 404],
  'account: platform role without platform': ['admin', 'POST', () => '/api/accounts', { username: 'p2', password: 'longenough', role: 'platform' }, 400, /platform/],
  'account: unknown platform': ['admin', 'POST', () => '/api/accounts', { username: 'p2', password: 'longenough', role: 'platform', platform: 'nope' }, 400, /platform/],
  'account: officer with platform': ['admin', 'POST', () => '/api/accounts', { username: 'o2', password: 'longenough', role: 'officer', platform: PLATFORM_A }, 400, /platform/],
  'account: short password': ['admin', 'POST', () => '/api/accounts', { username: 'o2', password: 'short', role: 'officer' }, 400, /password/],
  'account: taken username': ['admin', 'POST', () => '/api/accounts', { username: 'officer1', password: 'longenough', role: 'officer' }, 409, /taken/],
  'account: nothing to change': ['admin', 'PATCH', () => '/api/accounts/1', {}, 400, /nothing/],
  'account: unknown id': ['admin', 'PATCH', () => '/api/accounts/5555', { displayName: 'x' }, 404],
  'login: wrong password': [null, 'POST', () => '/api/auth/login', { username: 'officer1', password: 'wrong' }, 401, /wrong username or password/],
  'login: unknown user': [null, 'POST', () => '/api/auth/login', { username: 'ghost', password: 'wrong' }, 401, /wrong username or password/],
  'login: missing password': [null, 'POST', () => '/api/auth/login', { username: 'officer1' }, 400, /password/],
  'unknown route': ['officer', 'GET', () => '/api/nothing-here', undefined, 404],
};

describe('bad requests', () => {
  for (const [name, [who, method, url, lazyBody, status, mention]] of Object.entries(CASES)) {
    it(name, async () => {
      const body = typeof lazyBody === 'function' ? (lazyBody as () => unknown)() : lazyBody;
      const before = await snapshot(f.db);
      const r = typeof body === 'string'
        ? await f.app.inject({ method: method as 'POST', url: url(), headers: { authorization: `Bearer ${f.tokens.officer}`, 'content-type': 'application/json' }, payload: body })
        : await f.inject(who, method, url(), body);
      expect(r.statusCode, r.body).toBe(status);
      const err = r.json();
      expect(typeof err.error).toBe('string');
      expect(typeof err.message).toBe('string');
      if (mention) expect(JSON.stringify(err)).toMatch(mention);
      if (status === 400 && err.issues) expect(err.issues[0]).toHaveProperty('field');
      expect(await snapshot(f.db)).toBe(before);
    });
  }
});
