/**
 * Logo matches kept per image hash and index in the real Postgres: a photo is
 * matched once per index (also across matcher instances, as across worker
 * processes and nightly scans), a new index key matches again, a refusal is
 * kept like a result, and concurrent asks share one match.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedLogoMatcher, type LogoMatchStore } from '../../image/logo-match.cache.js';
import { LogoIndex } from '../../image/logo.index.js';
import { cachedLogoMatch, saveLogoMatch } from '../../store/logo-match.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { logoBytes, logoSvg } from './eval/eval-set.generator.js';

let t: TestDatabase;
let index: LogoIndex;
let store: LogoMatchStore;
let calls = 0;
let counted: Pick<LogoIndex, 'matchBytes'>;
let photo: Buffer;

beforeAll(async () => {
  t = await createTestDatabase();
  store = { get: (s, k) => cachedLogoMatch(t.db, s, k), put: (s, k, r) => saveLogoMatch(t.db, s, k, r) };
  index = await LogoIndex.build(['anta', 'huawei'].map((s) => ({ logoId: s, assetId: `TM-${s}`, bytes: logoBytes(s) })));
  counted = { matchBytes: (b) => { calls++; return index.matchBytes(b); } };
  photo = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480"><rect width="480" height="480" fill="#fff"/>${logoSvg('huawei', 80, 80, 300, '#c00')}</svg>`)).jpeg({ quality: 85 }).toBuffer();
}, 120_000);
afterAll(async () => { await t?.drop(); });

describe('cached logo matcher', () => {
  it('matches a photo once per index, and answers the next matcher from Postgres with the same hits', async () => {
    calls = 0;
    const first = new CachedLogoMatcher(counted, 'k1', store);
    const a = await first.matchBytes(photo);
    expect(a.ok && a.hits[0]?.logoId).toBe('huawei');
    expect(calls).toBe(1);
    const again = new CachedLogoMatcher(counted, 'k1', store);
    expect(await again.matchBytes(photo)).toEqual(a);
    expect(calls).toBe(1);
    expect(again.stats).toEqual({ hits: 1, matched: 0 });
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM logo_matches');
    expect(rows[0].n).toBe(1);
  });

  it('matches again for another index key, and shares one match between concurrent asks', async () => {
    calls = 0;
    const m = new CachedLogoMatcher(counted, 'k2', store);
    const [x, y] = await Promise.all([m.matchBytes(photo), m.matchBytes(Buffer.from(photo))]);
    expect(x).toEqual(y);
    expect(calls).toBe(1);
  });

  it('keeps a refusal like a result', async () => {
    calls = 0;
    const junk = Buffer.from('not an image at all');
    const r1 = await new CachedLogoMatcher(counted, 'k3', store).matchBytes(junk);
    expect(r1.ok).toBe(false);
    const r2 = await new CachedLogoMatcher(counted, 'k3', store).matchBytes(junk);
    expect(r2).toEqual(r1);
    expect(calls).toBe(1);
  });
});
