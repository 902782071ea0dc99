/**
 * Hostile API bodies and parameters: every route, every text field. Nothing
 * gets a 500; control characters and bidi overrides get a 400 naming the
 * field; injection-looking text is stored verbatim and shown escaped; huge,
 * mistyped and malformed bodies get a 4xx; and the database is intact after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_A, setupFixture, snapshot, type Fixture } from '../api/fixtures.js';
import { REFUSED, STORED, huge } from './corpus.js';

let f: Fixture;
let notice: number;
const listingIds: number[] = [];

beforeAll(async () => {
  f = await setupFixture();
  for (let i = 0; i < Object.keys(STORED).length + 2; i++) {
    listingIds.push((await f.addListing({ platform: PLATFORM_A, listingId: `bad-${i}`, title: `安踏 ${i}` })).listingId);
  }
  const d = await f.inject('officer', 'POST', `/api/review/listings/${listingIds.pop()}/decision`, { decision: 'confirm', reason: 'r' });
  expect(d.statusCode).toBe(200);
  notice = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices[0].id;
  await f.inject('officer', 'POST', `/api/notices/${notice}/send`);
}, 120_000);
afterAll(async () => { await f?.close(); });

/** Text fields of request bodies: a valid body with `value` in the field. */
const BODY_FIELDS: Array<[string, 'officer' | 'admin' | 'platformA' | null, string, () => string, (v: string) => unknown]> = [
  ['login username', null, 'POST', () => '/api/auth/login', (v) => ({ username: v, password: 'x' })],
  ['login password', null, 'POST', () => '/api/auth/login', (v) => ({ username: 'officer1', password: v })],
  ['decision reason', 'officer', 'POST', () => `/api/review/listings/${listingIds[0]}/decision`, (v) => ({ decision: 'dismiss', reason: v })],
  ['notice platform', 'officer', 'POST', () => '/api/notices', (v) => ({ platform: v })],
  ['withdraw reason', 'officer', 'POST', () => '/api/notices/999999/withdraw', (v) => ({ reason: v })],
  ['reply reason', 'platformA', 'POST', () => `/api/notices/${notice}/replies`, (v) => ({ action: 'refused', reason: v, itemIds: [999999] })],
  ['counter-notice statement', 'platformA', 'POST', () => `/api/notices/${notice}/replies`, (v) => ({ action: 'counter_notice', itemIds: [999999], counterNotice: { statement: v, evidence: 'e' } })],
  ['counter-notice seller', 'platformA', 'POST', () => `/api/notices/${notice}/replies`, (v) => ({ action: 'counter_notice', itemIds: [999999], counterNotice: { statement: 's', evidence: 'e', sellerName: v } })],
  ['resolve reason', 'officer', 'POST', () => `/api/notices/${notice}/items/999999/resolve`, (v) => ({ outcome: 'withdraw', reason: v })],
  ['case note', 'officer', 'POST', () => '/api/decisions/999999/case', (v) => ({ note: v })],
  ['account username', 'admin', 'POST', () => '/api/accounts', (v) => ({ username: v, password: 'long enough', role: 'officer' })],
  ['account display name', 'admin', 'PATCH', () => '/api/accounts/999999', (v) => ({ displayName: v })],
  ['confirm-gone date', 'officer', 'POST', () => '/api/notices/confirm-gone', (v) => ({ listingIds: [1], observedAt: v })],
];

/** Query parameters that take text. */
const QUERY_PARAMS: Array<[string, string]> = [
  ['/api/review/queue', 'platform'], ['/api/review/queue', 'assetId'], ['/api/review/queue', 'from'], ['/api/review/queue', 'minScore'],
  ['/api/decisions', 'platform'], ['/api/notices', 'platform'], ['/api/notices', 'state'], ['/api/stats', 'region'], ['/api/stats', 'groupBy'],
  ['/api/stats', 'platform'], ['/api/stats', 'to'], ['/api/audit', 'action'], ['/api/audit', 'subjectId'], ['/api/assets', 'assetType'],
  ['/api/stats/export.csv', 'region'],
];

describe('refused characters in every body text field: 400 naming the field', () => {
  for (const [name, who, method, url, body] of BODY_FIELDS) {
    it(name, async () => {
      const before = await snapshot(f.db);
      for (const [kind, v] of Object.entries(REFUSED)) {
        const r = await f.inject(who, method, url(), body(v));
        expect(r.statusCode, `${kind}: ${r.body}`).toBe(400);
        expect(r.json().issues?.[0]?.field, kind).toBeTruthy();
        expect(r.json().message, kind).toMatch(/control character|bidirectional|surrogate/);
      }
      expect(await snapshot(f.db)).toBe(before);
    });
  }
});

