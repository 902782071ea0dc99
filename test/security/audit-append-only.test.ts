/**
 * Issue 23: audit_log was append-only by comment only; the application's own
 * connection could DELETE rows. Migration 0016 refuses UPDATE, DELETE and
 * TRUNCATE on it with a clear error; appending still works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../store/audit.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('audit_log is append-only for the application\'s connection', () => {
  let t: TestDatabase;
  const rows = async () => (await t.db.query('SELECT id, action, detail FROM audit_log ORDER BY id')).rows;

  beforeAll(async () => {
    t = await createTestDatabase();
    await appendAudit(t.db, { at: new Date(), accountId: null, username: 'cli', role: 'system', action: 'campaign.delete', subjectType: 'campaign', subjectId: 7, detail: { name: 'evidence-of-deletion' } });
  });
  afterAll(async () => { await t?.drop(); });

  for (const [what, sql] of [
    ['DELETE', 'DELETE FROM audit_log'],
    ['DELETE of one row', "DELETE FROM audit_log WHERE action = 'campaign.delete'"],
    ['UPDATE', `UPDATE audit_log SET detail = '{}', username = 'someone-else'`],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ] as const) {
    it(`refuses ${what} and keeps the row as written`, async () => {
      const before = await rows();
      const err = await t.db.query(sql).then(() => undefined, (e: Error) => e);
      expect(err, `${sql} went through`).toBeInstanceOf(Error);
      expect(err!.message).toMatch(/audit_log is append-only: (DELETE|UPDATE|TRUNCATE) refused/);
      expect(await rows()).toEqual(before);
    });
  }

  it('appending and reading still work', async () => {
    await appendAudit(t.db, { at: new Date(), accountId: null, username: 'cli', role: 'system', action: 'run.start', subjectType: 'scan_run', subjectId: 1 });
    expect((await listAudit(t.db, { limit: 10, offset: 0 })).total).toBe(2);
  });
});
