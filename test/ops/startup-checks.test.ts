/**
 * A process refuses to take work on a Redis that evicts keys or a database
 * whose schema is not this code's, with a message that says what to do, and
 * the command line exits 3 for it. Real Postgres (a cloned test database
 * whose migration record is changed) and a private Redis server.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartupCheckError, checkRedisEviction, checkSchema } from '../../app/startup.check.js';
import { startOwnRedis, type OwnRedis } from '../faults/support/own.services.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const run = promisify(execFile);

let t: TestDatabase;
let own: OwnRedis;
beforeAll(async () => { t = await createTestDatabase(); own = await startOwnRedis(); });
afterAll(async () => { await own?.stop(); await t?.drop(); });

describe('start-up checks', () => {
  it('refuses a Redis whose maxmemory-policy may evict queue keys', async () => {
    const r = new Redis(own.url, { maxRetriesPerRequest: 1 });
    try {
      await expect(checkRedisEviction(r)).resolves.toBeUndefined();
      await r.config('SET', 'maxmemory-policy', 'allkeys-lru');
      await expect(checkRedisEviction(r)).rejects.toThrow(/maxmemory-policy is allkeys-lru; the queues need noeviction/);
    } finally {
      r.disconnect();
    }
  });

  it('refuses a schema behind or ahead of the code, and the CLI exits 3 saying so', async () => {
    await expect(checkSchema(t.db)).resolves.toBeUndefined();
    const last = (await t.db.query<{ name: string }>('SELECT name FROM pgmigrations ORDER BY id DESC LIMIT 1')).rows[0].name;
    await t.db.query('DELETE FROM pgmigrations WHERE name = $1', [last]);
    await expect(checkSchema(t.db)).rejects.toThrow(new RegExp(`behind this code: 1 migration\\(s\\) not applied \\(${last}\\); run \`migrate\``));
    const cli = await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'stats'], {
      env: { ...process.env, DATABASE_URL: t.url, IPWATCH_LOG_LEVEL: 'silent' },
    }).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
    expect(cli.code).toBe(3);
    expect(cli.stderr).toContain('run `migrate` first');

    await t.db.query(`INSERT INTO pgmigrations (name, run_on) VALUES ($1, now()), ('9999_from_a_newer_release', now())`, [last]);
    const err = await checkSchema(t.db).catch((e) => e);
    expect(err).toBeInstanceOf(StartupCheckError);
    expect(err.message).toMatch(/newer than this code \(applied: 9999_from_a_newer_release\)/);
  });
});
