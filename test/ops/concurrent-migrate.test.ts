/**
 * Two `migrate` at once on a fresh database (two hosts starting together, a
 * compose migrate and a hand run): both succeed, the second waits for the
 * first and finds nothing left, and every migration is applied once.
 * Through the real CLI, as operators run it.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { dropDatabase, schemaDrift } from '../../store/migrate.js';
import { createDb } from '../../store/database.js';
import { ADMIN_URL, urlFor } from '../support/database.js';

const run = promisify(execFile);
const name = `ipwatch_mig_${randomBytes(4).toString('hex')}`;
afterAll(async () => { await dropDatabase(ADMIN_URL, name); });

describe('migrate twice at once', () => {
  it('both exit 0, every migration applied once', async () => {
    const env = { ...process.env, DATABASE_URL: urlFor(name), IPWATCH_LOG_LEVEL: 'silent' };
    const once = () => run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'migrate'], { env, timeout: 120_000 })
      .then((r) => ({ code: 0, out: r.stdout, err: r.stderr }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }));
    const [a, b] = await Promise.all([once(), once()]);
    expect([a.code, b.code], `${a.err}\n${b.err}`).toEqual([0, 0]);
    expect([a.out, b.out].join('\n')).toMatch(/applied: /);
    const db = createDb(urlFor(name), 1);
    try {
      expect(await schemaDrift(db)).toEqual({ missing: [], unknown: [] });
      const c = await db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT name)::int AS d FROM pgmigrations');
      expect(c.rows[0].n).toBe(c.rows[0].d);
    } finally {
      await db.end();
    }
  });
});
