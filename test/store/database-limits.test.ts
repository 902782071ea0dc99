/**
 * The pool's server-side limits (config `database`): a statement that runs
 * too long and one that waits too long for a lock are cancelled by Postgres
 * with its own error, instead of stalling a worker's connection for good.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, inTransaction, type Db } from '../../store/database.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let t: TestDatabase;
let limited: Db;
beforeAll(async () => {
  t = await createTestDatabase();
  limited = createDb(t.url, { max: 2, statementTimeoutMs: 300, lockTimeoutMs: 300 });
});
afterAll(async () => { await limited?.end(); await t?.drop(); });

describe('database limits', () => {
  it('cancels a statement past statementTimeoutMs', async () => {
    await expect(limited.query('SELECT pg_sleep(5)')).rejects.toThrow(/canceling statement due to statement timeout/);
    expect((await limited.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0].statement_timeout).toBe('300ms');
  });

  it('gives up a lock wait past lockTimeoutMs while another transaction holds it', async () => {
    await t.db.query('CREATE TABLE lock_probe (id int PRIMARY KEY)');
    await t.db.query('INSERT INTO lock_probe VALUES (1)');
    const waiter = createDb(t.url, { max: 1, statementTimeoutMs: 10_000, lockTimeoutMs: 300 });
    try {
      await inTransaction(t.db, async (holder) => {
        await holder.query('SELECT * FROM lock_probe WHERE id = 1 FOR UPDATE');
        await expect(waiter.query('UPDATE lock_probe SET id = 2 WHERE id = 1')).rejects.toThrow(/canceling statement due to lock timeout/);
      });
    } finally {
      await waiter.end();
    }
  });

  it('leaves statements unlimited without the options (the old pool)', async () => {
    const plain = createDb(t.url, 1);
    try {
      expect((await plain.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0].statement_timeout).toBe('0');
    } finally {
      await plain.end();
    }
  });
});
