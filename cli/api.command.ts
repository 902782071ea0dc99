/** `api`: serve the review and takedown service, campaigns and runs, health, /metrics and the queue dashboard. */
import { buildApp } from '../api/app.js';
import { startMetricsServer } from '../api/metrics.server.js';
import { createOperations } from '../app/operations.js';
import { openContainer } from './cli.context.js';

export async function apiCommand(file?: string): Promise<void> {
  const c = await openContainer(file, { evidence: true });
  const ops = createOperations(c);
  const app = await buildApp({ db: c.db, config: c.config, evidence: c.evidence, logger: c.logger, ops });
  const address = await app.listen({ host: c.config.api.host, port: c.config.api.port });
  c.logger.info({ address }, 'api listening');
  // The scraper's own listener (config api.metrics); /metrics on the API port is admin-only.
  const metrics = await startMetricsServer(c.config, ops.metrics);
  if (metrics) c.logger.info({ metrics: metrics.url }, 'metrics listening');
  const stop = async () => { await metrics?.close(); await app.close(); await c.close(); process.exit(0); };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
