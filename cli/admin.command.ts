/** migrate and import-registry. */
import path from 'node:path';
import { loadConfig } from '../config/config.loader.js';
import { loadRegistryFile } from '../detector/registry.loader.js';
import { createDb } from '../store/database.js';
import { ensureDatabase, migrate } from '../store/migrate.js';
import { syncPlatforms } from '../store/platform.repository.js';
import { installKindModules } from '../app/kind.plugins.js';
import { registerSchema } from '../kinds/kind.registry.js';
import { importRegistry } from '../store/registry.repository.js';
import type { AppConfig } from '../config/config.schema.js';

/** Creates the database if needed and applies the core migrations, then each plug-in kind's; returns what was applied. */
export async function prepareDatabase(config: AppConfig, opts: { recreate?: boolean } = {}): Promise<string[]> {
  const url = new URL(config.databaseUrl);
  const name = url.pathname.replace(/^\//, '');
  const admin = new URL(config.databaseUrl);
  admin.pathname = '/postgres';
  await ensureDatabase(admin.toString(), name, opts);
  const applied = await migrate(config.databaseUrl);
  for (const set of await installKindModules(config)) applied.push(...await migrate(config.databaseUrl, 'up', () => {}, set));
  return applied;
}

export async function migrateCommand(file?: string): Promise<void> {
  const config = loadConfig({ file });
  const applied = await prepareDatabase(config);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
}

export async function importRegistryCommand(file: string | undefined, registryFile?: string): Promise<void> {
  const config = loadConfig({ file });
  await installKindModules(config);
  const registry = await loadRegistryFile(path.resolve(registryFile ?? path.resolve(config.rootDir, config.registryPath)), registerSchema());
  const db = createDb(config.databaseUrl);
  try {
    const counts = await importRegistry(db, registry);
    await syncPlatforms(db, config.platforms);
    console.log(`imported ${Object.entries(counts).map(([section, n]) => `${n} ${section}`).join(', ')}; ${config.platforms.length} platforms`);
  } finally {
    await db.end();
  }
}
