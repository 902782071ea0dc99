/**
 * What one page costs Chromium, in core-milliseconds of the browser's whole
 * process tree (browser, renderers, GPU, utility) and of this Node process
 * (Playwright's side), for each Debian build and way of loading:
 *   - a cross-document navigation (`goto`) of a demo item page, with and
 *     without its images, and of a client-rendered demo-shop item;
 *   - writing a stored page into a reused page (`setContent`) and drawing a
 *     JPEG screenshot of it, first screen and full page by Playwright, and drawn by
 *     Chromium's own captureScreenshot (the evidence worker's path).
 *
 *   npx tsx bench/chromium.bench.ts [--pages 25] [--builds /usr/bin/chromium,/usr/bin/chromium-headless-shell]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs } from '../crawler/browser.pool.js';
import { listingPath, type DemoListing } from '../demo/marketplace/catalog.types.js';
import { startMarketplace } from '../demo/marketplace/marketplace.server.js';
import { descendants, processCpu } from './proc.sampler.js';

const { values: args } = parseArgs({ options: {
  pages: { type: 'string', default: '25' },
  builds: { type: 'string', default: '/usr/bin/chromium,/usr/lib/chromium/chromium-headless-shell' },
} });
const N = Number(args.pages);

const nodeCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const browserCpu = () => descendants(process.pid).reduce((a, pid) => a + processCpu(pid), 0);

const market = await startMarketplace({ seed: 42, size: 300, host: '127.0.0.1', port: 0 });
const of = (p: string) => market.catalog.listings.filter((l) => l.platform === p).slice(0, N + 1);
const url = (l: DemoListing) => market.url + listingPath(l.platform, l.listingId);
const mall = of('demo-mall'), shop = of('demo-shop');
// Stored copies of the mall pages and their images, as the evidence worker has them.
const stored = await Promise.all(mall.map(async (l) => {
  const html = await (await fetch(url(l))).text();
  const images = new Map<string, Buffer>();
  for (const src of l.images) images.set(market.url + src, Buffer.from(await (await fetch(market.url + src)).arrayBuffer()));
  return { url: url(l), html: html.replace(/<head>/i, `<head><base href="${url(l)}">`), images };
}));

async function measure(label: string, page: Page, n: number, fn: (i: number) => Promise<unknown>) {
  await fn(0); // warm
  const b0 = browserCpu(), n0 = nodeCpu(), t0 = performance.now();
  for (let i = 1; i <= n; i++) await fn(i);
  const per = (x: number) => ((x / n) * 1000).toFixed(0).padStart(5);
  console.log(`  ${label.padEnd(44)} browser ${per(browserCpu() - b0)}  node ${per(nodeCpu() - n0)}  wall ${((performance.now() - t0) / n).toFixed(0).padStart(5)} ms`);
  void page;
}

for (const build of args.builds.split(',')) {
  const name = build.split('/').pop();
  let version = '';
  try { version = readFileSync('/usr/lib/chromium/chromium', 'latin1').match(/Chrome\/(\d+\.\d+\.\d+\.\d+)/)?.[1] ?? ''; } catch { /* unknown */ }
  console.log(`${name} ${version} (core-ms per page)`);
  const browser = await chromium.launch({ executablePath: build, args: chromiumArgs(true, 'open') });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await measure('goto mall item, images', page, N, (i) => page.goto(url(mall[i]), { waitUntil: 'load' }));
  await page.route('**/*', (r) => (['image', 'font', 'media'].includes(r.request().resourceType()) ? r.abort() : r.continue()));
  await measure('goto mall item, images blocked', page, N, (i) => page.goto(url(mall[i]), { waitUntil: 'load' }));
  await measure('goto shop item (client-rendered), images blocked', page, N, async (i) => {
    await page.goto(url(shop[i]), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('h1.item-title, .item-missing');
    await page.content();
  });
  await page.unrouteAll();
  const sctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const sp = await sctx.newPage();
  await sp.route('**/*', (r) => {
    const img = stored.find((s) => s.images.has(r.request().url()))?.images.get(r.request().url());
    return img ? r.fulfill({ status: 200, contentType: 'image/jpeg', body: img }) : r.abort('blockedbyclient');
  });
  await measure('stored page: setContent', sp, N, (i) => sp.setContent(stored[i].html, { waitUntil: 'load' }));
  await measure('stored page: setContent + JPEG first screen', sp, N, async (i) => {
    await sp.setContent(stored[i].html, { waitUntil: 'load' });
    await sp.screenshot({ type: 'jpeg', quality: 80 });
  });
  await measure('stored page: setContent + JPEG full page', sp, N, async (i) => {
    await sp.setContent(stored[i].html, { waitUntil: 'load' });
    await sp.screenshot({ type: 'jpeg', quality: 80, fullPage: true });
  });
  // What the evidence worker does (crawler/stored-page.renderer.ts): Chromium draws it, no Playwright scripts in the page.
  const cdp = await sctx.newCDPSession(sp);
  await measure('stored page: setContent + layout + CDP JPEG', sp, N, async (i) => {
    await sp.setContent(stored[i].html, { waitUntil: 'load' });
    await cdp.send('Page.getLayoutMetrics');
    await cdp.send('Page.captureScreenshot', { format: 'jpeg', quality: 80 });
  });
  await browser.close();
}
await market.close();
