/** Health (Postgres, Redis, workers per queue, Chromium) and the Prometheus metrics. */
import type { Operations } from '../../app/operations.js';
import { ping } from '../../store/database.js';
import { defineRoute, type AnyRoute } from '../route.registry.js';
import type { RouteDeps } from './common.js';

export function healthRoutes({ db }: RouteDeps, ops?: Operations): AnyRoute[] {
  const routes: AnyRoute[] = [
    defineRoute({
      method: 'GET', url: '/api/health', access: 'public', tags: ['meta'],
      summary: 'Health: Postgres, Redis, workers alive per queue, Chromium (503 when Postgres or Redis is down)',
      description: '`status`: ok, degraded (a queue has no worker, or Chromium is missing) or down (Postgres or Redis unreachable, HTTP 503). Without the operations port (tests) only Postgres is checked.',
      async handler({ reply }) {
        if (!ops) {
          await ping(db);
          return { ok: true, status: 'ok' };
        }
        const h = await ops.health();
        if (h.status === 'down') reply.code(503);
        return { ok: h.status !== 'down', ...h };
      },
    }),
  ];
  if (ops) {
    routes.push(defineRoute({
      method: 'GET', url: '/metrics', access: ['admin'], tags: ['meta'], produces: 'text/plain',
      summary: 'Prometheus metrics: queue depths, workers, jobs, crawl/detect latency, run counts, errors and blocks by platform',
      description: 'For admins on this port. The scraper reads the same text from the metrics listener (config `api.metrics`: its own host and port, default 127.0.0.1, and a bearer token from `api.metrics.tokenFile`; api/metrics.server.ts).',
      async handler({ reply }) {
        const m = await ops.metrics();
        return reply.type(m.contentType).send(m.body);
      },
    }));
  }
  return routes;
}
