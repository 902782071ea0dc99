/**
 * Backup and restore of database and evidence together (issue 23, data
 * lifecycle): a real database with runs, per-run rows in their partitions,
 * evidence rows and files → backup → both dropped → restore → the same rows
 * and hash-identical evidence files. A part that does not match the manifest,
 * a manifest of another schema, or a target that is not empty are refused
 * before anything is changed.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, codeSchemaVersion, restore, RestoreRefusedError } from '../../app/backup.service.js';
import { createDb, type Db } from '../../store/database.js';
import { recordBlob } from '../../store/evidence.repository.js';
import { createEvidenceStore } from '../../store/evidence.store.js';
import { upsertDiscovered } from '../../store/listing.repository.js';
import { addRunListings, createRun } from '../../store/scan-run.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let t: TestDatabase;
let work: string;
/** The pool on the restored database (t.db was ended before the drop). */
let restored: Db | undefined;
beforeAll(async () => {
  t = await createTestDatabase();
  work = await mkdtemp(path.join(tmpdir(), 'ipwatch-backup-'));
});
afterAll(async () => {
  if (restored) { await restored.end(); await dropDatabase(t.name); } else await t?.drop();
  await dropDatabase(`${t.name}_r`);
  await rm(work, { recursive: true, force: true });
});

/** Every file under `dir` by relative path, with its SHA-256. */
async function fileHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const f = path.join(e.parentPath, e.name);
    out[path.relative(dir, f)] = createHash('sha256').update(await readFile(f)).digest('hex');
  }
  return out;
}

const snapshot = async (db: Db) => ({
  runs: (await db.query('SELECT id, uuid, platforms, status FROM scan_runs ORDER BY id')).rows,
  runListings: (await db.query('SELECT tableoid::regclass::text AS part, scan_run_id, listing_id, source, status FROM scan_run_listings ORDER BY 2, 3')).rows,
  listings: (await db.query('SELECT id, platform, platform_listing_id, url FROM listings ORDER BY id')).rows,
  blobs: (await db.query('SELECT sha256, media_type, bytes, path FROM evidence_blobs ORDER BY sha256')).rows,
  install: (await db.query('SELECT id FROM install_identity')).rows,
});

describe('backup and restore', () => {
  it('brings back the same rows and hash-identical evidence files after both are dropped', async () => {
    const evidenceDir = path.join(work, 'evidence');
    const store = createEvidenceStore(evidenceDir);
    await t.db.query(`INSERT INTO platforms (id, name, fetch_mode, base_url) VALUES ('bk', 'BK', 'http', 'http://bk')`);
    const run = await createRun(t.db, ['bk'], 'manual');
    const { rowIds } = await upsertDiscovered(t.db, 'bk', [{ listingId: 'b1', url: 'http://bk/b1' }, { listingId: 'b2', url: 'http://bk/b2' }]);
    await addRunListings(t.db, run.id, 'bk', rowIds, 'search');
    for (const body of ['<html>证据 one</html>', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])]) {
      const put = await store.put(Buffer.isBuffer(body) ? body : Buffer.from(body));
      await recordBlob(t.db, { sha256: put.sha256, mediaType: 'application/octet-stream', bytes: put.bytes, path: put.path });
    }
    const before = await snapshot(t.db);
    const filesBefore = await fileHashes(evidenceDir);
    expect(Object.keys(filesBefore)).toHaveLength(2);

    const out = path.join(work, 'backup');
    const manifest = await backup(t.url, evidenceDir, out);
    expect(manifest.schemaVersion).toBe(await codeSchemaVersion());
    expect(manifest.parts['database.dump'].sha256).toMatch(/^[0-9a-f]{64}$/);

    await t.db.end();
    await dropDatabase(t.name);
    await rm(evidenceDir, { recursive: true, force: true });

    await restore(out, t.url, evidenceDir);
    const db = createDb(t.url, 2);
    restored = db;
    expect(await snapshot(db)).toEqual(before);
    expect(await fileHashes(evidenceDir)).toEqual(filesBefore);
    // The restored store reads its files back under their hashes.
    for (const b of before.blobs as Array<{ sha256: string }>) expect((await store.read(b.sha256)).length).toBeGreaterThan(0);

    // Restoring again over what is there now is refused: the target is not empty.
    await expect(restore(out, t.url, evidenceDir)).rejects.toThrow(/not empty/);
  });

  it('refuses a backup whose part does not match its manifest, or of another schema, changing nothing', async () => {
    const src = path.join(work, 'backup');
    const bad = path.join(work, 'bad');
    await cp(src, bad, { recursive: true });
    await writeFile(path.join(bad, 'evidence.tar'), Buffer.concat([await readFile(path.join(bad, 'evidence.tar')), Buffer.from('x')]));
    const target = path.join(work, 'evidence-target');
    const url = t.url.replace(t.name, `${t.name}_r`);
    await expect(restore(bad, url, target)).rejects.toThrow(RestoreRefusedError);
    await expect(restore(bad, url, target)).rejects.toThrow(/evidence\.tar does not match the manifest/);

    const old = path.join(work, 'old');
    await cp(src, old, { recursive: true });
    const m = JSON.parse(await readFile(path.join(old, 'manifest.json'), 'utf8'));
    await writeFile(path.join(old, 'manifest.json'), JSON.stringify({ ...m, schemaVersion: '0009_search_card' }));
    await expect(restore(old, url, target)).rejects.toThrow(/schema 0009_search_card/);
    await expect(readdir(target)).rejects.toThrow(); // nothing made
    const exists = await restored!.query('SELECT 1 FROM pg_database WHERE datname = $1', [`${t.name}_r`]);
    expect(exists.rowCount).toBe(0);
  });
});

async function dropDatabase(name: string) {
  const { dropDatabase: drop } = await import('../../store/migrate.js');
  const { ADMIN_URL } = await import('../support/database.js');
  await drop(ADMIN_URL, name);
}
