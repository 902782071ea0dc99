/**
 * Four officers create notices at the same moment, on real Postgres
 * connections: one gets the notice, the others an empty result (no
 * decisionIds) or 409 (with decisionIds); never a 500, and every decision
 * ends up in exactly one notice item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../enforcement/account.service.js';
import { PASSWORD, PLATFORM_A, PLATFORM_B, setupFixture, type Fixture } from './fixtures.js';

let f: Fixture;
const tokens: string[] = [];
let n = 0;

beforeAll(async () => {
  f = await setupFixture();
  // Enough connections for four transactions at once.
  (f.db.options as { max: number }).max = 10;
  for (let i = 2; i <= 4; i++) {
    await ensureAccount(f.db, { username: `officer${i}`, password: PASSWORD, role: 'officer', displayName: `警官${i}` });
  }
  for (const u of ['officer1', 'officer2', 'officer3', 'officer4']) {
    const r = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: PASSWORD } });
    tokens.push(r.json().token);
  }
});
afterAll(async () => { await f?.close(); });

async function confirmedDecisions(count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const l = await f.addListing({ platform: i % 2 ? PLATFORM_B : PLATFORM_A, listingId: `race-${++n}`, title: `安踏 race ${n}` });
    const r = await f.inject('officer', 'POST', `/api/review/listings/${l.listingId}/decision`, { decision: 'confirm', reason: 'fake' });
    ids.push(r.json().id ?? r.json().decision?.id);
  }
  return ids;
}

const create = (token: string, body: unknown) =>
  f.app.inject({ method: 'POST', url: '/api/notices', headers: { authorization: `Bearer ${token}` }, payload: body as object });

async function itemsPerDecision(): Promise<Array<{ decision_id: number; n: number }>> {
  const { rows } = await f.db.query('SELECT decision_id, count(*)::int AS n FROM notice_items GROUP BY decision_id HAVING count(*) > 1');
  return rows;
}

describe('notice creation under concurrency', () => {
  it('four officers at once, no decision ids: one creates, the rest get an empty result', async () => {
    for (let round = 0; round < 5; round++) {
      await confirmedDecisions(4);
      const rs = await Promise.all(tokens.map((t) => create(t, {})));
      for (const r of rs) expect(r.statusCode, r.body).toBe(200);
      const created = rs.map((r) => r.json().notices.length);
      expect(created.filter((c) => c > 0)).toHaveLength(1);
      expect(created.reduce((a, b) => a + b, 0)).toBe(2); // one notice per platform
    }
    expect(await itemsPerDecision()).toEqual([]);
  });

  it('four officers at once with the same decision ids: one creates, the rest get 409 not_eligible', async () => {
    for (let round = 0; round < 5; round++) {
      const ids = await confirmedDecisions(2);
      const rs = await Promise.all(tokens.map((t) => create(t, { decisionIds: ids })));
      const codes = rs.map((r) => r.statusCode).sort();
      expect(codes, rs.map((r) => r.body).join('\n')).toEqual([200, 409, 409, 409]);
      for (const r of rs.filter((x) => x.statusCode === 409)) expect(r.json().error).toBe('not_eligible');
    }
    expect(await itemsPerDecision()).toEqual([]);
  });
});