describe('refused characters in every query parameter: 400 naming it', () => {
  for (const [path, param] of QUERY_PARAMS) {
    it(`${path}?${param}`, async () => {
      for (const [kind, v] of Object.entries(REFUSED)) {
        if (kind === 'lone surrogate') continue; // a URL cannot carry one; invalid UTF-8 is tried below
        const r = await f.inject(param === 'action' || param === 'subjectId' ? 'admin' : 'officer', 'GET', `${path}?${param}=${encodeURIComponent(v)}`);
        expect(r.statusCode, `${kind}: ${r.body}`).toBe(400);
        expect(r.body, kind).toContain(param);
      }
      for (const raw of ['%ED%A0%BD', '%FF%FE', '%E5%AE', '%', '%%00']) {
        const r = await f.inject('admin', 'GET', `${path}?${param}=${raw}`);
        expect(r.statusCode, `${raw}: ${r.body}`).toBeLessThan(500);
      }
    });
  }
});

describe('injection-looking text: never a 500, stored verbatim, shown escaped', () => {
  it('in query parameters and body fields of every route above', async () => {
    for (const v of [...Object.values(STORED), huge(5000)]) {
      for (const [path, param] of QUERY_PARAMS) {
        const r = await f.inject('admin', 'GET', `${path}?${param}=${encodeURIComponent(v)}`);
        expect(r.statusCode, `${path}?${param}=${v.slice(0, 40)}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
      }
      for (const [name, who, method, url, body] of BODY_FIELDS) {
        if (name.startsWith('login')) continue; // the login limits are tested apart
        const r = await f.inject(who, method, url(), body(v));
        expect(r.statusCode, `${name}=${v.slice(0, 40)}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
      }
    }
    const tables = await f.db.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('notices', 'accounts', 'review_decisions')`);
    expect(tables.rows[0].n).toBe(3);
  });

  it('a decision reason comes back exactly, and the printable notice escapes it', async () => {
    const entries = Object.entries(STORED);
    for (let i = 0; i < entries.length; i++) {
      const [kind, v] = entries[i];
      const r = await f.inject('officer', 'POST', `/api/review/listings/${listingIds[i + 1]}/decision`, { decision: 'confirm', reason: v });
      expect(r.statusCode, `${kind}: ${r.body}`).toBe(200);
      // Reasons are trimmed, nothing else.
      expect(r.json().reason, kind).toBe(v.trim());
    }
    const created = await f.inject('officer', 'POST', '/api/notices', {});
    expect(created.statusCode).toBe(200);
    const id = created.json().notices[0].id;
    const html = (await f.inject('officer', 'GET', `/api/notices/${id}/document.html`)).body;
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('" onmouseover="alert(1)"');
  });
});

describe('malformed bodies: 4xx, never 500', () => {
  const posts = () => [
    '/api/auth/login', `/api/review/listings/${listingIds[0]}/decision`, '/api/notices', `/api/notices/${notice}/withdraw`,
    '/api/notices/confirm-gone', '/api/accounts', '/api/decisions/1/case',
  ];
  const BODIES: Record<string, [string, string]> = {
    'invalid JSON': ['{"reason": "x",', 'application/json'],
    'JSON with trailing garbage': ['{"reason": "x"} x', 'application/json'],
    'array instead of object': ['[1,2,3]', 'application/json'],
    'null': ['null', 'application/json'],
    'number': ['42', 'application/json'],
    'string': ['"text"', 'application/json'],
    'wrong types': ['{"decision": 1, "reason": ["a"], "platform": {}, "listingIds": "1", "username": 5, "password": true}', 'application/json'],
    'proto pollution': ['{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}', 'application/json'],
    'deep nesting': ['['.repeat(5000) + ']'.repeat(5000), 'application/json'],
    'huge string field': [JSON.stringify({ reason: huge(300_000), username: huge(300_000) }), 'application/json'],
    'over the body limit': [JSON.stringify({ reason: 'x'.repeat(2 * 1024 * 1024) }), 'application/json'],
    'form encoded': ['reason=x&decision=confirm', 'application/x-www-form-urlencoded'],
    'xml': ['<reason>x</reason>', 'application/xml'],
    'invalid UTF-8': ['{"reason": "\xff\xfe"}', 'application/json'],
  };
  for (const [name, [payload, type]] of Object.entries(BODIES)) {
    it(name, async () => {
      const before = await snapshot(f.db);
      for (const url of posts()) {
        const r = await f.app.inject({ method: 'POST', url, payload: type === 'application/json' && name === 'invalid UTF-8' ? Buffer.from([0x7b, 0x22, 0x72, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) : payload, headers: { 'content-type': type, authorization: `Bearer ${url.includes('accounts') ? f.tokens.admin : f.tokens.officer}` } });
        expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
        expect(typeof r.json().message).toBe('string');
      }
      expect(await snapshot(f.db)).toBe(before);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });
  }

  it('hostile path parameters', async () => {
    for (const p of ['%00', '-1', '1e400', '9'.repeat(400), '0x10', '1.5', '%E2%80%AE1', "1'--", '..%2F..%2Fetc%2Fpasswd']) {
      for (const url of [`/api/notices/${p}`, `/api/review/listings/${p}`, `/api/evidence/${p}`, `/api/notices/${p}/items/${p}/resolve`]) {
        const r = await f.inject('officer', url.endsWith('resolve') ? 'POST' : 'GET', url, url.endsWith('resolve') ? { outcome: 'withdraw', reason: 'r' } : undefined);
        expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
      }
    }
  });
});
