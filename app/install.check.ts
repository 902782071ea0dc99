/**
 * At worker start: is this install alone on its Redis queue prefix? Jobs of
 * another install (another database) on the same prefix are refused by the
 * workers (queue/worker.ts), but they are then lost to that install, so two
 * installs must not share a prefix. The prefix is claimed in Redis under
 * `<prefix>:install`; a claim held by another install, and the default prefix
 * (`ipwatch`, the same for every install), are reported loudly.
 */
import type { Container } from './container.js';

/** The prefix every install gets unless configured (config/config.schema.ts). */
export const DEFAULT_QUEUE_PREFIX = 'ipwatch';
const CLAIM_SECONDS = 30 * 86400;

/** Returns the install holding the prefix when it is not this one. */
export async function checkQueuePrefix(c: Container): Promise<{ sharedWith?: string }> {
  const own = await c.install();
  const prefix = c.config.queuePrefix;
  const key = `${prefix}:install`;
  const claimed = await c.redis.set(key, own, 'EX', CLAIM_SECONDS, 'NX');
  const holder = claimed ? own : await c.redis.get(key);
  if (holder === own) await c.redis.expire(key, CLAIM_SECONDS);
  if (prefix === DEFAULT_QUEUE_PREFIX) {
    c.logger.warn({ queuePrefix: prefix, install: own }, `queue prefix is the default "${DEFAULT_QUEUE_PREFIX}", the same for every install: set queuePrefix (IPWATCH_QUEUE_PREFIX) per install when installs share a Redis`);
  }
  if (holder && holder !== own) {
    c.logger.error({ queuePrefix: prefix, install: own, otherInstall: holder },
      `queue prefix "${prefix}" is in use by another install (${holder}): each refuses the other's jobs, which are then lost; give this install its own queuePrefix (IPWATCH_QUEUE_PREFIX)`);
    return { sharedWith: holder };
  }
  return {};
}
