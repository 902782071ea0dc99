/**
 * Backup and restore of the database and the evidence store together. A
 * backup is a directory: `database.dump` (pg_dump, custom format), then
 * `evidence.tar` (the evidence root), and `manifest.json` with the SHA-256
 * and size of each part, the time, the database's schema version (its newest
 * migration) and the format. The dump is taken first: evidence files are
 * content-addressed and never rewritten, so a tar made after the dump holds
 * every file the dump cites (and perhaps a few newer ones nothing cites yet).
 * A restore checks every part against the manifest and the manifest's schema
 * version against this code's migrations, and goes only into an empty (or
 * absent) database and an empty evidence root; it refuses anything else and
 * changes nothing then.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { schemaVersion, tableCount } from '../store/backup.repository.js';
import { createDb } from '../store/database.js';
import { CORE_MIGRATIONS, ensureDatabase } from '../store/migrate.js';

const run = promisify(execFile);
export const BACKUP_FORMAT = 'ipwatch-backup/1';
const PARTS = ['database.dump', 'evidence.tar'] as const;

/** manifest.json of a backup directory. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** The newest migration applied to the database dumped. */
  schemaVersion: string;
  database: string;
  parts: Record<(typeof PARTS)[number], { sha256: string; bytes: number }>;
}

/** Why a restore refused, before it changed anything. */
export class RestoreRefusedError extends Error {}

const sha256 = (file: string) => new Promise<string>((resolve, reject) => {
  const h = createHash('sha256');
  createReadStream(file).on('error', reject).on('data', (b) => h.update(b)).on('end', () => resolve(h.digest('hex')));
});

/** The newest core migration this code has. */
export async function codeSchemaVersion(): Promise<string> {
  const files = (await readdir(CORE_MIGRATIONS.dir)).filter((f) => /\.(sql|js|ts)$/.test(f)).map((f) => f.replace(/\.(sql|js|ts)$/, '')).sort();
  return files[files.length - 1]!;
}

const dbName = (url: string) => new URL(url).pathname.replace(/^\//, '');

/** Writes a backup of the database at `databaseUrl` and the evidence root into `outDir` (made; must be empty). */
export async function backup(databaseUrl: string, evidenceDir: string, outDir: string): Promise<BackupManifest> {
  await mkdir(outDir, { recursive: true });
  if ((await readdir(outDir)).length) throw new Error(`backup directory ${outDir} is not empty`);
  const db = createDb(databaseUrl, 1);
  let version: string | undefined;
  try { version = await schemaVersion(db); } finally { await db.end(); }
  if (!version) throw new Error('the database has no migrations applied: nothing to back up');
  await run('pg_dump', ['--format=custom', '--no-owner', `--file=${path.join(outDir, 'database.dump')}`, `--dbname=${databaseUrl}`]);
  await mkdir(evidenceDir, { recursive: true });
  await run('tar', ['-C', evidenceDir, '-cf', path.join(outDir, 'evidence.tar'), '.']);
  const parts = {} as BackupManifest['parts'];
  for (const p of PARTS) {
    const f = path.join(outDir, p);
    parts[p] = { sha256: await sha256(f), bytes: (await stat(f)).size };
  }
  const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), schemaVersion: version, database: dbName(databaseUrl), parts };
  await writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Checks a backup directory against its manifest and this code; returns the manifest or throws RestoreRefusedError. */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
  let m: BackupManifest;
  try { m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest; } catch (err) {
    throw new RestoreRefusedError(`no readable manifest.json in ${dir}: ${(err as Error).message}`);
  }
  if (m.format !== BACKUP_FORMAT) throw new RestoreRefusedError(`manifest format ${JSON.stringify(m.format)} is not ${BACKUP_FORMAT}`);
  for (const p of PARTS) {
    const want = m.parts?.[p]?.sha256;
    const got = await sha256(path.join(dir, p)).catch(() => 'missing');
    if (got !== want) throw new RestoreRefusedError(`${p} does not match the manifest (sha256 ${got}, manifest says ${want ?? 'nothing'}): refused, nothing restored`);
  }
  const code = await codeSchemaVersion();
  if (m.schemaVersion !== code) {
    throw new RestoreRefusedError(`the backup is of schema ${m.schemaVersion}, this code's is ${code}: restore it with the release that made it (then migrate)`);
  }
  return m;
}

/** Restores a verified backup into the database at `databaseUrl` (created if absent; must have no tables) and an empty evidence root. */
export async function restore(dir: string, databaseUrl: string, evidenceDir: string): Promise<BackupManifest> {
  const m = await verifyBackup(dir);
  const existing = await readdir(evidenceDir).catch(() => [] as string[]);
  if (existing.length) throw new RestoreRefusedError(`the evidence root ${evidenceDir} is not empty: move it aside first`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  await ensureDatabase(admin.toString(), dbName(databaseUrl));
  const db = createDb(databaseUrl, 1);
  try {
    if (await tableCount(db)) throw new RestoreRefusedError(`database ${dbName(databaseUrl)} already has tables: restore into an empty or new database`);
  } finally { await db.end(); }
  await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${databaseUrl}`, path.join(dir, 'database.dump')]);
  await mkdir(evidenceDir, { recursive: true });
  await run('tar', ['-C', evidenceDir, '-xf', path.join(dir, 'evidence.tar')]);
  return m;
}
