/**
 * The permission matrix: every route the app registers, built as the CLI's
 * `api` command builds it (with the operations port: campaigns, runs,
 * /metrics, the Bull Board dashboard), called by every role the project
 * defines, by a bad token and anonymously.
 *
 * Nothing here lists routes by hand. The routes come from the running app
 * (its route table, checked against Fastify's router so none is skipped);
 * each route's declared rule must be the one api/README.md documents (so a
 * guard loosened or dropped in the code, or a route added without a
 * documented rule, fails); and the status each caller gets follows that rule.
 */
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../api/app.js';
import { ALL_ROLES, type Access } from '../../api/route.registry.js';
import type { Role } from '../../store/account.repository.js';
import { PLATFORM_A, setupFixture, type Fixture } from './fixtures.js';

/** One row of the table in api/README.md: methods, paths (`/x/*` covers every route under /x/), roles. */
interface DocRule { methods: string[]; paths: string[]; access: Access; line: number }

function documentedRules(): DocRule[] {
  const text = readFileSync(new URL('../../api/README.md', import.meta.url), 'utf8');
  const rules: DocRule[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /^\| ((?:GET|POST|PUT|PATCH|DELETE)(?:, (?:GET|POST|PUT|PATCH|DELETE))*) \| ([^|]+) \| ([^|]+) \|/.exec(l);
    if (!m) return;
    const roles = m[3].trim();
    rules.push({
      methods: m[1].split(', '), paths: m[2].split(',').map((p) => p.trim().replace(/`/g, '')), line: i + 1,
      access: roles === 'anyone' ? 'public' : roles.split(',').map((r) => r.trim() as Role),
    });
  });
  return rules;
}

/** Whether a documented path covers a route (a trailing-slash twin is documented by its route). */
const covers = (path: string, url: string) => path === url || path === url.replace(/(.)\/$/, '$1') || (path.endsWith('/*') && url.startsWith(path.slice(0, -1)));
const norm = (a: Access | undefined) => (a === undefined || a === 'public' ? a : [...a].sort().join(', '));

/** Fastify's own count of routes (its router, printed), HEAD routes left out as the route table leaves them. */
function routerCount(printed: string): number {
  let n = 0;
  for (const line of printed.split('\n')) {
    const m = /\(([A-Z, ]+)\)\s*$/.exec(line);
    if (m) n += m[1].split(', ').filter((x) => x !== 'HEAD').length;
  }
  return n;
}

/** A value for each path parameter (unknown ones: a word no row has). */
const PARAM: Record<string, string> = { id: '1', itemId: '1', sha256: 'a'.repeat(64), file: 'app.js', queueName: 'scan', queueStatus: 'failed' };
const fill = (url: string) => url.replace(/:(\w+)/g, (_, p: string) => PARAM[p] ?? 'none').replace(/\*$/, 'x');

interface Caller { name: string; role: Role | null; authorization?: string }

let f: Fixture;
/** The route table, and the trailing-slash twins Fastify adds to a plugin's root route (`/docs/ui/`, `/admin/queues/`) without telling onRoute. */
let routes: RouteEntry[];
let callers: Caller[];
let definedRoles: string[];
beforeAll(async () => {
  f = await setupFixture({ ops: true });
  await f.addListing({ platform: PLATFORM_A, listingId: 'p1', title: '安踏' });
  const table = f.app.routeTable;
  const twins = table.filter((r) => !r.url.endsWith('/') && !r.url.endsWith('*') && !table.some((t) => t.method === r.method && t.url === `${r.url}/`)
    && f.app.hasRoute({ method: r.method as 'GET', url: `${r.url}/` })).map((r) => ({ ...r, url: `${r.url}/` }));
  routes = [...table, ...twins];
  // The roles the database accepts (accounts.role's CHECK constraint): a role added there is called here too.
  const { rows } = await f.db.query<{ def: string }>(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = 'accounts'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%role = ANY%'`);
  definedRoles = [...rows[0].def.matchAll(/'(\w+)'::text/g)].map((m) => m[1]).sort();
  const accounts = await f.db.query<{ id: string; role: Role }>('SELECT id, role FROM accounts');
  const roleOf = new Map(accounts.rows.map((a) => [Number(a.id), a.role]));
  callers = [
    { name: 'anonymous', role: null },
    { name: 'bad token', role: null, authorization: 'Bearer nonsense-token-that-is-long-enough' },
    ...Object.entries(f.accountIds).map(([name, id]) => ({ name, role: roleOf.get(id)!, authorization: `Bearer ${f.tokens[name as keyof Fixture['tokens']]}` })),
  ];
}, 60_000);
afterAll(async () => { await f?.close(); });

describe('permission matrix', () => {
  it('covers every role the project defines, each by an account of the fixture', () => {
    expect(definedRoles).toEqual([...ALL_ROLES].sort());
    for (const role of definedRoles) expect(callers.some((c) => c.role === role), role).toBe(true);
  });

  it('takes every route the app registers, operations routes included, and no route twice', () => {
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(routerCount(f.app.printRoutes({ commonPrefix: false })));
    for (const r of routes) expect(f.app.hasRoute({ method: r.method as 'GET', url: r.url }), `${r.method} ${r.url}`).toBe(true);
    // Built as production builds it: the operations routes are there.
    for (const key of ['POST /api/campaigns', 'GET /api/runs', 'POST /api/runs', 'GET /metrics', 'GET /admin/queues']) expect(keys).toContain(key);
  });

  it('every route declares the roles api/README.md documents for it, and every documented path exists', () => {
    const doc = documentedRules();
    const wrong: string[] = [];
    for (const r of routes) {
      const rules = doc.filter((d) => d.methods.includes(r.method) && d.paths.some((p) => covers(p, r.url)));
      const key = `${r.method} ${r.url} (declares ${norm(r.access) ?? 'nothing'})`;
      if (!r.access) wrong.push(`${key}: no access rule`);
      else if (!rules.length) wrong.push(`${key}: not in api/README.md's table`);
      else if (rules.some((d) => norm(d.access) !== norm(r.access))) wrong.push(`${key}: api/README.md says ${rules.map((d) => `${norm(d.access)} (line ${d.line})`).join(', ')}`);
      else if (r.access !== 'public') for (const role of r.access) if (!definedRoles.includes(role)) wrong.push(`${key}: unknown role ${role}`);
    }
    for (const d of doc) for (const p of d.paths) {
      if (!routes.some((r) => d.methods.includes(r.method) && covers(p, r.url))) wrong.push(`api/README.md line ${d.line}: ${d.methods.join(', ')} ${p} is no route`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives every caller on every route the status its rule says (401 anonymous, 403 other roles, neither to its roles)', async () => {
    const wrong: string[] = [];
    let cells = 0;
    const covered = new Set<string>();
    // Logout last: it ends the session the other requests use.
    const order = [...routes].sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    for (const r of order) {
      const access = r.access!;
      for (const c of callers) {
        const res: LightMyRequestResponse = await f.app.inject({
          method: r.method as 'GET', url: fill(r.url),
          headers: c.authorization ? { authorization: c.authorization } : {},
          ...(r.method === 'GET' ? {} : { payload: {} }),
        });
        const s = res.statusCode;
        const ok = access === 'public' ? ![401, 403].includes(s)
          : !c.role ? s === 401
            : !access.includes(c.role) ? s === 403
              : ![401, 403, 500].includes(s);
        if (!ok) wrong.push(`${c.name} ${r.method} ${fill(r.url)} (${norm(access)}) → ${s} ${res.body.slice(0, 120)}`);
        cells++;
      }
      covered.add(`${r.method} ${r.url}`);
    }
    expect(wrong).toEqual([]);
    // Nothing skipped: every registered route, by every caller.
    expect(covered.size).toBe(routerCount(f.app.printRoutes({ commonPrefix: false })));
    expect(cells).toBe(covered.size * callers.length);
  }, 120_000);

  it('401 for a bad or expired token, 403 for cookie writes without the CSRF header', async () => {
    await f.setNow(f.now.value.toISOString()); // fresh sessions (the matrix logged everyone out)
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
    await f.setNow(f.now.value.toISOString());
    const id = f.accountIds.platformB;
    expect((await f.inject('admin', 'PATCH', `/api/accounts/${id}`, { active: false })).statusCode).toBe(200);
    expect((await f.inject('platformB', 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'shop-ops', password: 'correct horse battery' } })).statusCode).toBe(401);
  });

  it('serves the OpenAPI document with every API route and its roles', async () => {
    const doc = (await f.inject(null, 'GET', '/docs/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/review/queue');
    expect(Object.keys(doc.paths)).toContain('/api/campaigns/{id}/run');
    expect(doc.paths['/api/notices/{id}/replies'].post.description).toMatch(/Roles: platform/);
    expect(doc.paths['/api/review/listings/{id}/decision'].post.requestBody).toBeDefined();
  });
});
