/**
 * What a process checks before it takes work, beyond reaching its services:
 * that Redis will not evict queue keys under memory pressure (BullMQ needs
 * `maxmemory-policy noeviction`: an evicted job is a lost listing), and that
 * the database schema is the one this code was written for (a worker of an
 * older or newer release would write rows the other cannot read). Each
 * failure says what to do.
 */
import type { Redis } from 'ioredis';
import type { Db } from '../store/database.js';
import { CORE_MIGRATIONS, schemaDrift, type MigrationSet } from '../store/migrate.js';

/** A start-up check failed; the message says what to change. */
export class StartupCheckError extends Error {
  constructor(message: string) { super(message); this.name = 'StartupCheckError'; }
}

/** Refuses a Redis that may evict keys. Reads INFO (allowed where CONFIG is disabled, as on managed Redis). */
export async function checkRedisEviction(redis: Redis): Promise<void> {
  const info = await redis.info('memory');
  const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
  if (policy && policy !== 'noeviction') {
    throw new StartupCheckError(`Redis maxmemory-policy is ${policy}; the queues need noeviction, or jobs are lost under memory pressure (set maxmemory-policy noeviction in redis.conf or with CONFIG SET)`);
  }
}

/** Refuses a database whose schema is behind or ahead of this code (core and plug-in kinds' migrations). */
export async function checkSchema(db: Db, sets: readonly MigrationSet[] = []): Promise<void> {
  for (const set of [CORE_MIGRATIONS, ...sets]) {
    const { missing, unknown } = await schemaDrift(db, set);
    if (missing.length) {
      throw new StartupCheckError(`the database schema is behind this code: ${missing.length} migration(s) not applied (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}); run \`migrate\` first`);
    }
    if (unknown.length) {
      throw new StartupCheckError(`the database schema is newer than this code (applied: ${unknown.slice(0, 3).join(', ')}); run the release that migrated it`);
    }
  }
}
