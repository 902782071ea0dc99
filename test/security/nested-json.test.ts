/**
 * Issue 23 (high): an unauthenticated `POST /api/auth/login` whose JSON body
 * nests a value hundreds of thousands of levels deep froze the whole API (the
 * text guard copied the field path at every level: quadratic; 800 KB, under
 * the body limit, blocked every other request for more than ten minutes and
 * the process ignored SIGTERM). Now the JSON parser refuses a body nested
 * deeper than MAX_JSON_DEPTH before parsing it, and the text guard walks
 * linearly with the same depth limit.
 *
 * The API runs as production starts it, in a process of its own listening on
 * a port: the nested body goes in on one connection while another asks for
 * /api/health; both must answer within a bounded time (before the fix neither
 * did, and the test failed by its timeouts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../api/json.guard.js';
import { unsafeTextIssues } from '../../api/text.guard.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { until } from '../support/wait.js';
import { send, startApiProcess, type ApiProcess } from './support/api.process.js';

/** `{"username": [[[…]]], "password": "x"}`, about `bytes` long. */
function nestedLogin(bytes: number): string {
  const depth = Math.floor(bytes / 2);
  return `{"username":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}`;
}

let t: TestDatabase;
let api: ApiProcess;
beforeAll(async () => {
  t = await createTestDatabase();
  api = await startApiProcess({ databaseUrl: t.url });
}, 90_000);
afterAll(async () => {
  await api?.stop();
  await t?.drop();
});

describe('a deeply nested JSON body', () => {
  it('gets 400 at once while /api/health on another connection keeps answering', async () => {
    const body = nestedLogin(800_000);
    expect(body.length).toBeLessThan(1024 * 1024); // under the body limit: the limit alone does not stop it
    const nested = send(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, timeoutMs: 20_000 });
    nested.catch(() => {}); // awaited below; a failure before that must not surface as an unhandled rejection
    // A second connection, polled: each try has its own bound, so a frozen API fails the test instead of hanging it.
    const health = await until(async () => {
      const r = await send(`${api.url}/api/health`, { timeoutMs: 5000 }).catch(() => undefined);
      return r?.status;
    }, { what: '/api/health to answer beside the nested body', timeoutMs: 20_000, intervalMs: 100 });
    expect([200, 503]).toContain(health);
    const r = await nested;
    expect(r.status).toBe(400);
    const json = JSON.parse(r.body);
    expect(json.error).toBe('bad_request');
    expect(json.message).toMatch(/^请求内容嵌套过深/);
    expect(json.message).toContain(`${MAX_JSON_DEPTH}`);
    // And the API still answers afterwards (it was not left busy).
    expect((await send(`${api.url}/api/health`, { timeoutMs: 5000 })).status).not.toBe(0);
  }, 60_000);

  it('nested within the limit still reaches validation (a clear 400 for the field)', async () => {
    const r = await send(`${api.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: [[['admin']]], password: 'x' }), timeoutMs: 10_000,
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).issues.map((i: { field: string }) => i.field)).toContain('username');
  }, 30_000);
});

describe('the text guard', () => {
  it('refuses a value nested deeper than the limit, naming where, without walking it all', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const issues = unsafeTextIssues({ a: deep }, 'body');
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/^嵌套过深/);
    expect(issues[0].field.startsWith('a[0][0]')).toBe(true);
  });

  it('still names the field of a bad string deep inside (path built only when reporting)', () => {
    const issues = unsafeTextIssues({ items: [{ reason: 'ok' }, { reason: 'bad\u0000' }], note: 'x\u202Ey' }, 'body');
    expect(issues.map((i) => i.field)).toEqual(['items[1].reason', 'note']);
  });
});
