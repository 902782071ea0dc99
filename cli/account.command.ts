/**
 * `create-admin`: creates the first admin account (or, with --reset, sets a
 * new password on an existing one). The password comes from
 * IPWATCH_ADMIN_PASSWORD or is read from standard input, never from argv.
 */
import { createInterface } from 'node:readline/promises';
import { loadConfig, readSecret } from '../config/config.loader.js';
import { createDb } from '../store/database.js';
import { findAccountByUsername } from '../store/account.repository.js';
import { changeAccount, createAccount } from '../enforcement/account.service.js';

/** Options of `create-admin`. */
export interface CreateAdminOptions {
  username: string;
  displayName?: string;
  /** Set a new password (and reactivate) if the account exists. */
  reset?: boolean;
  /** For tests: the password, else IPWATCH_ADMIN_PASSWORD, else stdin. */
  password?: string;
}

async function readPassword(): Promise<string> {
  const fromEnv = readSecret('IPWATCH_ADMIN_PASSWORD');
  if (fromEnv) return fromEnv;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  try {
    if (process.stdin.isTTY) process.stderr.write('password (at least 8 characters): ');
    return (await rl.question('')).trim();
  } finally {
    rl.close();
  }
}

const SYSTEM = { id: null, username: 'cli', role: 'system', ip: null };

/** Returns the account id; throws with a readable message when refused. */
export async function createAdmin(databaseUrl: string, o: CreateAdminOptions): Promise<{ id: number; created: boolean }> {
  if (!/^[A-Za-z0-9._@-]{2,64}$/.test(o.username)) throw new Error('用户名须为 2-64 个字母、数字或 . _ @ - (username: 2-64 letters, digits or . _ @ -)');
  const password = o.password ?? (await readPassword());
  if (password.length < 8) throw new Error('密码至少 8 个字符 (password: at least 8 characters)');
  const db = createDb(databaseUrl, 2);
  try {
    const now = new Date();
    const existing = await findAccountByUsername(db, o.username);
    if (existing) {
      if (!o.reset) throw new Error(`账号 ${o.username} 已存在；如需重置密码请加 --reset (account exists; use --reset)`);
      if (existing.role !== 'admin') throw new Error(`账号 ${o.username} 不是管理员 (is a ${existing.role} account)`);
      await changeAccount(db, SYSTEM, existing.id, { password, active: true }, now);
      return { id: existing.id, created: false };
    }
    const row = await createAccount(db, SYSTEM, { username: o.username, password, role: 'admin', displayName: o.displayName }, now);
    return { id: row.id, created: true };
  } finally {
    await db.end();
  }
}

export async function createAdminCommand(file: string | undefined, o: CreateAdminOptions): Promise<void> {
  const config = loadConfig({ file });
  const r = await createAdmin(config.databaseUrl, o);
  console.log(r.created ? `管理员账号已创建 admin account created: ${o.username} (id ${r.id})` : `密码已重置 password reset: ${o.username} (id ${r.id})`);
}
