/**
 * The example configs of the real sites (config/platforms/examples) against
 * the saved real pages, served with their real bytes by a local stand-in:
 * every FORMATS §2 field each page has is extracted by config alone, and
 * blocks, empty results and broken selectors come out as different outcomes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, loadConfig, loadPlatforms } from '../../config/config.loader.js';
import { platformSchema, type PlatformConfig } from '../../config/platform.schema.js';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { BlockedError, RateLimitedError, RobotsDisallowedError, SelectorBrokenError, ListingGoneError, retryPolicyOf } from '../../crawler/errors.js';
import { HostLimiter } from '../../crawler/host.limiter.js';
import { HttpFetcher } from '../../crawler/http.fetcher.js';
import { PlatformCrawler } from '../../crawler/platform.crawler.js';
import { startRealSites, type RealSites } from './support/real-sites.server.js';

const EXAMPLES = path.join(PROJECT_ROOT, 'config/platforms/examples');
let sites: RealSites;
let browser: BrowserPool;

/** An example config pointed at the stand-in: every `https://<host>` becomes `<fixture>/_/<host>`. */
function example(id: string, overrides: Record<string, unknown> = {}): PlatformConfig {
  const raw = readFileSync(path.join(EXAMPLES, `${id}.json`), 'utf8').replaceAll('https://', `${sites.base}/_/`);
  const data = JSON.parse(raw);
  const baseHost = new URL(data.baseUrl).pathname;
  if (data.search.url.startsWith('/')) data.search.url = `${baseHost}${data.search.url}`;
  return platformSchema.parse({ ...data, allowPrivateNetwork: true, ...overrides, item: { ...data.item, ...(overrides.item as object) } });
}

function crawler(opts: { limiter?: HostLimiter; onPlatformPaused?: (p: string, ms: number, reason: string) => void } = {}): PlatformCrawler {
  const limiter = opts.limiter ?? new HostLimiter();
  return new PlatformCrawler({ http: new HttpFetcher({ limiter }), browser, limiter, downloadImages: false, onPlatformPaused: opts.onPlatformPaused });
}

beforeAll(async () => {
  sites = await startRealSites();
  const cfg = loadConfig({ env: {}, overrides: { ocr: { enabled: false } } });
  const resolver = async (host: string) => (host === '127.0.0.1' ? ['127.0.0.1'] : Promise.reject(new Error(`ENOTFOUND ${host}`)));
  browser = new BrowserPool({ executablePath: cfg.browser.executablePath, pages: 1, offlineHostRules: true, viewport: cfg.browser.viewport, resolver });
}, 30_000);
afterAll(async () => { await browser?.close(); await sites?.close(); });

describe('example configs', () => {
  it('all validate, none is enabled, and none is loaded as an active platform', () => {
    const examples = loadPlatforms(EXAMPLES);
    expect(examples.map((p) => p.id).sort()).toEqual(['aliexpress', 'ebay', 'jd', 'taobao', 'tmall']);
    expect(examples.every((p) => !p.enabled && p.robots === 'obey' && !p.allowPrivateNetwork)).toBe(true);
    const active = loadConfig({ env: {}, overrides: { ocr: { enabled: false } } }).platforms.map((p) => p.id);
    expect(active.some((id) => examples.some((e) => e.id === id))).toBe(false);
  });
});

