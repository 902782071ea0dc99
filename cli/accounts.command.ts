/**
 * `account create`: an account of any role; the password is read from
 * standard input, never from the command line. The password rule, the audit
 * log and the sessions are the account service's (createOrUpdateAccount): an
 * existing account's role changes only with --change-role.
 */
import { createInterface } from 'node:readline/promises';
import { ROLES } from '../domain/vocabulary.js';
import { CLI_ACTOR, createOrUpdateAccount } from '../enforcement/account.service.js';
import { knownPlatform, UsageError, withContainer } from './cli.context.js';

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line.trim();
    return '';
  } finally { rl.close(); }
}

/** Creates (or updates) an account; the password is the first line of standard input (or `o.password`, for tests). */
export async function accountCreate(file: string | undefined, username: string, o: { role: string; platform?: string; name?: string; changeRole?: boolean; password?: string }): Promise<void> {
  if (!(ROLES as readonly string[]).includes(o.role)) throw new UsageError(`unknown role ${o.role}; valid: ${ROLES.join(', ')}`);
  if ((o.role === 'platform') !== Boolean(o.platform)) throw new UsageError('a platform account needs --platform <id>; other roles take none');
  const password = o.password ?? (await readPassword());
  if (!password) throw new UsageError('give the password on standard input (e.g. `< pw.txt`)');
  await withContainer(file, { redis: false }, async (c) => {
    if (o.platform) knownPlatform(c, o.platform);
    const r = await createOrUpdateAccount(c.db, CLI_ACTOR, {
      username, password, role: o.role as (typeof ROLES)[number], platform: o.platform, displayName: o.name, changeRole: o.changeRole,
    }, new Date());
    const changes = [r.created ? 'created' : 'updated', r.roleChanged ? 'role changed' : '', r.passwordChanged ? 'password changed' : '', !r.created && (r.roleChanged || r.passwordChanged) ? 'its sessions ended' : ''].filter(Boolean);
    console.log(`account ${username} (id ${r.id}, ${o.role}${o.platform ? ` of ${o.platform}` : ''}) ${changes.join(', ')}`);
  });
}
