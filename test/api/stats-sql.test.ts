/**
 * Statistics are counted in SQL: the province/city and ISO-week rules in SQL
 * must agree with enforcement/region.ts and periodOf, and a cached table must
 * not outlive a change to the data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRegion } from '../../enforcement/region.js';
import { periodOf } from '../../enforcement/stats.service.js';
import { PLATFORM_A, PLATFORM_B, setupFixture, type Fixture } from './fixtures.js';

let f: Fixture;
const LOCATIONS = ['浙江省金华市义乌市', '浙江金华', ' 上海市 浦东新区', '内蒙古呼和浩特市', '新疆维吾尔自治区乌鲁木齐市', '广西南宁市',
  '吉林省延边朝鲜族自治州延吉市', '西藏自治区', '火星', '', '黑龙江大兴安岭地区', '香港特别行政区'];
const TIMES = ['2026-01-01T03:00:00Z', '2026-12-31T17:00:00Z', '2027-01-03T15:00:00Z', '2025-12-28T16:30:00Z', '2024-02-29T12:00:00Z'];

beforeAll(async () => {
  f = await setupFixture();
  let i = 0;
  for (const loc of LOCATIONS) {
    for (const t of TIMES.slice(0, 2 + (i % 3))) {
      await f.addListing({ platform: i % 2 ? PLATFORM_B : PLATFORM_A, listingId: `st-${i++}`, title: '安踏', shopLocation: loc, capturedAt: t });
    }
  }
});
afterAll(async () => { await f?.close(); });

describe('statistics in SQL', () => {
  it('province and city agree with resolveRegion', async () => {
    const r = (await f.inject('officer', 'GET', '/api/stats?groupBy=region,city')).json();
    const expected = new Map<string, number>();
    const { rows } = await f.db.query(`SELECT c.shop_location FROM verdicts v JOIN captures c ON c.id = v.capture_id WHERE v.suspect`);
    for (const row of rows) {
      const reg = resolveRegion(row.shop_location);
      const k = `${reg.province}/${reg.city}`;
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    const got = new Map<string, number>(r.rows.map((x: { group: { region: string; city: string }; figures: { flagged: number } }) => [`${x.group.region}/${x.group.city}`, x.figures.flagged]));
    expect(got).toEqual(expected);
    expect(r.totals.flagged).toBe(rows.length);
  });

  it('ISO weeks, days and years in Asia/Shanghai agree with periodOf', async () => {
    const { rows } = await f.db.query(`SELECT v.created_at FROM verdicts v WHERE v.suspect`);
    for (const period of ['day', 'week', 'month', 'year'] as const) {
      const r = (await f.inject('officer', 'GET', `/api/stats?groupBy=period&period=${period}`)).json();
      const expected = new Map<string, number>();
      for (const row of rows) {
        const k = periodOf(new Date(row.created_at), period);
        expected.set(k, (expected.get(k) ?? 0) + 1);
      }
      const got = new Map<string, number>(r.rows.map((x: { group: { period: string }; figures: { flagged: number } }) => [x.group.period, x.figures.flagged]));
      expect(got, period).toEqual(expected);
    }
  });

  it('region filter matches province, city or raw location prefix, as resolveRegion would', async () => {
    const { rows } = await f.db.query(`SELECT c.shop_location FROM verdicts v JOIN captures c ON c.id = v.capture_id WHERE v.suspect`);
    const someCity = resolveRegion(rows[0].shop_location).city;
    for (const region of ['浙江省', '浙江省金华市', someCity, '火星', '内蒙古自治区', '上海市']) {
      const r = (await f.inject('officer', 'GET', `/api/stats?groupBy=none&region=${encodeURIComponent(region)}`)).json();
      const expected = rows.filter((x) => {
        const reg = resolveRegion(x.shop_location);
        return reg.province.startsWith(region) || reg.city.startsWith(region) || x.shop_location.startsWith(region);
      }).length;
      expect(r.totals.flagged, region).toBe(expected);
      expect(expected, region).toBeGreaterThan(0);
    }
  });

  it('a cached table is recomputed as soon as the data changes', async () => {
    const before = (await f.inject('officer', 'GET', '/api/stats?groupBy=platform')).json();
    const again = (await f.inject('officer', 'GET', '/api/stats?groupBy=platform')).json();
    expect(again).toEqual(before);
    const l = await f.db.query(`SELECT l.id FROM listings l ORDER BY id LIMIT 1`);
    const d = await f.inject('officer', 'POST', `/api/review/listings/${l.rows[0].id}/decision`, { decision: 'confirm', reason: 'fake' });
    expect(d.statusCode, d.body).toBe(200);
    const after = (await f.inject('officer', 'GET', '/api/stats?groupBy=platform')).json();
    expect(after.totals.confirmed).toBe(before.totals.confirmed + 1);
  });
});
