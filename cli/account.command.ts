/** `account create` and `stats` (the statistics table). */
import { createInterface } from 'node:readline/promises';
import { ensureAccount } from '../enforcement/account.service.js';
import { GROUP_BY, parseBound, statistics, type GroupBy, type Period } from '../enforcement/stats.service.js';
import { printStats } from './demo.report.js';
import { knownPlatform, UsageError, withContainer } from './cli.context.js';

const ROLES = ['officer', 'platform', 'admin'] as const;

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line.trim();
    return '';
  } finally { rl.close(); }
}

/** Creates (or updates) an account; the password comes from --password or the first line of stdin. */
export async function accountCreate(file: string | undefined, username: string, o: { role: string; platform?: string; name?: string; password?: string; passwordStdin?: boolean }): Promise<void> {
  if (!(ROLES as readonly string[]).includes(o.role)) throw new UsageError(`unknown role ${o.role}; valid: ${ROLES.join(', ')}`);
  if ((o.role === 'platform') !== Boolean(o.platform)) throw new UsageError('a platform account needs --platform <id>; other roles take none');
  const password = o.passwordStdin ? await readPassword() : o.password;
  if (!password) throw new UsageError('give --password <pw> or --password-stdin');
  await withContainer(file, { redis: false }, async (c) => {
    if (o.platform) knownPlatform(c, o.platform);
    const { id } = await ensureAccount(c.db, { username, password, role: o.role as (typeof ROLES)[number], platform: o.platform, displayName: o.name });
    console.log(`account ${username} (id ${id}, ${o.role}${o.platform ? ` of ${o.platform}` : ''}) ready`);
  });
}

export async function statsCommand(file: string | undefined, o: { groupBy: string; period: string; from?: string; to?: string; platform?: string }): Promise<void> {
  const groupBy = o.groupBy === 'none' ? [] : o.groupBy.split(',').map((s) => s.trim());
  const bad = groupBy.filter((g) => !(GROUP_BY as readonly string[]).includes(g));
  if (bad.length) throw new UsageError(`unknown --group-by ${bad.join(', ')}; valid: ${GROUP_BY.join(', ')} or none`);
  if (!['day', 'week', 'month', 'year'].includes(o.period)) throw new UsageError(`unknown --period ${o.period}; valid: day, week, month, year`);
  const from = o.from ? parseBound(o.from, false) : undefined;
  const to = o.to ? parseBound(o.to, true) : undefined;
  if ((o.from && !from) || (o.to && !to)) throw new UsageError('--from/--to: expected YYYY-MM-DD or an ISO date-time');
  await withContainer(file, { redis: false }, async (c) => {
    if (o.platform) knownPlatform(c, o.platform);
    const stats = await statistics(c.db, { groupBy: groupBy as GroupBy[], period: o.period as Period, from, to, platform: o.platform });
    printStats(stats as Parameters<typeof printStats>[0], console.log);
  });
}
