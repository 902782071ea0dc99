/**
 * Issue 23: `account create` was an upsert with no password rule and no audit:
 * an officer became admin with password "x" and kept the old session. Now the
 * CLI refuses a short password, refuses to change an existing account's role
 * without --change-role, ends the account's sessions on a new role or
 * password, and writes audit rows. Driven through the real command.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, login } from '../../enforcement/account.service.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs `account create` with the password on standard input; resolves with the exit code and output. */
function accountCreate(t: TestDatabase, args: string[], password: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'account', 'create', ...args], {
      cwd: root, timeout: 120_000, env: { ...process.env, DATABASE_URL: t.url, IPWATCH_LOG_LEVEL: 'error' },
    }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }));
    child.stdin!.end(`${password}\n`);
  });
}

describe('account create', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await createTestDatabase(); });
  afterAll(async () => { await t?.drop(); });

  const audit = async () => (await t.db.query(`SELECT action, username, role, detail FROM audit_log WHERE action LIKE 'account.%' ORDER BY id`)).rows;
  const account = async (u: string) => (await t.db.query('SELECT role, password_hash FROM accounts WHERE username = $1', [u])).rows[0];

  it('refuses a password shorter than the API\'s rule, and creates nothing', async () => {
    const r = await accountCreate(t, ['mallory', '--role', 'officer'], 'x');
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toMatch(/at least 8 characters/);
    expect(await account('mallory')).toBeUndefined();
  }, 130_000);

  it('creates an account with an audit row', async () => {
    const r = await accountCreate(t, ['wang', '--role', 'officer'], 'officer-password-1');
    expect(r.code, r.out).toBe(0);
    expect(await audit()).toEqual([expect.objectContaining({ action: 'account.create', username: 'cli', role: 'system' })]);
  }, 130_000);

  it('does not make an officer admin without --change-role', async () => {
    const before = await account('wang');
    const r = await accountCreate(t, ['wang', '--role', 'admin'], 'another-password-2');
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toMatch(/--change-role/);
    expect(await account('wang')).toEqual(before);
  }, 130_000);

  it('with --change-role: the role changes, the old session ends, both are audited', async () => {
    const { token } = await login(t.db, 'wang', 'officer-password-1', new Date());
    expect((await authenticate(t.db, token, new Date()))?.role).toBe('officer');
    const r = await accountCreate(t, ['wang', '--role', 'admin', '--change-role'], 'admin-password-3');
    expect(r.code, r.out).toBe(0);
    expect((await account('wang')).role).toBe('admin');
    expect(await authenticate(t.db, token, new Date())).toBeUndefined();
    const rows = (await audit()).filter((a) => a.action !== 'account.create');
    expect(rows.map((a) => a.action)).toEqual(['account.role_change', 'account.update']);
    expect(rows[0].detail).toMatchObject({ from: { role: 'officer' }, to: { role: 'admin' } });
    expect(rows[1].detail).toMatchObject({ passwordChanged: true, sessionsEnded: true });
  }, 130_000);
});
