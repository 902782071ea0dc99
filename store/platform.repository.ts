/** Platforms as configured, mirrored into Postgres so listings can reference them. */
import type { PlatformConfig } from '../config/platform.schema.js';
import type { Db } from './database.js';

export async function syncPlatforms(db: Db, platforms: ReadonlyArray<PlatformConfig>): Promise<void> {
  for (const p of platforms) {
    await db.query(
      `INSERT INTO platforms (id, name, fetch_mode, base_url, config) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (id) DO UPDATE SET name=$2, fetch_mode=$3, base_url=$4, config=$5, updated_at=now()`,
      [p.id, p.name, p.fetchMode, p.baseUrl, JSON.stringify(p)],
    );
  }
}
