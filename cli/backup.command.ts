/** backup and restore: the database and the evidence store together (app/backup.service.ts). */
import path from 'node:path';
import { loadConfig } from '../config/config.loader.js';
import { backup, restore, RestoreRefusedError } from '../app/backup.service.js';
import { UsageError } from './cli.context.js';

const evidenceRoot = (c: { rootDir: string; evidenceDir: string }) => path.resolve(c.rootDir, c.evidenceDir);

export async function backupCommand(file: string | undefined, dir: string): Promise<void> {
  const config = loadConfig({ file });
  const m = await backup(config.databaseUrl, evidenceRoot(config), path.resolve(dir));
  console.log(`备份完成 backup written to ${path.resolve(dir)}: schema ${m.schemaVersion}, `
    + `database.dump ${m.parts['database.dump'].bytes} B, evidence.tar ${m.parts['evidence.tar'].bytes} B (SHA-256 in manifest.json)`);
}

export async function restoreCommand(file: string | undefined, dir: string): Promise<void> {
  const config = loadConfig({ file });
  try {
    const m = await restore(path.resolve(dir), config.databaseUrl, evidenceRoot(config));
    console.log(`恢复完成 restored the backup of ${m.createdAt} (schema ${m.schemaVersion}) into ${new URL(config.databaseUrl).pathname.slice(1)} and ${evidenceRoot(config)}`);
  } catch (err) {
    if (err instanceof RestoreRefusedError) throw new UsageError(`恢复被拒绝 restore refused: ${err.message}`);
    throw err;
  }
}
