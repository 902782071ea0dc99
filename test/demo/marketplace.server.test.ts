/** The demo marketplace over real HTTP: search reachability, pagination, JSON shapes, delist/update, failures, images. */
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoRegistry } from '../../demo/registry.loader.js';
import { registerSearchNames } from '../../demo/marketplace/catalog.generator.js';
import type { DemoListing, DemoPlatform } from '../../demo/marketplace/catalog.types.js';
import { type MarketplaceServer, startMarketplace } from '../../demo/marketplace/marketplace.server.js';

const registry = loadDemoRegistry();
let server: MarketplaceServer;

beforeAll(async () => {
  server = await startMarketplace({ seed: 42, port: 0 });
});
afterAll(async () => server?.close());

async function get(path: string): Promise<Response> {
  return fetch(server.url + path);
}
async function html(path: string): Promise<cheerio.CheerioAPI> {
  const r = await get(path);
  expect(r.status, path).toBe(200);
  expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
  return cheerio.load(await r.text());
}

/** All listing ids a platform returns for a query, following its pagination. */
async function searchAll(platform: DemoPlatform, q: string): Promise<string[]> {
  const ids: string[] = [];
  if (platform === 'demo-mall') {
    let next: string | undefined = `/mall/search?q=${encodeURIComponent(q)}&page=1`;
    while (next) {
      const $ = await html(next);
      $('li.result-item').each((_, e) => void ids.push($(e).attr('data-id')!));
      next = $('a.next-page').attr('href');
    }
  } else if (platform === 'demo-shop') {
    for (let offset = 0, more = true; more;) {
      const body = await (await get(`/shop/api/search?q=${encodeURIComponent(q)}&offset=${offset}`)).json();
      ids.push(...body.items.map((i: { id: string }) => i.id));
      offset = body.nextOffset;
      more = body.hasMore;
    }
  } else {
    for (let page = 1, more = true; more; page++) {
      const body = await (await get(`/m/api/search?keyword=${encodeURIComponent(q)}&page=${page}&pageSize=20`)).json();
      expect(body.code).toBe(0);
      ids.push(...body.data.items.map((i: { itemId: string }) => i.itemId));
      more = body.data.hasMore;
    }
  }
  return ids;
}

