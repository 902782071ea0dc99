/**
 * Issue 23: campaign create/edit/pause/delete and `POST /api/runs` left no
 * trace (one officer deleted another's campaign). Each is now an audit row
 * with the account that did it; a deleted campaign's last state is kept.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.js';
import { createContainer, type Container } from '../../app/container.js';
import { createOperations } from '../../app/operations.js';
import { loadConfig } from '../../config/config.loader.js';
import { ensureAccount, login } from '../../enforcement/account.service.js';
import { syncPlatforms } from '../../store/platform.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('campaigns and runs are audited with the account', () => {
  let t: TestDatabase;
  let c: Container;
  let app: FastifyInstance;
  let dir: string;
  const auth: Record<string, { authorization: string }> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-audit-'));
    const config = loadConfig({ env: {}, overrides: { databaseUrl: t.url, queuePrefix: `t-aud-${randomBytes(4).toString('hex')}`, evidenceDir: dir, logLevel: 'error' } });
    c = createContainer(config);
    await syncPlatforms(c.db, config.platforms);
    app = await buildApp({ db: t.db, config, evidence: c.evidence, logger: false, ops: createOperations(c) });
    for (const [name, role] of [['off-a', 'officer'], ['off-b', 'officer']] as const) {
      ids[name] = (await ensureAccount(t.db, { username: name, password: 'pw-officer-123', role })).id;
      auth[name] = { authorization: `Bearer ${(await login(t.db, name, 'pw-officer-123', new Date())).token}` };
    }
  });
  afterAll(async () => {
    await app?.close();
    await c?.queues.obliterate().catch(() => {});
    await c?.close();
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const auditOf = async (action: string) => (await t.db.query(
    'SELECT account_id AS "accountId", username, subject_type AS "subjectType", subject_id AS "subjectId", detail FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;

  it('create, change, pause, delete by two officers: each row names who', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/campaigns', headers: auth['off-a'], payload: { name: 'audit-me', platforms: ['demo-mall'], keywords: ['安踏'] } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().campaign.id as number;
    expect((await app.inject({ method: 'PATCH', url: `/api/campaigns/${id}`, headers: auth['off-b'], payload: { keywords: ['耐克'] } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/campaigns/${id}/pause`, headers: auth['off-b'] })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/api/campaigns/${id}`, headers: auth['off-b'] })).statusCode).toBe(200);

    const [create] = await auditOf('campaign.create');
    expect(create).toMatchObject({ accountId: ids['off-a'], username: 'off-a', subjectType: 'campaign', subjectId: String(id) });
    const updates = await auditOf('campaign.update');
    expect(updates).toHaveLength(2);
    expect(updates[0]).toMatchObject({ accountId: ids['off-b'], detail: { before: { keywords: ['安踏'] }, after: { keywords: ['耐克'] } } });
    expect(updates[1].detail.after).toEqual({ enabled: false });
    const [del] = await auditOf('campaign.delete');
    expect(del).toMatchObject({ accountId: ids['off-b'], subjectId: String(id) });
    expect(del.detail.campaign).toMatchObject({ name: 'audit-me', keywords: ['耐克'] });
  });

  it('POST /api/runs: the run start is audited with the account and what was asked', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/runs', headers: auth['off-a'], payload: { platforms: ['demo-mall'], keywords: ['安踏'], depth: 1 } });
    expect(r.statusCode, r.body).toBe(202);
    const rows = await auditOf('run.start');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ accountId: ids['off-a'], subjectType: 'scan_run', subjectId: String(r.json().runId), detail: { platforms: ['demo-mall'], keywords: ['安踏'], depth: 1 } });
  });
});
