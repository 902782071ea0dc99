/** `api`: serve the review and takedown service, campaigns and runs, health, /metrics and the queue dashboard. */
import { buildApp } from '../api/app.js';
import { createOperations } from '../app/operations.js';
import { openContainer } from './cli.context.js';

export async function apiCommand(file?: string): Promise<void> {
  const c = await openContainer(file);
  const app = await buildApp({ db: c.db, config: c.config, evidence: c.evidence, logger: c.logger, ops: createOperations(c) });
  const address = await app.listen({ host: c.config.api.host, port: c.config.api.port });
  c.logger.info({ address }, 'api listening');
  const stop = async () => { await app.close(); await c.close(); process.exit(0); };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
