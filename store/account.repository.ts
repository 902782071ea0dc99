/**
 * Accounts (officer, platform, admin) and their sessions. Passwords arrive
 * here already hashed; tokens only as their SHA-256.
 */
import type { ROLES } from '../domain/vocabulary.js';
import type { Queryable } from './database.js';

/** accounts.role (its codes and labels: domain/vocabulary/account.codes.ts). */
export type Role = (typeof ROLES)[number];

/** An account as the API sees it (never the password hash). */
export interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** The platform a platform account answers for; null for other roles. */
  platform: string | null;
  active: boolean;
  createdAt: Date;
}

const COLUMNS = `id, username, display_name AS "displayName", role, platform, active, created_at AS "createdAt"`;

export async function findAccountByUsername(db: Queryable, username: string): Promise<(AccountRow & { passwordHash: string }) | undefined> {
  const { rows } = await db.query(`SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM accounts WHERE username = $1`, [username]);
  return rows[0];
}

export async function getAccount(db: Queryable, id: number): Promise<AccountRow | undefined> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM accounts WHERE id = $1`, [id]);
  return rows[0];
}

export async function listAccounts(db: Queryable): Promise<AccountRow[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM accounts ORDER BY id`);
  return rows;
}

export async function platformExists(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM platforms WHERE id = $1', [id]);
  return (rowCount ?? 0) > 0;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  platform: string | null;
  passwordHash: string;
}

/** Inserts an account; returns undefined if the username is taken. */
export async function insertAccount(db: Queryable, a: NewAccount, at: Date): Promise<AccountRow | undefined> {
  const { rows } = await db.query(
    `INSERT INTO accounts (username, display_name, role, platform, password_hash, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$6) ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
    [a.username, a.displayName, a.role, a.platform, a.passwordHash, at]);
  return rows[0];
}

/** Updates the given fields; returns the account or undefined if it does not exist. */
export async function updateAccount(db: Queryable, id: number, patch: { displayName?: string; passwordHash?: string; active?: boolean; role?: Role; platform?: string | null }, at: Date): Promise<AccountRow | undefined> {
  const { rows } = await db.query(
    `UPDATE accounts SET
       display_name = COALESCE($2, display_name),
       password_hash = COALESCE($3, password_hash),
       active = COALESCE($4, active),
       role = COALESCE($5, role),
       platform = CASE WHEN $6::boolean THEN $7 ELSE platform END,
       updated_at = $8
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, patch.displayName ?? null, patch.passwordHash ?? null, patch.active ?? null, patch.role ?? null,
      patch.platform !== undefined, patch.platform ?? null, at]);
  return rows[0];
}

export async function insertSession(db: Queryable, tokenHash: string, accountId: number, createdAt: Date, expiresAt: Date): Promise<void> {
  await db.query('INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1,$2,$3,$4)', [tokenHash, accountId, createdAt, expiresAt]);
}

/** The active account holding an unexpired session with this token hash. */
export async function accountForSession(db: Queryable, tokenHash: string, now: Date): Promise<AccountRow | undefined> {
  const { rows } = await db.query(
    `SELECT a.id, a.username, a.display_name AS "displayName", a.role, a.platform, a.active, a.created_at AS "createdAt"
     FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.active`, [tokenHash, now]);
  return rows[0];
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteSessionsOf(db: Queryable, accountId: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE account_id = $1', [accountId]);
}

export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  return rowCount ?? 0;
}