describe('Taobao search (g_page_config in an inline script)', () => {
  it('reads 36 results with their card fields and the page count', async () => {
    const res = await crawler().search(example('taobao'), 'ipad', 1);
    expect(res.outcome).toBe('results');
    expect(res.items).toHaveLength(36);
    expect(res.hasNext).toBe(true);
    expect(res.items[0]).toEqual({
      listingId: '566741234264',
      url: `${sites.base}/_/item.taobao.com/item.htm?id=566741234264`,
      card: {
        title: '2018新款 Apple/苹果 9.7英寸iPad 智能平板电脑 正品国行新品', price: 2288, priceMax: 2288,
        shop: { id: '2616970884', name: '苏宁易购官方旗舰店', location: '江苏 南京' },
        images: ['http://g-search2.alicdn.com/img/bao/uploaded/i4/i3/2616970884/TB2KZB1BYSYBuNjSspiXXXNzpXa_!!2616970884-0-item_pic.jpg'],
      },
    });
    expect(crawler().searchUrl(example('taobao'), 'ipad', 3)).toMatch(/search\?q=ipad&s=88$/);
  });

  it('reads the 2016 page design with the same config', async () => {
    const res = await crawler().search(example('taobao'), '回力男鞋', 1);
    expect(res.items).toHaveLength(36);
    expect(res.items[0].card).toMatchObject({ title: '回力2016夏季真皮男士沙滩鞋休闲凉鞋透气潮', price: 115, shop: { name: '回力老字号', location: '广东 深圳' } });
    const pretty = await crawler().search(example('taobao'), '芝麻糊', 1); // the config pretty-printed over many lines
    expect(pretty.items).toHaveLength(35); // 36 auctions, one an ad repeating an organic result
    expect(pretty.items[0]).toMatchObject({ listingId: '10609596736', card: { title: '现磨黑芝麻糊核桃桑葚黑豆黑米乌发干吃包邮', price: 52.9, shop: { name: '老金磨方旗舰店', location: '浙江 杭州' } } });
  });

  it('tells an empty search, a redesigned page, a login wall, a captcha and a rate limit apart', async () => {
    const p = example('taobao');
    const c = crawler();
    expect(await c.search(p, 'zzznothing', 1)).toMatchObject({ items: [], hasNext: false, outcome: 'empty' });
    const broken = await c.search(p, 'redesigned', 1).catch((e) => e);
    expect(broken).toBeInstanceOf(SelectorBrokenError);
    expect(broken.field).toBe('search.items');
    expect(retryPolicyOf(broken).policy).toBe('never');
    const login = await c.search(p, 'login', 1).catch((e) => e);
    expect(login).toMatchObject({ reason: 'login', platform: 'taobao' });
    expect(login).toBeInstanceOf(BlockedError);
    expect(retryPolicyOf(login).policy).toBe('rotate-session');
    expect(sites.requests.some((r) => r.startsWith('/_/login.taobao.com'))).toBe(false); // the login page is never fetched
    expect(await c.search(p, 'wall', 1).catch((e) => e)).toMatchObject({ reason: 'marker' });
    expect(await c.search(p, 'captcha', 1).catch((e) => e)).toMatchObject({ reason: 'captcha' });
    const busy = await c.search(p, 'busy', 1).catch((e) => e);
    expect(busy).toBeInstanceOf(RateLimitedError);
    expect(retryPolicyOf(busy)).toMatchObject({ policy: 'wait', delayMs: 30_000 });
    const n = sites.requests.length;
    expect(await c.search(p, 'ipad', 1).catch((e) => e)).toBeInstanceOf(RateLimitedError); // the whole platform waits
    expect(sites.requests.length).toBe(n);
  });

  it('pauses a platform that keeps answering blocked (circuit breaker) and says so', async () => {
    const paused: string[] = [];
    const c = crawler({ onPlatformPaused: (p, ms, reason) => paused.push(`${p} ${ms} ${reason}`) });
    const p = example('taobao', { block: { ...example('taobao').block, breakerThreshold: 2, breakerPauseMs: 60_000 } });
    await c.search(p, 'wall', 1).catch(() => {});
    await c.search(p, 'captcha', 1).catch(() => {});
    expect(paused).toEqual(['taobao 60000 circuit breaker: 2 blocks in a row (last: captcha)']);
    const n = sites.requests.length;
    expect(await c.search(p, 'ipad', 1).catch((e) => e)).toBeInstanceOf(RateLimitedError);
    expect(sites.requests.length).toBe(n);
  });
});

