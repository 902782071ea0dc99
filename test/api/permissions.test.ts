/**
 * The permission matrix: every registered route against every role
 * (anonymous, officer, platform A, platform B, admin). The route list comes
 * from the app itself; a route missing from EXPECTED, or declaring other
 * roles than EXPECTED says, fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_A, setupFixture, type Fixture } from './fixtures.js';

type Who = 'anonymous' | 'officer' | 'platformA' | 'platformB' | 'admin';
const WHO: Who[] = ['anonymous', 'officer', 'platformA', 'platformB', 'admin'];
const S = ['officer', 'admin'];
const ALL = ['officer', 'platform', 'admin'];

/** Who may call what: `public`, or the roles. This is the table in api/README.md. */
const EXPECTED: Record<string, 'public' | string[]> = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ALL,
  'GET /api/auth/me': ALL,
  'GET /api/health': 'public',
  'GET /api/meta/vocabulary': 'public',
  'GET /api/platforms': ALL,
  'GET /api/assets': S,
  'GET /api/review/queue': S,
  'GET /api/review/listings/:id': S,
  'POST /api/review/listings/:id/decision': S,
  'GET /api/decisions': S,
  'POST /api/decisions/:id/case': S,
  'GET /api/cases': S,
  'POST /api/notices': S,
  'GET /api/notices': ALL,
  'GET /api/notices/:id': ALL,
  'GET /api/notices/:id/document': ALL,
  'GET /api/notices/:id/document.html': ALL,
  'POST /api/notices/:id/send': S,
  'POST /api/notices/:id/withdraw': S,
  'POST /api/notices/:id/replies': ['platform'],
  'POST /api/notices/:id/items/:itemId/resolve': S,
  'POST /api/notices/check-overdue': S,
  'POST /api/notices/confirm-gone': S,
  'GET /api/stats': S,
  'GET /api/stats/export.csv': S,
  'GET /api/stats/export.xlsx': S,
  'GET /api/accounts': ['admin'],
  'POST /api/accounts': ['admin'],
  'PATCH /api/accounts/:id': ['admin'],
  'GET /api/audit': S,
  'GET /api/evidence/:sha256': ALL,
  'GET /': 'public',
  'GET /platform': 'public',
  'GET /docs': 'public',
  'GET /web/:file': 'public',
  'GET /docs/openapi.json': 'public',
  'GET /admin': 'public',
  'GET /api/review/queue/export.csv': S,
  'GET /api/review/queue/export.xlsx': S,
  'GET /api/review/reasons': S,
  'POST /api/review/decisions/bulk': S,
  'GET /api/notices/:id/document.pdf': ALL,
  'GET /api/scan-runs': S,
  'GET /api/decisions/export.csv': S,
  'GET /api/decisions/export.xlsx': S,
  'GET /api/notices/export.csv': S,
  'GET /api/notices/export.xlsx': S,
  'GET /api/assets/:id/logo': S,
  // @fastify/swagger-ui (interactive docs)
  'GET /docs/ui': 'public',
  'GET /docs/ui/static/index.html': 'public',
  'GET /docs/ui/static/swagger-initializer.js': 'public',
  'GET /docs/ui/json': 'public',
  'GET /docs/ui/yaml': 'public',
  'GET /docs/ui/static/*': 'public',
};

const ROLE_OF: Record<Who, string | null> = { anonymous: null, officer: 'officer', platformA: 'platform', platformB: 'platform', admin: 'admin' };

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
  await f.addListing({ platform: PLATFORM_A, listingId: 'p1', title: '安踏' });
});
afterAll(async () => { await f?.close(); });

const fill = (url: string) => url.replace(':id', '1').replace(':itemId', '1').replace(':sha256', 'a'.repeat(64)).replace(':file', 'app.js');

describe('permission matrix', () => {
  it('every route declares who may call it, as the table says', () => {
    const routes = f.app.routeTable;
    const declared = Object.fromEntries(routes.map((r) => [`${r.method} ${r.url}`, r.access]));
    for (const [key, access] of Object.entries(declared)) {
      expect(access, `${key} has no access rule`).toBeDefined();
      expect(EXPECTED[key], `${key} is not in the permission table of this test (and api/README.md)`).toBeDefined();
      expect(access === 'public' ? 'public' : [...(access as string[])].sort()).toEqual(EXPECTED[key] === 'public' ? 'public' : [...EXPECTED[key]].sort());
    }
    expect(Object.keys(declared).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  // Logout last: it ends the session the other requests use.
  const keys = Object.keys(EXPECTED).sort((a, b) => Number(a.includes('logout')) - Number(b.includes('logout')));
  for (const key of keys) {
    it(key, async () => {
      const [method, url] = key.split(' ');
      const rule = EXPECTED[key];
      for (const who of WHO) {
        const body = method === 'GET' ? undefined : {};
        const r = await f.inject(who === 'anonymous' ? null : who, method, fill(url), body);
        const role = ROLE_OF[who];
        const label = `${who} ${method} ${fill(url)} → ${r.statusCode} ${r.body.slice(0, 120)}`;
        if (rule === 'public') expect([401, 403], label).not.toContain(r.statusCode);
        else if (!role) expect(r.statusCode, label).toBe(401);
        else if (!rule.includes(role)) expect(r.statusCode, label).toBe(403);
        else expect([401, 403, 500], label).not.toContain(r.statusCode);
      }
    });
  }

  it('401 for a bad or expired token, 403 for cookie writes without the CSRF header', async () => {
    expect((await f.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer nonsense-token-that-is-long-enough' } })).statusCode).toBe(401);
    expect((await f.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    const login = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer1', password: 'correct horse battery' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    for (const attr of [/; HttpOnly/, /; SameSite=Strict/, /; Secure/, /; Path=\//]) expect(String(login.headers['set-cookie'])).toMatch(attr);
    expect((await f.app.inject({ method: 'GET', url: '/api/review/queue', headers: { cookie } })).statusCode).toBe(200);
    const noCsrf = await f.app.inject({ method: 'POST', url: '/api/notices', headers: { cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await f.app.inject({ method: 'POST', url: '/api/notices', headers: { cookie, 'x-requested-with': 'ipwatch' }, payload: {} });
    expect(withCsrf.statusCode).toBe(200);
    // Sessions expire after 12 hours.
    const saved = f.now.value;
    f.now.value = new Date(saved.getTime() + 13 * 3600_000);
    expect((await f.app.inject({ method: 'GET', url: '/api/review/queue', headers: { cookie } })).statusCode).toBe(401);
    f.now.value = saved;
  });

  it('a deactivated account is locked out at once', async () => {
    await f.setNow(f.now.value.toISOString()); // fresh sessions (the matrix logged everyone out)
    const id = f.accountIds.platformB;
    expect((await f.inject('admin', 'PATCH', `/api/accounts/${id}`, { active: false })).statusCode).toBe(200);
    expect((await f.inject('platformB', 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'shop-ops', password: 'correct horse battery' } })).statusCode).toBe(401);
  });

  it('serves the OpenAPI document with every API route and its roles', async () => {
    const doc = (await f.inject(null, 'GET', '/docs/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/review/queue');
    expect(doc.paths['/api/notices/{id}/replies'].post.description).toMatch(/Roles: platform/);
    expect(doc.paths['/api/review/listings/{id}/decision'].post.requestBody).toBeDefined();
  });
});
