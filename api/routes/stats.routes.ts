/** The bureau's statistics: JSON, CSV and Excel. */
import { z } from 'zod';
import { STATS_PERIODS } from '../../domain/vocabulary.js';
import { statsCsv, statsXlsx } from '../../enforcement/stats.export.js';
import { GROUP_BY, parseBound, statistics, type GroupBy, type StatsQuery } from '../../enforcement/stats.service.js';
import { STAFF, defineRoute, type AnyRoute } from '../route.registry.js';
import { assetType, dateBound, optText, type RouteDeps } from './common.js';

const statsQuery = z.object({
  groupBy: z.string().default('platform').transform((v, ctx) => {
    const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = parts.filter((p) => p !== 'none' && !(GROUP_BY as readonly string[]).includes(p));
    if (bad.length) ctx.addIssue({ code: 'custom', message: `未知的分组 ${bad.join('、')} unknown groupBy ${bad.join(', ')}; use ${GROUP_BY.join(', ')} (comma-separated) or none` });
    if (parts.includes('none')) return [] as GroupBy[];
    return [...new Set(parts)] as GroupBy[];
  }),
  period: z.enum(STATS_PERIODS).default('month'),
  from: dateBound, to: dateBound, platform: optText(), ipType: assetType.optional(), region: optText(),
}).strict();

function toQuery(q: z.output<typeof statsQuery>): StatsQuery {
  return { ...q, from: q.from ? parseBound(q.from, false) : undefined, to: q.to ? parseBound(q.to, true) : undefined };
}

const DESCRIPTION = '`groupBy`: comma-separated platform, ipType, region (province), city, period — or none. `period`: day, week, month, year (Asia/Shanghai). `from`/`to`: YYYY-MM-DD (inclusive) or ISO date-times. Filters: platform, ipType, region (province or city prefix).';

export function statsRoutes({ db, config }: RouteDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/stats', access: STAFF, tags: ['statistics'], description: DESCRIPTION,
      summary: 'Statistics in the bureau\'s categories (条, 个次, 件) and the working figures behind them', query: statsQuery,
      async handler({ query }) { return statistics(db, toQuery(query)); },
    }),
    defineRoute({
      method: 'GET', url: '/api/stats/export.csv', access: STAFF, tags: ['statistics'], description: DESCRIPTION, produces: 'text/csv',
      summary: 'The statistics table as CSV (UTF-8 with BOM)', query: statsQuery,
      async handler({ query, reply }) {
        const csv = statsCsv(await statistics(db, toQuery(query)));
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="ipwatch-statistics.csv"').send(csv);
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/stats/export.xlsx', access: STAFF, tags: ['statistics'], description: DESCRIPTION,
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      summary: 'The statistics table as an Excel workbook', query: statsQuery,
      async handler({ query, reply }) {
        const buf = await statsXlsx(await statistics(db, toQuery(query)), config.takedown?.sender ?? '市场监督管理局');
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="ipwatch-statistics.xlsx"').send(buf);
      },
    }),
  ];
}