describe('Taobao and Tmall items', () => {
  it('reads a Taobao item page, with the search card filling the location the page lacks', async () => {
    const cap = await crawler().capture(example('taobao'), '562283240178', { card: { shop: { location: '广东 深圳' }, price: 1 } });
    expect(cap.listing).toMatchObject({
      platform: 'taobao', listingId: '562283240178', url: `${sites.base}/_/item.taobao.com/item.htm?id=562283240178`,
      title: '乳白亚克力外壳 60%键盘外壳 poker外壳无加强筋底壳透光外壳', price: 149, currency: 'CNY',
      shop: { id: '64592671', name: '怡科外设KBDfans', location: '广东 深圳' },
    });
    expect(cap.priceMax).toBe(159);
    expect(cap.listing.attributes).toEqual({
      品牌: 'KBDfans', 型号: '乳白外壳', 接口类型: '黑色（PS/2）；白色（USB）', 颜色分类: 'glow in the dark clear',
      套餐类型: '官方标配', 连接方式: '无线', 是否有多媒体功能键: '有', 是否支持人体工程学: '支持',
    });
    expect(cap.listing.images).toHaveLength(5);
    expect(cap.listing.images[0]).toBe('http://gd4.alicdn.com/imgextra/i4/134583372/TB2bje8gS_I8KJjy0FoXXaFnVXa_!!134583372.jpg');
    expect(cap.document.charset).toBe('utf-8');
  });

  it('follows a Taobao id to Tmall, decodes GB18030 by its meta tag and merges the JSONP price/location API', async () => {
    const cap = await crawler().capture(example('taobao'), '605258110430');
    expect(cap.document.url).toBe(`${sites.base}/_/detail.tmall.com/item.htm?id=605258110430`);
    expect(cap.document.charset).toBe('gb18030');
    expect(cap.sources.map((s) => s.name)).toEqual(['tmallPrice']);
    expect(cap.listing).toMatchObject({
      listingId: '605258110430', title: '【官网价直降】Apple/苹果 iPhone 11 4G全网通智能手机正品苏宁易购官方旗舰店苹果11',
      description: '原封国行 苏宁直发 火热抢购中', price: 4999, currency: 'CNY',
      shop: { id: '128573071', name: '苏宁易购官方旗舰店', location: '江苏南京' },
    });
    expect(cap.listing.attributes).toMatchObject({ 产品名称: 'Apple/苹果 iPhone 11', Apple型号: 'iPhone 11' });
    expect(cap.listing.images[0]).toBe('http://img.alicdn.com/imgextra/i1/2616970884/O1CN01cv8gWG1IOujRWR4LY_!!0-item_pic.jpg');
    expect(cap.listing.images.every((i) => !/_60x60q90\.jpg$/.test(i))).toBe(true);
  });

  it('captures a Tmall item with one load: the screenshot is rendered from the stored GB18030 bytes', async () => {
    const before = sites.requests.filter((r) => r.startsWith('/_/detail.tmall.com/')).length;
    const cap = await crawler().capture(example('tmall', { evidence: { screenshot: 'always' } }), '605258110430');
    expect(cap.listing.title).toBe('【官网价直降】Apple/苹果 iPhone 11 4G全网通智能手机正品苏宁易购官方旗舰店苹果11');
    expect(cap.listing.price).toBe(4999);
    expect(cap.listing.attributes['产品名称']).toBe('Apple/苹果 iPhone 11');
    expect(cap.document.charset).toBe('gb18030'); // the config's override
    expect(cap.screenshot?.provenance).toBe('stored-html-live-assets');
    expect(cap.screenshot?.body.subarray(1, 4).toString()).toBe('PNG');
    expect(sites.requests.filter((r) => r.startsWith('/_/detail.tmall.com/')).length - before).toBe(1);
  }, 60_000);
});

