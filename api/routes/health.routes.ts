/** Health (one check per part, 503 when any fails; app/health.service.ts) and the Prometheus metrics. */
import type { Operations } from '../../app/operations.js';
import { ping } from '../../store/database.js';
import { defineRoute, type AnyRoute } from '../route.registry.js';
import type { RouteDeps } from './common.js';

export function healthRoutes({ db }: RouteDeps, ops?: Operations): AnyRoute[] {
  const routes: AnyRoute[] = [
    defineRoute({
      method: 'GET', url: '/api/health', access: 'public', tags: ['meta'],
      summary: 'Health: Postgres, Redis, Redis eviction policy, disk free, evidence store, stuck runs, workers, Chromium (503 when degraded)',
      description: '`status`: ok (HTTP 200) or degraded (HTTP 503); `checks` names each part with `ok` and a reason (no URLs or secrets: the route is public). Without the operations port (tests) only Postgres is checked.',
      async handler({ reply }) {
        if (!ops) {
          await ping(db);
          return { ok: true, status: 'ok' };
        }
        const h = await ops.health();
        if (h.status !== 'ok') reply.code(503);
        return { ok: h.status === 'ok', ...h };
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
