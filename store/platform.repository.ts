/**
 * Platforms as configured, mirrored into Postgres so listings, notices and
 * accounts can reference them: only the public part (id, name, fetch mode,
 * base URL). The rest of the configuration (session cookies, request headers,
 * selectors) stays in the configuration files, which are its source; nothing
 * reads it from here (migration 0015 dropped the column that held it).
 */
import type { PlatformConfig } from '../config/platform.schema.js';
import type { Db } from './database.js';

export async function syncPlatforms(db: Db, platforms: ReadonlyArray<PlatformConfig>): Promise<void> {
  for (const p of platforms) {
    await db.query(
      `INSERT INTO platforms (id, name, fetch_mode, base_url) VALUES ($1,$2,$3,$4)
       ON CONFLICT (id) DO UPDATE SET name=$2, fetch_mode=$3, base_url=$4, updated_at=now()`,
      [p.id, p.name, p.fetchMode, p.baseUrl],
    );
  }
}
