/**
 * Platforms mirrored into Postgres keep only their public part: a platform
 * configured with session cookies, request headers and a proxy with a
 * password leaves none of them anywhere in the platforms table.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.loader.js';
import { platformSchema } from '../../config/platform.schema.js';
import { syncPlatforms } from '../../store/platform.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase(); });
afterAll(async () => t?.drop());

const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

describe('platforms in Postgres', () => {
  it('stores id, name, fetch mode and base URL, and no cookie, header or password of the configuration', async () => {
    const base = JSON.parse(JSON.stringify(loadConfig({ env: {} }).platforms[0]));
    const id = `secret-test-${randomBytes(3).toString('hex')}`;
    const secrets = { cookie: secret('cookie'), bearer: secret('bearer'), token: secret('token'), proxyPassword: secret('pw') };
    const platform = platformSchema.parse({
      ...base, id, name: '含密钥的平台',
      proxy: `http://bureau:${secrets.proxyPassword}@10.0.0.5:3128`,
      sessions: {
        ...base.sessions,
        accounts: [{
          name: 'bureau-account',
          cookies: [{ name: 'sid', value: secrets.cookie, domain: '127.0.0.1', path: '/' }],
          headers: { authorization: `Bearer ${secrets.bearer}`, 'x-api-token': secrets.token },
        }],
      },
    });
    await syncPlatforms(t.db, [platform]);
    // Registering again (every start does) must not bring them in either.
    await syncPlatforms(t.db, [platform]);

    const { rows } = await t.db.query('SELECT to_jsonb(p) AS row FROM platforms p WHERE id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].row).toMatchObject({ id, name: '含密钥的平台', fetch_mode: platform.fetchMode, base_url: platform.baseUrl });
    // Every row and column of the table, as text: no secret value in any of them.
    const all = (await t.db.query('SELECT coalesce(string_agg(to_jsonb(p)::text, E\'\\n\'), \'\') AS text FROM platforms p')).rows[0].text as string;
    expect(all).toContain(id);
    for (const [what, value] of Object.entries(secrets)) expect(all.includes(value), `${what} stored in platforms`).toBe(false);
    expect(all).not.toContain('bureau-account');
  });
});
