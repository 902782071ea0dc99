/**
 * Loads the plug-in kinds of right the config names (`kindModules`) and
 * installs them, once per process, before any register is read: every
 * command that touches the register or the detector calls this first
 * (cli/cli.context.ts, cli/admin.command.ts). A plug-in's migrations live in
 * `migrations/` beside its module and are recorded in a table of its own.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppConfig } from '../config/config.schema.js';
import { InputError } from '../domain/errors.js';
import type { AnyKind } from '../kinds/kind.js';
import { installKind } from '../kinds/kind.registry.js';
import type { MigrationSet } from '../store/migrate.js';

/** Imports and installs every configured plug-in kind; returns their migration sets. Throws InputError naming the bad module. */
export async function installKindModules(config: Pick<AppConfig, 'kindModules' | 'rootDir'>): Promise<MigrationSet[]> {
  const sets: MigrationSet[] = [];
  for (const [i, rel] of config.kindModules.entries()) {
    const file = path.resolve(config.rootDir, rel);
    const where = `kindModules[${i}]`;
    let kind: AnyKind | undefined;
    try {
      kind = ((await import(pathToFileURL(file).href)) as { kind?: AnyKind }).kind;
    } catch (err) {
      throw new InputError('config', [{ field: where, message: `cannot load ${rel}: ${(err as Error).message}` }]);
    }
    if (!kind || typeof kind.type !== 'string' || typeof kind.signals !== 'function') {
      throw new InputError('config', [{ field: where, message: `${rel} exports no kind of right (export const kind: RightKind)` }]);
    }
    try { installKind(kind); } catch (err) { throw new InputError('config', [{ field: where, message: (err as Error).message }]); }
    const dir = path.join(path.dirname(file), 'migrations');
    if (existsSync(dir)) sets.push({ dir, table: `pgmigrations_kind_${kind.type}` });
  }
  return sets;
}