describe('JD search', () => {
  it('reads the cards and computes JD odd page numbers and offsets', async () => {
    const p = example('jd');
    const res = await crawler().search(p, '索尼耳机', 1);
    expect(res.items).toHaveLength(29); // 30 li.gl-item, one of them an ad without a product id
    expect(res.hasNext).toBe(true);
    expect(res.items[0]).toEqual({
      listingId: '940275', url: `${sites.base}/_/item.jd.com/940275.html`,
      card: {
        title: '索尼（SONY） MDR-EX15LP 小巧入耳式耳机,佩戴舒适 半透明果冻色渐变机身 黑色', price: 55, priceMax: 55,
        shop: { id: '1000001767' }, images: ['http://img10.360buyimg.com/n7/g15/M07/01/1A/rBEhWlH2DO0IAAAAAACdmaAhsKQAABfVgKzC6sAAJ2x150.jpg'],
      },
    });
    expect(crawler().searchUrl(p, '索尼耳机', 2)).toMatch(/page=3&s=61$/);
    expect(crawler().searchUrl(p, '索尼耳机', 3)).toMatch(/page=5&s=121$/);
  });
});

describe('AliExpress item (window.runParams)', () => {
  it('reads every field, with a European price range and the listing currency', async () => {
    const cap = await crawler().capture(example('aliexpress'), '32993251330');
    expect(cap.listing).toMatchObject({
      title: "מקורי Apple iPhone SE סמארטפון נייד טלפון A9 Dual Core 2GB RAM 16/64GB ROM 4.0 ''12MP טביעות אצבע 4G LTE Smartphone",
      price: 97.39, currency: 'EUR', shop: { id: '1392990', name: 'Summer Technology Co.,Ltd.', location: 'Guangdong, China' },
    });
    expect(cap.priceMax).toBe(128.72);
    expect(cap.listing.attributes).toMatchObject({ 'שם מותג': 'Apple', 'APPLE Model': 'IPhone SE', ROM: '16G', RAM: '2G', 'CPU Chip': 'Apple A9' });
    expect(cap.listing.images.length).toBeGreaterThanOrEqual(5);
    expect(cap.listing.images[0]).toBe('https://ae01.alicdn.com/kf/HTB1.DiLM7voK1RjSZFDq6xY3pXam/Apple-iPhone-SE-A9-Dual-Core-2GB-RAM-16.jpg');
  });
});

describe('eBay item (schema.org markup, paired attribute cells)', () => {
  it('reads every field', async () => {
    const cap = await crawler().capture(example('ebay'), '381228738769');
    expect(cap.listing).toMatchObject({
      title: 'Outdoor Wicker Patio Furniture Sofa 3 Seater Luxury Comfort Brown Wicker Couch', price: 349.99, currency: 'USD',
      shop: { id: 'bestchoiceproducts', name: 'bestchoiceproducts', location: 'Rancho Cucamonga, California, United States' },
    });
    expect(cap.listing.attributes).toMatchObject({ Brand: 'Best Choice Products', MPN: 'SKY1854', UPC: '810010022998' });
    expect(cap.listing.attributes.Condition).toMatch(/^New: A brand-new, unused/);
    expect(cap.listing.images[0]).toBe('http://i.ebayimg.com/images/g/xt0AAOSwfC9XOf8d/s-l1600.jpg');
  });

  it('cleans a NUL out of the stored text while the evidence keeps the raw bytes', async () => {
    const cap = await crawler().capture(example('ebay'), '381228738770');
    expect(cap.listing.title).toBe('Outdoor Wicker Patio Furniture Sofa 3 Seater Luxury Comfort Brown Wicker Couch');
    expect(cap.document.body.includes(Buffer.from([0]))).toBe(true);
  });

  it('obeys robots.txt unless the config says to ignore it', async () => {
    await expect(crawler().capture(example('ebay'), '999999999')).rejects.toBeInstanceOf(RobotsDisallowedError);
    await expect(crawler().capture(example('ebay', { robots: 'ignore' }), '999999999')).rejects.toBeInstanceOf(ListingGoneError);
  });
});
