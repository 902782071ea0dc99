/** migrate and import-registry. */
import path from 'node:path';
import { loadConfig } from '../config/config.loader.js';
import { loadRegistryFile } from '../detector/registry.loader.js';
import { createDb } from '../store/database.js';
import { ensureDatabase, migrate } from '../store/migrate.js';
import { syncPlatforms } from '../store/platform.repository.js';
import { importRegistry } from '../store/registry.repository.js';
import type { AppConfig } from '../config/config.schema.js';

/** Creates the database if needed and applies migrations; returns the config. */
export async function prepareDatabase(config: AppConfig, opts: { recreate?: boolean } = {}): Promise<string[]> {
  const url = new URL(config.databaseUrl);
  const name = url.pathname.replace(/^\//, '');
  const admin = new URL(config.databaseUrl);
  admin.pathname = '/postgres';
  await ensureDatabase(admin.toString(), name, opts);
  return migrate(config.databaseUrl);
}

export async function migrateCommand(file?: string): Promise<void> {
  const config = loadConfig({ file });
  const applied = await prepareDatabase(config);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
}

export async function importRegistryCommand(file: string | undefined, registryFile?: string): Promise<void> {
  const config = loadConfig({ file });
  const registry = await loadRegistryFile(path.resolve(registryFile ?? path.resolve(config.rootDir, config.registryPath)));
  const db = createDb(config.databaseUrl);
  try {
    const counts = await importRegistry(db, registry);
    await syncPlatforms(db, config.platforms);
    console.log(`imported ${counts.trademarks} trademarks, ${counts.geoIndications} GIs, ${counts.patents} patents; ${config.platforms.length} platforms`);
  } finally {
    await db.end();
  }
}
