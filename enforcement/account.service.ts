/**
 * Accounts, passwords and sessions. Passwords are hashed with scrypt
 * (node:crypto, salted, parameters stored with the hash); session tokens are
 * 32 random bytes, handed out once and stored only as their SHA-256.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { inTransaction, type Db, type Queryable } from '../store/database.js';
import {
  accountForSession, deleteExpiredSessions, deleteSession, deleteSessionsOf, findAccountByUsername, getAccount, insertAccount, insertSession,
  listAccounts, platformExists, updateAccount, type AccountRow, type Role,
} from '../store/account.repository.js';
import { appendAudit } from '../store/audit.repository.js';
import { DomainError, conflict, invalid, notFound, unauthenticated } from '../domain/errors.js';
import pLimit from 'p-limit';

export type { AccountRow, Role };

/** How long a login lasts. */
export const SESSION_HOURS = 12;

/**
 * scrypt cost for new hashes: N=2^17, r=8, p=1 (OWASP Password Storage Cheat
 * Sheet). Older hashes (N=2^14) still verify and are re-hashed at the next login.
 */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, keylen: 32 } as const;
/** 128·N·r bytes are needed; the headroom covers Node's own accounting. */
const SCRYPT_MAXMEM = 256 * 1024 * 1024;
/** Largest cost a stored hash may ask for (a corrupt row must not allocate gigabytes). */
const SCRYPT_MAX_N = 2 ** 20;
/** Hashes computed at once; each takes ~128 MiB and a core for ~0.5-1 s. */
export const HASH_CONCURRENCY = 2;
/** Hashes allowed to wait; beyond this, logins are refused (503) rather than queued. */
export const HASH_QUEUE = 32;

const hashLimit = pLimit(HASH_CONCURRENCY);
let hashesComputed = 0;

/** How many scrypt hashes this process has computed (for metrics, and to show refused logins cost none). */
export const passwordHashCount = (): number => hashesComputed;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  if (hashLimit.pendingCount >= HASH_QUEUE) {
    return Promise.reject(new DomainError('unavailable', 'busy', 'too many logins at once; try again in a few seconds'));
  }
  return hashLimit(() => new Promise<Buffer>((resolve, reject) => {
    hashesComputed++;
    scryptCb(password, salt, keylen, { ...opts, maxmem: SCRYPT_MAXMEM }, (err, key) => (err ? reject(err) : resolve(key)));
  }));
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts;
  const N = Number(n);
  if (!Number.isInteger(N) || N < 2 || N > SCRYPT_MAX_N || !/^[1-9]\d?$/.test(r) || !/^[1-9]$/.test(p)) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length < 16) return false;
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N, r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash was made with other parameters than {@link SCRYPT} and should be redone. */
export function needsRehash(stored: string): boolean {
  const [kind, n, r, p] = stored.split('$');
  return kind !== 'scrypt' || Number(n) !== SCRYPT.N || Number(r) !== SCRYPT.r || Number(p) !== SCRYPT.p;
}

/** A hash no password matches, verified against for unknown users so timing does not tell. */
let dummyHash: Promise<string> | undefined;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Who acts, for the audit log. */
export interface Actor { id: number | null; username: string | null; role: string | null; ip?: string | null }

/** The command line acting on its own (no account): what the audit log records for CLI changes. */
export const CLI_ACTOR: Actor = Object.freeze({ id: null, username: 'cli', role: 'system', ip: null });

export const actorOf = (a: AccountRow, ip?: string): Actor => ({ id: a.id, username: a.username, role: a.role, ip: ip ?? null });

export async function audit(db: Queryable, actor: Actor, at: Date, action: string, subjectType: string, subjectId: string | number | null, detail: Record<string, unknown> = {}): Promise<void> {
  await appendAudit(db, { at, accountId: actor.id, username: actor.username, role: actor.role, action, subjectType, subjectId, detail, ip: actor.ip ?? null });
}

