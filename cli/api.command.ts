/** `api`: serve the review and takedown service. */
import { buildApp } from '../api/app.js';
import { createContainer } from '../app/container.js';
import { loadConfig } from '../config/config.loader.js';

export async function apiCommand(file?: string): Promise<void> {
  const config = loadConfig({ file });
  const c = createContainer(config);
  const app = await buildApp({ db: c.db, config, evidence: c.evidence, logger: c.logger });
  const address = await app.listen({ host: config.api.host, port: config.api.port });
  c.logger.info({ address }, 'api listening');
  const stop = async () => { await app.close(); await c.close(); process.exit(0); };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
