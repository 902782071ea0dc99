/** `stats`: the bureau's statistics table in the terminal. */
import { GROUP_BY, parseBound, statistics, type GroupBy, type Period } from '../enforcement/stats.service.js';
import { printStats } from './demo.report.js';
import { knownPlatform, UsageError, withContainer } from './cli.context.js';

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