/** What it takes to create an account. */
export interface AccountInput {
  username: string;
  password: string;
  role: Role;
  /** Required for (and only for) platform accounts: the platform id it answers for. */
  platform?: string;
  displayName?: string;
}

async function checkPlatform(db: Queryable, role: Role, platform: string | undefined | null): Promise<string | null> {
  if (role === 'platform') {
    if (!platform) throw invalid('a platform account needs a platform', [{ where: 'body', field: 'platform', message: 'required for role platform' }]);
    if (!(await platformExists(db, platform))) throw invalid(`unknown platform ${platform}`, [{ where: 'body', field: 'platform', message: '平台不存在 no such platform' }]);
    return platform;
  }
  if (platform) throw invalid('only platform accounts are bound to a platform', [{ where: 'body', field: 'platform', message: `not allowed for role ${role}` }]);
  return null;
}

/**
 * Creates the account, or brings an existing one in line (role, platform,
 * display name, password, active). Idempotent: the demo and the tests seed
 * accounts with it. Not for people: it checks no password rule and writes no
 * audit row; `account create` uses {@link createOrUpdateAccount}.
 */
export async function ensureAccount(db: Db, input: AccountInput, now: Date = new Date()): Promise<{ id: number }> {
  const platform = await checkPlatform(db, input.role, input.platform);
  const existing = await findAccountByUsername(db, input.username);
  if (existing) {
    const samePassword = await verifyPassword(input.password, existing.passwordHash);
    await updateAccount(db, existing.id, {
      role: input.role, platform, active: true,
      displayName: input.displayName ?? existing.displayName,
      passwordHash: samePassword ? undefined : await hashPassword(input.password),
    }, now);
    return { id: existing.id };
  }
  const created = await insertAccount(db, {
    username: input.username, displayName: input.displayName ?? input.username, role: input.role, platform,
    passwordHash: await hashPassword(input.password),
  }, now);
  if (created) return { id: created.id };
  // Lost a race with another seeder: the row exists now.
  return ensureAccount(db, input, now);
}

/** Shortest password accepted, the same rule as the API's account routes and `create-admin`. */
export const PASSWORD_MIN_LENGTH = 8;

