/** A pair of export routes (`<url>.csv` and `<url>.xlsx`) built from one table builder. */
import type { z } from 'zod';
import { toCsv, toXlsx, type ExportTable } from '../../enforcement/table.export.js';
import { localTime } from '../../enforcement/time.format.js';
import { defineRoute, type Access, type AnyRoute } from '../route.registry.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What an export pair needs. */
export interface ExportSpec<Q extends z.ZodType> {
  url: string;
  access: Access;
  tags: string[];
  summary: string;
  query: Q;
  /** File name without extension (ASCII). */
  filename: string;
  /** Printed under the title in the workbook. */
  sender: string;
  build(query: z.output<Q>): Promise<ExportTable>;
}

export function exportRoutes<Q extends z.ZodType>(spec: ExportSpec<Q>): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: `${spec.url}.csv`, access: spec.access, tags: spec.tags, query: spec.query, produces: 'text/csv',
      summary: `${spec.summary} — CSV (UTF-8 with BOM)`,
      async handler({ query, reply }) {
        const csv = toCsv(await spec.build(query as z.output<Q>));
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${spec.filename}.csv"`).send(csv);
      },
    }),
    defineRoute({
      method: 'GET', url: `${spec.url}.xlsx`, access: spec.access, tags: spec.tags, query: spec.query, produces: XLSX,
      summary: `${spec.summary} — Excel`,
      async handler({ query, reply }) {
        const table = await spec.build(query as z.output<Q>);
        const buf = await toXlsx(table, `${spec.sender}　导出时间 exported ${localTime(new Date())}（北京时间）　共 ${table.rows.length} 行`);
        return reply.type(XLSX).header('content-disposition', `attachment; filename="${spec.filename}.xlsx"`).send(buf);
      },
    }),
  ];
}
