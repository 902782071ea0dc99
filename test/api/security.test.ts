/**
 * Issue 13's security findings, each as a test on the real app and Postgres:
 * headers and cookies, control characters and dates, officers' names hidden
 * from platforms, password hashing cost and upgrade, expired sessions.
 * Login limits: login-limits.test.ts; concurrency: notice-concurrency.test.ts;
 * evidence integrity: evidence-integrity.test.ts.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCRYPT, hashToken } from '../../enforcement/account.service.js';
import { PASSWORD, PLATFORM_A, setupFixture, type Fixture } from './fixtures.js';

let f: Fixture;
let noticeId: number;
let listing: { listingId: number; captureId: number };

beforeAll(async () => {
  f = await setupFixture();
  listing = await f.addListing({ platform: PLATFORM_A, listingId: 's1', title: '安踏 s1' });
  const other = await f.addListing({ platform: PLATFORM_A, listingId: 's2', title: '安踏 s2' });
  await f.inject('officer', 'POST', `/api/review/listings/${other.listingId}/decision`, { decision: 'confirm', reason: 'fake' });
  noticeId = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices[0].id;
  await f.inject('officer', 'POST', `/api/notices/${noticeId}/send`);
});
afterAll(async () => { await f?.close(); });

describe('headers (helmet)', () => {
  it('pages keep their strict CSP; no upgrade-insecure-requests that would break plain-http use', async () => {
    const r = await f.app.inject({ method: 'GET', url: '/' });
    expect(r.statusCode).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('every response carries the standard headers', async () => {
    for (const url of ['/api/health', '/api/nothing', '/web/common.js']) {
      const r = await f.app.inject({ method: 'GET', url });
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['referrer-policy'], url).toBe('no-referrer');
      expect(r.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
      expect(r.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(r.headers['content-security-policy'], url).toContain("default-src 'self'");
    }
  });

  it('evidence keeps its sandbox policy', async () => {
    const r = await f.inject('officer', 'GET', `/api/review/listings/${listing.listingId}`);
    const html = r.json().evidence.find((e: { kind: string }) => e.kind === 'html');
    const e = await f.inject('officer', 'GET', html.url);
    expect(e.statusCode).toBe(200);
    expect(e.headers['content-security-policy']).toMatch(/^sandbox/);
  });
});

describe('session cookie (@fastify/cookie)', () => {
  it('is Secure, HttpOnly and SameSite=Strict by default, and authenticates reads', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer1', password: PASSWORD } });
    const set = String(r.headers['set-cookie']);
    for (const a of ['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/']) expect(set).toContain(a);
    const me = await f.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { ipwatch_session: r.json().token } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('officer1');
    const out = await f.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${r.json().token}` } });
    expect(String(out.headers['set-cookie'])).toMatch(/ipwatch_session=; Max-Age=0/);
  });

  it('drops Secure only when configured off (plain-http local use)', async () => {
    const g = await setupFixture({ api: { cookieSecure: false } });
    try {
      const r = await g.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer1', password: PASSWORD } });
      expect(r.statusCode).toBe(200);
      expect(String(r.headers['set-cookie'])).not.toContain('Secure');
    } finally {
      await g.close();
    }
  });
});

describe('control characters and bidi overrides: 400 naming the field, never 500', () => {
  const cases: Array<[string, 'officer' | null, string, () => string, unknown, RegExp]> = [
    ['NUL in anonymous login username', null, 'POST', () => '/api/auth/login', { username: 'off\u0000icer1', password: 'x' }, /username/],
    ['NUL in login password', null, 'POST', () => '/api/auth/login', { username: 'officer1', password: 'pa\u0000ss' }, /password/],
    ['NUL in a decision reason', 'officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, { decision: 'dismiss', reason: 'a\u0000b' }, /reason/],
    ['bell in a decision reason', 'officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, { decision: 'dismiss', reason: 'a\u0007b' }, /reason/],
    ['bidi override in a reason', 'officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, { decision: 'dismiss', reason: '正常\u202E品正' }, /reason.*bidirectional/],
    ['NUL in a query parameter', 'officer', 'GET', () => '/api/review/queue?platform=demo%00mall', undefined, /platform/],
    ['NUL in the notices state filter', 'officer', 'GET', () => '/api/notices?platform=%00', undefined, /platform/],
    ['NUL in a stats filter', 'officer', 'GET', () => '/api/stats?region=%E6%B5%99%00', undefined, /region/],
    ['NUL in a field name', 'officer', 'POST', () => '/api/notices', { 'plat\u0000form': 'x' }, /field name/],
    ['lone surrogate in a reason', 'officer', 'POST', () => `/api/review/listings/${listing.listingId}/decision`, { decision: 'dismiss', reason: 'x\uD800y' }, /surrogate/],
  ];
  for (const [name, who, method, url, body, mention] of cases) {
    it(name, async () => {
      const r = await f.inject(who, method, url(), body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.body).toMatch(mention);
    });
  }

  it('newlines and tabs in a reason are fine', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 's-nl', title: '安踏 nl' });
    const r = await f.inject('officer', 'POST', `/api/review/listings/${l.listingId}/decision`, { decision: 'dismiss', reason: 'line 1\n\tline 2\r\n' });
    expect(r.statusCode, r.body).toBe(200);
  });
});

describe('strict dates: 400 naming the field', () => {
  const bad: Array<[string, string, RegExp]> = [
    ['month 13 does not roll over', '/api/stats?from=2024-13-45', /from.*month 13/],
    ['day 45', '/api/stats?to=2024-01-45', /to.*day 45/],
    ['30 February', '/api/review/queue?from=2024-02-30', /from.*day 30/],
    ['year 0099 is not 1999', '/api/stats?from=0099-01-01', /from.*year 0099/],
    ['year 275760 (JS max)', '/api/stats?from=275760-09-13', /from/],
    ['ISO with a bad hour', '/api/review/queue?to=2024-01-01T25:00:00Z', /to.*time of day/],
    ['date-time without offset', '/api/stats?from=2024-01-01T08:00:00', /from/],
    ['word', '/api/stats?from=yesterday', /from/],
  ];
  for (const [name, url, mention] of bad) {
    it(name, async () => {
      const r = await f.inject('officer', 'GET', url);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.body).toMatch(mention);
    });
  }

  it('a leap day and an ISO date-time are accepted', async () => {
    expect((await f.inject('officer', 'GET', '/api/stats?from=2024-02-29&to=2026-12-31')).statusCode).toBe(200);
    expect((await f.inject('officer', 'GET', '/api/review/queue?from=2026-11-01T00:00:00%2B08:00')).statusCode).toBe(200);
  });

  it('confirm-gone refuses a year-1 date and a rolled-over one, and changes nothing', async () => {
    for (const observedAt of ['0001-01-01T00:00:00Z', '2024-13-45T00:00:00Z', '1999-12-31T23:59:59Z']) {
      const r = await f.inject('officer', 'POST', '/api/notices/confirm-gone', { listingIds: [listing.listingId], observedAt });
      expect(r.statusCode, observedAt).toBe(400);
      expect(r.json().issues[0].field).toBe('observedAt');
    }
  });
});

describe('platforms never see officers\' login names', () => {
  it('not in notice lists, details, documents or reply answers; staff still see them', async () => {
    const seen: string[] = [];
    for (const url of ['/api/notices', `/api/notices/${noticeId}`, `/api/notices/${noticeId}/document`, `/api/notices/${noticeId}/document.html`]) {
      const r = await f.inject('platformA', 'GET', url);
      expect(r.statusCode, url).toBe(200);
      seen.push(r.body);
    }
    const reply = await f.inject('platformA', 'POST', `/api/notices/${noticeId}/replies`, { action: 'refused', reason: '证据不足' });
    expect(reply.statusCode, reply.body).toBe(200);
    seen.push(reply.body, (await f.inject('platformA', 'GET', `/api/notices/${noticeId}`)).body);
    for (const body of seen) {
      expect(body).not.toContain('officer1');
      expect(body).not.toContain('createdByUsername');
    }
    const detail = JSON.parse(seen.at(-1)!);
    expect(detail.notice.createdByName).toBe('王警官');
    expect(detail.events.some((e: { displayName?: string; role?: string }) => e.displayName === '王警官' && e.role === 'officer')).toBe(true);
    const staff = await f.inject('officer', 'GET', `/api/notices/${noticeId}`);
    expect(staff.json().notice.createdByUsername).toBe('officer1');
  });
});

describe('passwords and sessions', () => {
  it('new hashes use scrypt N=2^17', async () => {
    const { rows } = await f.db.query(`SELECT password_hash FROM accounts WHERE username = 'officer1'`);
    expect(rows[0].password_hash.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 17), '8', '1']);
    expect(SCRYPT.N).toBe(2 ** 17);
  });

  it('an old N=2^14 hash still logs in and is upgraded in place', async () => {
    const salt = randomBytes(16);
    const old = ['scrypt', 16384, 8, 1, salt.toString('base64'), scryptSync(PASSWORD, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')].join('$');
    await f.db.query(`UPDATE accounts SET password_hash = $1 WHERE username = 'admin1'`, [old]);
    const r = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin1', password: PASSWORD } });
    expect(r.statusCode, r.body).toBe(200);
    const { rows } = await f.db.query(`SELECT password_hash FROM accounts WHERE username = 'admin1'`);
    expect(rows[0].password_hash).not.toBe(old);
    expect(rows[0].password_hash.split('$')[1]).toBe(String(2 ** 17));
    const again = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin1', password: PASSWORD } });
    expect(again.statusCode).toBe(200);
  });

  it('a stored hash asking for an absurd cost is refused, not computed', async () => {
    await f.db.query(`UPDATE accounts SET password_hash = 'scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' WHERE username = 'shop-ops'`);
    const r = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'shop-ops', password: PASSWORD } });
    expect(r.statusCode).toBe(401);
  });

  it('expired sessions are deleted when someone logs in', async () => {
    const id = f.accountIds.officer;
    const expired = hashToken('expired-token-for-the-sweep-test');
    await f.db.query(`INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
      [expired, id, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T12:00:00Z')]);
    const r = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer1', password: PASSWORD } });
    expect(r.statusCode).toBe(200);
    const left = await f.db.query(`SELECT count(*)::int AS n FROM sessions WHERE expires_at <= $1`, [f.now.value]);
    expect(left.rows[0].n).toBe(0);
    const live = await f.db.query(`SELECT count(*)::int AS n FROM sessions WHERE expires_at > $1`, [f.now.value]);
    expect(live.rows[0].n).toBeGreaterThan(0);
  });
});