/** Refuses a password shorter than {@link PASSWORD_MIN_LENGTH} (400, field password). */
export function checkPasswordRule(password: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    throw invalid(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符 (password: at least ${PASSWORD_MIN_LENGTH} characters)`, [{ where: 'body', field: 'password', message: `至少 ${PASSWORD_MIN_LENGTH} 个字符 at least ${PASSWORD_MIN_LENGTH} characters` }]);
  }
}

/**
 * `account create`: creates the account, or changes an existing one, under
 * the password rule and in the audit log. An existing account's role (or
 * platform) changes only when `changeRole` says so (409 role_change otherwise:
 * an officer silently made admin is what this refuses); a new role or a new
 * password ends the account's sessions, so nobody keeps a session opened
 * under the old role or password.
 */
export async function createOrUpdateAccount(db: Db, actor: Actor, input: AccountInput & { changeRole?: boolean }, now: Date): Promise<{ id: number; created: boolean; roleChanged: boolean; passwordChanged: boolean }> {
  checkPasswordRule(input.password);
  const platform = await checkPlatform(db, input.role, input.platform);
  const existing = await findAccountByUsername(db, input.username);
  if (!existing) {
    const row = await createAccount(db, actor, input, now);
    return { id: row.id, created: true, roleChanged: false, passwordChanged: false };
  }
  const roleChanged = existing.role !== input.role || (existing.platform ?? null) !== platform;
  if (roleChanged && !input.changeRole) {
    throw conflict(`账号 ${input.username} 已存在，角色为 ${existing.role}${existing.platform ? `（${existing.platform}）` : ''}；如需改为 ${input.role}${platform ? `（${platform}）` : ''} 请加 --change-role (account exists as ${existing.role}; give --change-role to change it)`, 'role_change');
  }
  const passwordChanged = !(await verifyPassword(input.password, existing.passwordHash));
  const passwordHash = passwordChanged ? await hashPassword(input.password) : undefined;
  await inTransaction(db, async (c) => {
    await updateAccount(c, existing.id, { role: input.role, platform, active: true, displayName: input.displayName ?? existing.displayName, passwordHash }, now);
    if (roleChanged || passwordChanged || !existing.active) await deleteSessionsOf(c, existing.id);
    if (roleChanged) {
      await audit(c, actor, now, 'account.role_change', 'account', existing.id, { username: existing.username, from: { role: existing.role, platform: existing.platform }, to: { role: input.role, platform } });
    }
    await audit(c, actor, now, 'account.update', 'account', existing.id, { username: existing.username, displayName: input.displayName, passwordChanged, reactivated: !existing.active, sessionsEnded: roleChanged || passwordChanged || !existing.active });
  });
  return { id: existing.id, created: false, roleChanged, passwordChanged };
}

/** Admin: creates an account; 409 if the username is taken. */
export async function createAccount(db: Db, actor: Actor, input: AccountInput, now: Date): Promise<AccountRow> {
  const platform = await checkPlatform(db, input.role, input.platform);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (c) => {
    const row = await insertAccount(c, { username: input.username, displayName: input.displayName ?? input.username, role: input.role, platform, passwordHash }, now);
    if (!row) throw conflict(`username ${input.username} is taken`, 'username_taken');
    await audit(c, actor, now, 'account.create', 'account', row.id, { username: row.username, role: row.role, platform: row.platform });
    return row;
  });
}

/** Admin: changes display name, password or active flag. Deactivation ends the account's sessions. */
export async function changeAccount(db: Db, actor: Actor, id: number, patch: { displayName?: string; password?: string; active?: boolean }, now: Date): Promise<AccountRow> {
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return inTransaction(db, async (c) => {
    const row = await updateAccount(c, id, { displayName: patch.displayName, passwordHash, active: patch.active }, now);
    if (!row) throw notFound(`account ${id}`);
    if (patch.active === false || passwordHash) await deleteSessionsOf(c, id);
    await audit(c, actor, now, 'account.update', 'account', id, { displayName: patch.displayName, passwordChanged: !!passwordHash, active: patch.active });
    return row;
  });
}

export const accounts = (db: Db) => listAccounts(db);
export const accountById = (db: Db, id: number) => getAccount(db, id);

/** A successful login. */
export interface LoginResult { token: string; expiresAt: Date; account: AccountRow }

/** Checks the password and opens a session; 401 with one message for any failure. */
export async function login(db: Db, username: string, password: string, now: Date, ip?: string): Promise<LoginResult> {
  const row = await findAccountByUsername(db, username);
  if (!row) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(password, await dummyHash);
    throw unauthenticated('用户名或密码错误 wrong username or password');
  }
  if (!(await verifyPassword(password, row.passwordHash)) || !row.active) {
    await audit(db, { id: row.id, username: row.username, role: row.role, ip }, now, 'auth.login_failed', 'account', row.id);
    throw unauthenticated('用户名或密码错误 wrong username or password');
  }
  // The password is known only now: bring an old, cheaper hash up to today's cost.
  if (needsRehash(row.passwordHash)) await updateAccount(db, row.id, { passwordHash: await hashPassword(password) }, now);
  // Logins are rare and indexed on expires_at, so sweeping here keeps the table small without a timer.
  await deleteExpiredSessions(db, now);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await insertSession(db, hashToken(token), row.id, now, expiresAt);
  const { passwordHash: _h, ...account } = row;
  await audit(db, actorOf(account, ip), now, 'auth.login', 'account', row.id);
  return { token, expiresAt, account };
}

export async function logout(db: Db, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
}

/** The account behind a token, if the session is valid. */
export async function authenticate(db: Db, token: string, now: Date): Promise<AccountRow | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return accountForSession(db, hashToken(token), now);
}