describe('demo marketplace server', () => {
  it('starts on a random port of 127.0.0.1', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('every listing is reachable by searching some register name on its platform', async () => {
    const found = new Set<string>();
    for (const platform of ['demo-mall', 'demo-shop', 'demo-mobile'] as const) {
      for (const name of registerSearchNames(registry)) {
        for (const id of await searchAll(platform, name)) found.add(`${platform}/${id}`);
      }
    }
    const missing = server.catalog.listings.filter((l) => !found.has(`${l.platform}/${l.listingId}`));
    expect(missing.map((l) => l.title)).toEqual([]);
  });

  it('search normalises spaces, symbols, full-width, case and traditional characters', async () => {
    for (const family of ['tm-split', 'tm-traditional', 'tm-fullwidth', 'tm-case'] as const) {
      for (const l of server.catalog.listings.filter((x) => x.truth.family === family)) {
        const tm = registry.trademarks.find((t) => t.id === l.truth.assetIds[0])!;
        const hits = await Promise.all([tm.mark, ...tm.aliases].map((n) => searchAll(l.platform, n)));
        expect(hits.flat(), `${family}: ${l.title}`).toContain(l.listingId);
      }
    }
    expect(await searchAll('demo-mall', '')).toEqual([]);
  });

  it('demo-mall pages results 10 at a time with a next-page link, and renders item pages', async () => {
    // The register name with the most demo-mall results (福州茉莉花茶 for seed 42).
    const counts = await Promise.all(registerSearchNames(registry).map(async (n) => [n, (await searchAll('demo-mall', n)).length] as const));
    const [q] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
    const $1 = await html(`/mall/search?q=${encodeURIComponent(q)}`);
    const total = Number(/共 (\d+) 件/.exec($1('.result-count').text())?.[1]);
    expect(total).toBeGreaterThan(10);
    expect($1('li.result-item')).toHaveLength(10);
    expect($1('a.next-page').attr('href')).toBe(`/mall/search?q=${encodeURIComponent(q)}&page=2`);
    const all = await searchAll('demo-mall', q);
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    const last = await html(`/mall/search?q=${encodeURIComponent(q)}&page=${Math.ceil(total / 10)}`);
    expect(last('a.next-page')).toHaveLength(0);
    expect(last('li.result-item').length).toBe(total - 10 * (Math.ceil(total / 10) - 1));

    const l = server.catalog.listings.find((x) => x.platform === 'demo-mall' && Object.keys(x.attributes).length >= 3)!;
    const href = $1('a.result-link').first().attr('href')!;
    expect(href).toMatch(/^\/mall\/item\/\d+\.html$/);
    const $ = await html(`/mall/item/${l.listingId}.html`);
    expect($('h1.item-title').text()).toBe(l.title);
    expect($('.item-price').text()).toBe(`¥${l.price.toFixed(2)}`);
    expect($('.shop-name').text()).toBe(l.shop.name);
    expect($('.shop-location').text()).toBe(l.shop.location);
    const attrs = Object.fromEntries($('table.attrs tr').toArray().map((tr) => [$(tr).find('th').text(), $(tr).find('td').text()]));
    expect(attrs).toEqual(l.attributes);
    expect($('.item-desc').text()).toBe(l.description);
    expect($('img.main-image').attr('src')).toBe(l.images[0]);
    expect($('.gallery img').toArray().map((e) => $(e).attr('src'))).toEqual(l.images);
  });

  it('demo-shop serves script shells and JSON APIs', async () => {
    const shell = await (await get(`/shop/search?q=${encodeURIComponent('华为')}`)).text();
    expect(shell).toContain('/shop/api/search?q=');
    expect(shell).toContain('IntersectionObserver');
    expect(shell).toContain('end-of-results');
    const l = server.catalog.listings.find((x) => x.platform === 'demo-shop')!;
    const r = await get(`/shop/api/item/${l.listingId}`);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await r.json();
    expect(body.item).toMatchObject({ id: l.listingId, title: l.title, price: l.price, description: l.description, shop: l.shop, images: l.images });
    expect(Object.fromEntries(body.item.attributes.map((a: { name: string; value: string }) => [a.name, a.value]))).toEqual(l.attributes);
    expect((await get(`/shop/item/${l.listingId}`)).status).toBe(200);
    expect((await get('/shop/api/item/nope')).status).toBe(404);
    expect((await get('/shop/item/nope')).status).toBe(404);
  });

  it('demo-mobile answers the documented JSON shapes', async () => {
    const s = await (await get(`/m/api/search?keyword=${encodeURIComponent('福州茉莉花茶')}&page=1&pageSize=20`)).json();
    expect(s).toMatchObject({ code: 0, data: { page: 1, hasMore: expect.any(Boolean) } });
    expect(s.data.items.length).toBeGreaterThan(0);
    for (const it of s.data.items) expect(it).toMatchObject({ itemId: expect.any(String), title: expect.any(String), price: expect.any(Number) });
    const l = server.catalog.listings.find((x) => x.platform === 'demo-mobile')!;
    const d = await (await get(`/m/api/item/${l.listingId}`)).json();
    expect(d).toEqual({
      code: 0, msg: 'success',
      data: {
        item: { itemId: l.listingId, title: l.title, desc: l.description, price: { value: l.price, currency: 'CNY' }, images: l.images },
        seller: { shopId: l.shop.id, shopName: l.shop.name, location: l.shop.location },
        props: Object.entries(l.attributes).map(([name, value]) => ({ name, value })),
      },
    });
    const $ = await html(`/m/item/${l.listingId}`);
    expect($('.m-title').text()).toBe(l.title);
    expect($('.m-shop-location').text()).toBe(l.shop.location);
    const missing = await get('/m/api/item/0');
    expect(missing.status).toBe(404);
    expect((await missing.json()).code).toBe(404);
  });

  it('serves valid 480x480 JPEG images, the same bytes every time', async () => {
    const withText = server.catalog.listings.filter((l) => l.imageSpecs[0].text.length > 0).slice(0, 3);
    for (const l of [...withText, server.catalog.listings[0]]) {
      for (const src of l.images) {
        const r = await get(src);
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toBe('image/jpeg');
        const buf = Buffer.from(await r.arrayBuffer());
        const meta = await sharp(buf).metadata();
        expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 480 });
        expect(Buffer.from(await (await get(src)).arrayBuffer()).equals(buf)).toBe(true);
      }
    }
    expect((await get(`/img/demo-mall/${server.catalog.listings[0].listingId}-9.jpg`)).status).toBe(404);
  });

  it('delist makes an item 404 everywhere and drops it from search; update changes what is shown', async () => {
    const pick = (p: DemoPlatform) => server.catalog.listings.find((l) => l.platform === p && l.surfaceFor.length === 0 && l.truth.family === 'tm-exact')!;
    const mall = pick('demo-mall');
    const tm = registry.trademarks.find((t) => t.id === mall.truth.assetIds[0])!;
    const q = [tm.mark, ...tm.aliases].find((n) => mall.title.includes(n))!;
    expect(await searchAll('demo-mall', q)).toContain(mall.listingId);
    expect(server.delist('demo-mall', mall.listingId)).toBe(true);
    expect((await get(`/mall/item/${mall.listingId}.html`)).status).toBe(404);
    expect((await get(mall.images[0])).status).toBe(404);
    expect(await searchAll('demo-mall', q)).not.toContain(mall.listingId);
    expect(server.delist('demo-mall', 'nope')).toBe(false);
    const shop = pick('demo-shop');
    server.delist('demo-shop', shop.listingId);
    expect((await get(`/shop/api/item/${shop.listingId}`)).status).toBe(404);
    const mob = pick('demo-mobile');
    server.delist('demo-mobile', mob.listingId);
    expect((await get(`/m/api/item/${mob.listingId}`)).status).toBe(404);
    expect((await get(`/m/item/${mob.listingId}`)).status).toBe(404);

    const other = server.catalog.listings.find((l) => l.platform === 'demo-mall' && l.listingId !== mall.listingId)!;
    const updated: DemoListing = server.update('demo-mall', other.listingId, { title: '测试更新标题 安踏 跑步鞋', price: 1.5 });
    expect(updated.title).toBe('测试更新标题 安踏 跑步鞋');
    const $ = await html(`/mall/item/${other.listingId}.html`);
    expect($('h1.item-title').text()).toBe('测试更新标题 安踏 跑步鞋');
    expect($('.item-price').text()).toBe('¥1.50');
    expect(await searchAll('demo-mall', '测试更新标题')).toEqual([other.listingId]);
    expect(server.catalog.listings.find((l) => l.listingId === other.listingId)!.title).toBe(other.title);
    expect(() => server.update('demo-mall', 'nope', { price: 1 })).toThrow();
  });
});

describe('latency and injected failures', () => {
  it('fails deterministically per URL and attempt, and lets retries through', async () => {
    const statuses: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const s = await startMarketplace({ seed: 5, size: 60, failRate: 0.4, latencyMs: 30 });
      try {
        const seen: number[] = [];
        const t = performance.now();
        for (let i = 1; i <= 20; i++) seen.push((await fetch(`${s.url}/m/api/search?keyword=%E5%AE%89%E8%B8%8F&page=${i}`)).status);
        expect(performance.now() - t).toBeGreaterThanOrEqual(20 * 30 - 5);
        let ok = false;
        for (let attempt = 0; attempt < 20 && !ok; attempt++) ok = (await fetch(`${s.url}/mall/search?q=x`)).status === 200;
        expect(ok).toBe(true);
        expect(s.stats().injectedFailures).toBeGreaterThan(0);
        statuses.push(seen);
      } finally {
        await s.close();
      }
    }
    expect(statuses[0]).toEqual(statuses[1]);
    expect(statuses[0]).toContain(503);
    expect(statuses[0]).toContain(200);
  });
});
