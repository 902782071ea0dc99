/** A run's plan: the chosen register entries' names, platform and URL checks that name the valid values. */
import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../app/campaign.scheduler.js';
import { platformCatalog } from '../../app/pipeline.wiring.js';
import { loadConfig } from '../../config/config.loader.js';
import { keywordsFor, resolvePlatforms, resolveUrls } from '../../queue/scan.plan.js';
import type { Registry } from '../../domain/registry.schema.js';

const reg = {
  trademarks: [{ id: 'TM-1', mark: '安踏', aliases: ['ANTA'] }, { id: 'TM-2', mark: '李宁', aliases: [] }],
  geoIndications: [{ id: 'GI-1', name: '福州茉莉花茶', aliases: [] }],
  patents: [{ id: 'PT-1', keywords: ['保温杯'] }],
} as unknown as Registry;

const config = loadConfig({ env: {}, overrides: { platformBaseUrls: { 'demo-mall': 'http://127.0.0.1:9100', 'demo-shop': 'http://127.0.0.1:9100', 'demo-mobile': 'http://127.0.0.1:9100' } } });
const catalog = platformCatalog({ config });

describe('scan plan', () => {
  it('searches the names of the chosen register entries only (all when none are chosen)', () => {
    expect(keywordsFor(reg, null).sort()).toEqual(['ANTA', '保温杯', '安踏', '李宁', '福州茉莉花茶'].sort());
    expect(keywordsFor(reg, ['TM-1', 'GI-1']).sort()).toEqual(['ANTA', '安踏', '福州茉莉花茶'].sort());
    expect(keywordsFor(reg, [])).toEqual([]);
  });

  it('refuses an unknown platform and names the valid ones', () => {
    expect(resolvePlatforms(catalog, ['*'])).toEqual(['demo-mall', 'demo-mobile', 'demo-shop'].filter((p) => catalog.enabled().includes(p)).sort((a, b) => catalog.enabled().indexOf(a) - catalog.enabled().indexOf(b)));
    expect(() => resolvePlatforms(catalog, ['demo-mall', 'taobao'])).toThrow(/unknown platform taobao; valid: .*demo-mall/);
  });

  it('reads item URLs as listings of their platform, and refuses URLs of no platform', () => {
    expect(resolveUrls(catalog, ['http://127.0.0.1:9100/mall/item/M1001.html', 'http://127.0.0.1:9100/shop/item/S7?x=1'])).toEqual([
      { platform: 'demo-mall', listingId: 'M1001', url: 'http://127.0.0.1:9100/mall/item/M1001.html' },
      { platform: 'demo-shop', listingId: 'S7', url: 'http://127.0.0.1:9100/shop/item/S7' },
    ]);
    expect(() => resolveUrls(catalog, ['http://elsewhere.example/mall/item/M1.html'])).toThrow(/not an item URL of an enabled platform/);
    expect(() => resolveUrls(catalog, ['http://127.0.0.1:9100/about'])).toThrow(/about/);
  });

  it('checks cron patterns (five fields, or six with seconds) and time zones', () => {
    expect(() => checkSchedule('0 2 * * *', 'Asia/Shanghai')).not.toThrow();
    expect(() => checkSchedule('*/3 * * * * *', 'UTC')).not.toThrow();
    expect(() => checkSchedule('every night', 'Asia/Shanghai')).toThrow(/not a valid cron pattern/);
    expect(() => checkSchedule('0 2 * * *', 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});
