/**
 * The officer's desk beyond review: scan-run history with progress, exports of
 * decisions and notices, and register logos.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DECISIONS } from '../../domain/vocabulary.js';
import { activePlatformPauses } from '../../store/platform-pause.repository.js';
import { decisionsExport, noticesExport } from '../../enforcement/desk.exports.js';
import { NOTICE_STATES } from '../../enforcement/notice.state.js';
import { runSummaries } from '../../store/run-history.repository.js';
import { logoOfEntry } from '../../store/registry.repository.js';
import { notFound } from '../http.errors.js';
import { STAFF, defineRoute, type AnyRoute } from '../route.registry.js';
import { exportRoutes } from './export.common.js';
import { limit, offset, optText, type RouteDeps } from './common.js';

const LOGO_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.svg': 'image/svg+xml' };

export function deskRoutes({ db, config }: RouteDeps): AnyRoute[] {
  const sender = config.takedown?.sender ?? '福州市市场监督管理局';
  const registryDir = path.dirname(path.resolve(config.rootDir ?? process.cwd(), config.registryPath ?? 'demo/registry.json'));
  return [
    defineRoute({
      method: 'GET', url: '/api/scan-runs', access: STAFF, tags: ['scans'],
      summary: 'Scan runs, newest first: start, end, state, counts (pages, listings, new, changed, gone, flagged, failed, blocked) — poll while one runs',
      query: z.object({
        limit: limit(20, 200), offset,
        ids: z.string().regex(/^\d+(,\d+)*$/, '应为以逗号分隔的扫描编号 comma-separated run ids').transform((v) => v.split(',').map(Number)).optional(),
      }).strict(),
      // Platforms paused by their circuit breaker come with the runs, so the officer sees why a platform stopped.
      async handler({ query }) { return { ...(await runSummaries(db, query)), pauses: await activePlatformPauses(db) }; },
    }),
    ...exportRoutes({
      url: '/api/decisions/export', access: STAFF, tags: ['review'], filename: 'ipwatch-decisions', sender,
      summary: 'Decisions, newest first, with names', query: z.object({ decision: z.enum(DECISIONS).optional(), platform: optText() }).strict(),
      build: (q) => decisionsExport(db, q),
    }),
    ...exportRoutes({
      url: '/api/notices/export', access: STAFF, tags: ['notices'], filename: 'ipwatch-notices', sender,
      summary: 'Notices, newest first, with document numbers and names', query: z.object({ platform: optText(), state: z.enum(NOTICE_STATES).optional() }).strict(),
      build: (q) => noticesExport(db, q),
    }),
    defineRoute({
      method: 'GET', url: '/api/assets/:id/logo', access: STAFF, tags: ['meta'], produces: 'image/png',
      summary: 'A registered trademark\'s logo image, from the register file\'s folder',
      params: z.object({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) }).strict(),
      async handler({ params, reply }) {
        const rel = await logoOfEntry(db, params.id);
        const type = rel ? LOGO_TYPES[path.extname(rel).toLowerCase()] : undefined;
        if (!rel || !type) throw notFound(`logo of ${params.id}`);
        let file: string;
        try { file = await realpath(path.resolve(registryDir, rel)); } catch { throw notFound(`logo of ${params.id}`); }
        if (!file.startsWith(await realpath(registryDir) + path.sep)) throw notFound(`logo of ${params.id}`);
        reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox").header('cache-control', 'private, max-age=3600');
        return reply.type(type).send(await readFile(file));
      },
    }),
  ];
}
