/**
 * Crawl throughput and memory, ours vs Crawlee, both fetch modes, on the demo
 * marketplace (started here on a free port):
 *   - http:    HttpFetcher + extractItem (PlatformCrawler.capture on demo-mall,
 *              no screenshot, no image downloads) vs Crawlee's CheerioCrawler;
 *   - browser: BrowserPool + PlatformCrawler.capture on demo-shop (no
 *              screenshot for either) vs Crawlee's PlaywrightCrawler on
 *              Debian's Chromium with the same waits and scrolls.
 *
 *   npx tsx bench/crawl.bench.ts [--size 300] [--concurrency 4] [--http-repeat 10]
 *                                [--browser-repeat 2] [--warmup 12] [--rounds 1] [--modes http,browser]
 *                                [--crawlers ours,crawlee] [--page-uses N (ours: BrowserPool maxPageUses)]
 *
 * Every (mode, crawler, round) runs in its own child process, so each peak
 * RSS / heap is that crawler's alone; the marketplace runs in this (parent)
 * process for all of them. In each child a warm-up run over the first
 * `--warmup` URLs comes first and is excluded; then the measured run over the
 * whole URL list. Seconds = first request start .. last request done (browser
 * launch and crawler set-up/tear-down are excluded for both). Memory:
 * process.memoryUsage() sampled every 100 ms in the child during the measured
 * run; in browser mode also the Chromium process tree (sum of PSS from
 * /proc/<pid>/smaps_rollup) sampled every 100 ms from the parent.
 * Crawlee is a devDependency used only here.
 */
import { runSteps } from '../crawler/platform.crawler.js';
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheerioAPI } from 'cheerio';
import type { Page } from 'playwright-core';
import type { FieldSources, PlatformConfig } from '../config/platform.schema.js';

const SELF = fileURLToPath(import.meta.url);
const CHROMIUM = '/usr/bin/chromium';

type Mode = 'http' | 'browser';
type Who = 'ours' | 'crawlee';

interface ChildJob {
  mode: Mode;
  who: Who;
  baseUrl: string;
  urls: string[];
  warmup: number;
  concurrency: number;
  /** BrowserPool maxPageUses for ours (undefined = the pool's default). */
  pageUses?: number;
}

/** The fields compared between the two crawlers (and with the catalog). */
interface Fields { title: string; price: number | null; shopId: string; shopName: string; shopLocation: string; attributes: number; images: string[] }

interface ChildResult {
  mode: Mode;
  who: Who;
  pages: number;
  failed: number;
  seconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  baseRssMb: number;
  /** url#n → fields read (n = repeat index). */
  fields: Record<string, Fields>;
  errors: string[];
}

const arg = (name: string, dflt: string): string => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const MB = (b: number) => b / 1024 / 1024;

// ─────────────────────────────────────────────────────────────── platform configs

async function benchPlatform(id: 'demo-mall' | 'demo-shop', baseUrl: string, concurrency: number): Promise<PlatformConfig> {
  const { loadConfig } = await import('../config/config.loader.js');
  const config = loadConfig({ env: {}, overrides: { platformBaseUrls: { [id]: baseUrl }, browser: { offlineHostRules: true } } });
  const p = config.platforms.find((x) => x.id === id);
  if (!p) throw new Error(`platform ${id} not configured`);
  const copy = structuredClone(p) as PlatformConfig;
  copy.evidence.screenshot = 'never';
  // Politeness limits high enough not to cap the benchmark (the limiter still runs).
  copy.limits.requestsPerSecond = 1000;
  copy.limits.concurrency = Math.max(concurrency, 1);
  return copy;
}

async function appUserAgent(): Promise<{ userAgent: string; viewport: { width: number; height: number }; attempts: number }> {
  const { loadConfig } = await import('../config/config.loader.js');
  const c = loadConfig({ env: {}, overrides: { browser: { offlineHostRules: true } } });
  return { userAgent: c.browser.userAgent, viewport: { ...c.browser.viewport }, attempts: c.workers.attempts };
}

// ─────────────────────────────────────────────────────────────── field reading for Crawlee

/** Reads the item fields from a loaded document with the platform config's selectors (HTML platforms). */
function fieldsFrom$($: CheerioAPI, platform: PlatformConfig, pageUrl: string): Fields | 'gone' {
  const f = platform.item.fields;
  if (platform.item.goneMarker && $(platform.item.goneMarker).length > 0) return 'gone';
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  const read = (srcs?: FieldSources, all = false): string[] => {
    const src = Array.isArray(srcs) ? srcs[0] : srcs;
    if (!src?.selector) return [];
    const nodes = $(src.selector).toArray();
    const attrs = src.attrs ?? (src.attr ? [src.attr] : []);
    return (all ? nodes : nodes.slice(0, 1)).map((n) => {
      const el = $(n);
      let v = '';
      for (const a of attrs) { v = el.attr(a) ?? ''; if (v) break; }
      if (!attrs.length) v = el.text();
      v = clean(v);
      if (src.pattern) { const m = v.match(new RegExp(src.pattern)); v = m ? (m[1] ?? m[0]) : ''; }
      return v;
    }).filter((x) => x !== '');
  };
  const one = (src?: Parameters<typeof read>[0]) => read(src)[0] ?? '';
  const title = one(f.title);
  if (!title) throw new Error('no title found on the item page');
  const names = new Set<string>();
  const attrs = Array.isArray(f.attributes) ? f.attributes[0] : f.attributes;
  if (attrs && 'rows' in attrs) {
    $(attrs.rows).each((_, n) => {
      const k = clean($(n).find(attrs.name).first().text()).replace(/[:：]$/, '');
      if (k) names.add(k);
    });
  }
  const priceText = one(f.price).replace(/,/g, '').match(/\d+(?:\.\d+)?/);
  return {
    title,
    price: priceText ? Number(priceText[0]) : null,
    shopId: one(f.shopId), shopName: one(f.shopName), shopLocation: one(f.shopLocation),
    attributes: names.size,
    images: [...new Set(read(f.images, true).map((s) => new URL(s, pageUrl).toString()))],
  };
}

/** The same steps as the platform config, run by our own helper so both crawlers wait alike. */
async function crawleeSteps(page: Page, platform: PlatformConfig): Promise<void> {
  await runSteps(page as unknown as Parameters<typeof runSteps>[0], platform.item.steps);
}

// ─────────────────────────────────────────────────────────────── child: one crawler, one mode

class MemSampler {
  peakRss = 0;
  peakHeap = 0;
  private timer?: NodeJS.Timeout;
  start(): void {
    this.peakRss = 0; this.peakHeap = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
  }
  stop(): void { if (this.timer) clearInterval(this.timer); this.sample(); }
  private sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.peakRss) this.peakRss = m.rss;
    if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
  }
}

/** A span tracker: first start .. last end over the measured requests. */
class Span {
  first = Infinity;
  last = 0;
  begin(): void { const t = performance.now(); if (t < this.first) this.first = t; }
  end(): void { const t = performance.now(); if (t > this.last) this.last = t; }
  get seconds(): number { return (this.last - this.first) / 1000; }
}

async function runOurs(job: ChildJob, mem: MemSampler): Promise<Omit<ChildResult, 'mode' | 'who' | 'baseRssMb'>> {
  const { HostLimiter } = await import('../crawler/host.limiter.js');
  const { HttpFetcher } = await import('../crawler/http.fetcher.js');
  const { BrowserPool } = await import('../crawler/browser.pool.js');
  const { PlatformCrawler } = await import('../crawler/platform.crawler.js');
  const { listingIdFromUrl } = await import('../crawler/page.extractor.js');
  const platform = await benchPlatform(job.mode === 'http' ? 'demo-mall' : 'demo-shop', job.baseUrl, job.concurrency);
  const { userAgent, viewport } = await appUserAgent();
  const http = new HttpFetcher({ limiter: new HostLimiter(), userAgent });
  const browser = new BrowserPool({ executablePath: CHROMIUM, pages: job.concurrency, offlineHostRules: true, userAgent, viewport, maxPageUses: job.pageUses });
  const crawler = new PlatformCrawler({ http, browser, downloadImages: false });

  const crawl = async (urls: string[], span?: Span) => {
    const fields: Record<string, Fields> = {};
    const errors: string[] = [];
    let next = 0;
    let failed = 0;
    const worker = async () => {
      while (next < urls.length) {
        const i = next++;
        const url = urls[i];
        const id = listingIdFromUrl(platform, url)!;
        span?.begin();
        try {
          const r = await crawler.capture(platform, id);
          const l = r.listing;
          fields[`${url}#${i}`] = { title: l.title, price: l.price, shopId: l.shop.id, shopName: l.shop.name, shopLocation: l.shop.location, attributes: Object.keys(l.attributes).length, images: l.images };
        } catch (err) {
          failed++;
          if (errors.length < 5) errors.push(`${url}: ${(err as Error).message}`);
        }
        span?.end();
      }
    };
    await Promise.all(Array.from({ length: job.concurrency }, worker));
    return { fields, errors, failed };
  };

  try {
    await crawl(job.urls.slice(0, job.warmup));
    const span = new Span();
    mem.start();
    const r = await crawl(job.urls, span);
    mem.stop();
    return { pages: Object.keys(r.fields).length, failed: r.failed, seconds: span.seconds, peakRssMb: MB(mem.peakRss), peakHeapMb: MB(mem.peakHeap), fields: r.fields, errors: r.errors };
  } finally {
    await browser.close();
  }
}

async function runCrawlee(job: ChildJob, mem: MemSampler): Promise<Omit<ChildResult, 'mode' | 'who' | 'baseRssMb'>> {
  const storageDir = mkdtempSync(path.join(os.tmpdir(), 'crawlee-bench-'));
  process.env.CRAWLEE_STORAGE_DIR = storageDir;
  const { CheerioCrawler, PlaywrightCrawler, Configuration, log } = await import('crawlee');
  const { chromium } = await import('playwright-core');
  const { chromiumArgs } = await import('../crawler/browser.pool.js');
  log.setLevel(log.LEVELS.WARNING);
  const platform = await benchPlatform(job.mode === 'http' ? 'demo-mall' : 'demo-shop', job.baseUrl, job.concurrency);
  const { userAgent, viewport, attempts } = await appUserAgent();
  const timeoutSecs = Math.ceil(platform.limits.timeoutMs / 1000);

  const crawl = async (urls: string[], tag: string, span?: Span) => {
    const fields: Record<string, Fields> = {};
    const errors: string[] = [];
    let failed = 0;
    const config = new Configuration({ persistStorage: false, purgeOnStart: true, storageClientOptions: { persistStorage: false } });
    const requests = urls.map((url, i) => ({ url, uniqueKey: `${tag}:${i}`, userData: { i } }));
    const onFail = ({ request }: { request: { url: string; errorMessages: string[] } }) => {
      failed++;
      if (errors.length < 5) errors.push(`${request.url}: ${request.errorMessages.at(-1) ?? 'failed'}`);
    };
    const common = {
      minConcurrency: job.concurrency,
      maxConcurrency: job.concurrency,
      maxRequestRetries: attempts - 1, // as many tries as the app's queue makes (workers.attempts)
      requestHandlerTimeoutSecs: timeoutSecs * 2,
      navigationTimeoutSecs: timeoutSecs,
      statusMessageLoggingInterval: 3600,
      failedRequestHandler: onFail,
    };
    if (job.mode === 'http') {
      const crawler = new CheerioCrawler({
        ...common,
        preNavigationHooks: [() => { span?.begin(); }],
        requestHandler: async ({ request, $ }) => {
          const f = fieldsFrom$($ as unknown as CheerioAPI, platform, request.loadedUrl ?? request.url);
          if (f !== 'gone') fields[`${request.url}#${request.userData.i}`] = f;
          span?.end();
        },
      }, config);
      await crawler.run(requests);
    } else {
      const crawler = new PlaywrightCrawler({
        ...common,
        headless: true,
        launchContext: {
          launcher: chromium,
          useChrome: false,
          userAgent,
          launchOptions: { executablePath: CHROMIUM, args: chromiumArgs(true, 'open'), headless: true, viewport },
        },
        browserPoolOptions: {
          useFingerprints: false,
          // One browser for the whole run, like ours (default retires it after 100 pages).
          retireBrowserAfterPageCount: 1_000_000,
          maxOpenPagesPerBrowser: Math.max(job.concurrency, 20),
        },
        preNavigationHooks: [(_ctx, gotoOptions) => {
          span?.begin();
          if (gotoOptions) { gotoOptions.waitUntil = 'domcontentloaded'; gotoOptions.timeout = platform.limits.timeoutMs; }
        }],
        requestHandler: async ({ request, page, response }) => {
          const status = response?.status() ?? 0;
          if (status === 404 || status === 410) { span?.end(); return; }
          if (status >= 400) throw new Error(`HTTP ${status}`);
          page.setDefaultTimeout(platform.limits.timeoutMs);
          await crawleeSteps(page as unknown as Page, platform);
          const { load } = await import('cheerio');
          const html = await page.content();
          const f = fieldsFrom$(load(html), platform, page.url());
          if (f !== 'gone') fields[`${request.url}#${request.userData.i}`] = f;
          span?.end();
        },
      }, config);
      await crawler.run(requests);
    }
    return { fields, errors, failed };
  };

  try {
    await crawl(job.urls.slice(0, job.warmup), 'warm');
    const span = new Span();
    mem.start();
    const r = await crawl(job.urls, 'run', span);
    mem.stop();
    return { pages: Object.keys(r.fields).length, failed: r.failed, seconds: span.seconds, peakRssMb: MB(mem.peakRss), peakHeapMb: MB(mem.peakHeap), fields: r.fields, errors: r.errors };
  } finally {
    rmSync(storageDir, { recursive: true, force: true });
  }
}

async function childMain(job: ChildJob): Promise<void> {
  const mem = new MemSampler();
  const baseRssMb = MB(process.memoryUsage().rss);
  const r = job.who === 'ours' ? await runOurs(job, mem) : await runCrawlee(job, mem);
  const result: ChildResult = { mode: job.mode, who: job.who, baseRssMb, ...r };
  await new Promise<void>((resolve) => process.send!(result, () => resolve()));
  process.exit(0);
}

// ─────────────────────────────────────────────────────────────── parent

/** Sum of PSS (MB) of every descendant of `pid` (not `pid` itself): the Chromium tree. */
function descendantsPssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(d));
      children.set(ppid, list);
    } catch { /* gone */ }
  }
  let kb = 0;
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    stack.push(...(children.get(p) ?? []));
    try {
      const m = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      if (m) kb += Number(m[1]);
    } catch { /* gone */ }
  }
  return kb / 1024;
}

interface Row extends ChildResult { browserPssMb?: number }

async function runChild(job: ChildJob): Promise<Row> {
  const child: ChildProcess = fork(SELF, ['--child', JSON.stringify(job)], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let peakTree = 0;
  const timer = job.mode === 'browser' ? setInterval(() => { peakTree = Math.max(peakTree, descendantsPssMb(child.pid!)); }, 100) : undefined;
  try {
    const result = await new Promise<ChildResult>((resolve, reject) => {
      child.once('message', (m) => resolve(m as ChildResult));
      child.once('exit', (code) => reject(new Error(`${job.mode}/${job.who} child exited with ${code} before reporting`)));
    });
    return { ...result, browserPssMb: timer ? peakTree : undefined };
  } finally {
    if (timer) clearInterval(timer);
    await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
  }
}

function compare(a: Record<string, Fields>, b: Record<string, Fields>): { compared: number; titleMismatch: number; fieldMismatch: number; missing: number; example?: string } {
  let compared = 0; let titleMismatch = 0; let fieldMismatch = 0; let missing = 0; let example: string | undefined;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k]; const y = b[k];
    if (!x || !y) { missing++; continue; }
    compared++;
    if (x.title !== y.title) { titleMismatch++; example ??= `${k}: ${JSON.stringify(x.title)} vs ${JSON.stringify(y.title)}`; }
    if (JSON.stringify(x) !== JSON.stringify(y)) { fieldMismatch++; example ??= `${k}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`; }
  }
  return { compared, titleMismatch, fieldMismatch, missing, example };
}

const median = (xs: number[]) => { const s = [...xs].sort((p, q) => p - q); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

async function parentMain(): Promise<void> {
  const size = Number(arg('size', '300'));
  const concurrency = Number(arg('concurrency', '4'));
  const httpRepeat = Number(arg('http-repeat', '10'));
  const browserRepeat = Number(arg('browser-repeat', '2'));
  const warmup = Number(arg('warmup', String(Math.max(12, concurrency * 3))));
  const rounds = Number(arg('rounds', '1'));
  const modes = arg('modes', 'http,browser').split(',') as Mode[];
  const crawlers = arg('crawlers', 'ours,crawlee').split(',') as Who[];
  const pageUses = process.argv.includes('--page-uses') ? Number(arg('page-uses', '0')) : undefined;

  const { startMarketplace } = await import('../demo/marketplace/marketplace.server.js');
  const { listingPath } = await import('../demo/marketplace/catalog.types.js');
  const server = await startMarketplace({ seed: 42, size, host: '127.0.0.1', port: 0 });
  const byPlatform = (p: 'demo-mall' | 'demo-shop') => server.catalog.listings.filter((l) => l.platform === p);
  const truth = new Map(server.catalog.listings.map((l) => [`${server.url}${listingPath(l.platform, l.listingId)}`, l.title]));

  // Render every demo-shop image once so neither crawler pays for (or profits from) the server's image cache.
  await Promise.all(byPlatform('demo-shop').flatMap((l) => l.imageSpecs.map((_, n) => fetch(`${server.url}/img/demo-shop/${encodeURIComponent(l.listingId)}-${n + 1}.jpg`).then((r) => r.arrayBuffer()))));

  const cpus = os.cpus();
  console.log(`crawl bench: demo marketplace seed 42 size ${size} at ${server.url}; concurrency ${concurrency}; ${cpus.length} × ${cpus[0]?.model.trim()}; node ${process.version}`);
  console.log(`politeness limits for the bench: demo-mall/demo-shop limits.requestsPerSecond = 1000, limits.concurrency = ${concurrency} (so the host limiter does not cap throughput)`);
  console.log('screenshots OFF and image downloads OFF for ours; Crawlee fetches the same URLs and reads the same fields with the same selectors');
  console.log(`warm-up: first ${warmup} URLs in the same process, excluded; each run in its own child process; rounds ${rounds}\n`);

  const rows: Row[] = [];
  for (const mode of modes) {
    const items = byPlatform(mode === 'http' ? 'demo-mall' : 'demo-shop').map((l) => `${server.url}${listingPath(l.platform, l.listingId)}`);
    const repeat = mode === 'http' ? httpRepeat : browserRepeat;
    const urls = Array.from({ length: repeat }, () => items).flat();
    console.log(`${mode}: ${items.length} ${mode === 'http' ? 'demo-mall' : 'demo-shop'} item pages × ${repeat} = ${urls.length} requests per run`);
    for (let r = 0; r < rounds; r++) {
      // Alternate the order per round so neither crawler always runs first.
      const order = (r % 2 === 0 ? ['ours', 'crawlee'] : ['crawlee', 'ours']).filter((w) => crawlers.includes(w as Who)) as Who[];
      for (const who of order) {
        const row = await runChild({ mode, who, baseUrl: server.url, urls, warmup: Math.min(warmup, urls.length), concurrency, pageUses });
        rows.push(row);
        console.log(`  round ${r + 1} ${who.padEnd(7)} ${row.pages} pages in ${row.seconds.toFixed(2)} s = ${(row.pages / row.seconds).toFixed(1)} pages/s, peak RSS ${row.peakRssMb.toFixed(0)} MB, heap ${row.peakHeapMb.toFixed(0)} MB${row.browserPssMb !== undefined ? `, Chromium PSS ${row.browserPssMb.toFixed(0)} MB` : ''}${row.failed ? `, ${row.failed} FAILED` : ''}`);
        for (const e of row.errors) console.log(`    error: ${e}`);
      }
    }
  }
  await server.close();

  // Table: medians over rounds.
  const head = ['mode', 'crawler', 'pages', 'seconds', 'pages/s', 'peak RSS MB', 'peak heap MB', 'Chromium PSS MB', 'ours/crawlee pages/s', 'ours/crawlee RSS'];
  const table: string[][] = [];
  for (const mode of modes) {
    const stat = (who: Who) => {
      const rs = rows.filter((x) => x.mode === mode && x.who === who);
      if (!rs.length) return undefined;
      return {
        pages: median(rs.map((x) => x.pages)), seconds: median(rs.map((x) => x.seconds)), pps: median(rs.map((x) => x.pages / x.seconds)),
        rss: median(rs.map((x) => x.peakRssMb)), heap: median(rs.map((x) => x.peakHeapMb)),
        pss: rs[0].browserPssMb === undefined ? undefined : median(rs.map((x) => x.browserPssMb!)),
      };
    };
    const o = stat('ours'); const c = stat('crawlee');
    for (const [who, s] of [['ours', o], ['crawlee', c]] as const) {
      if (!s) continue;
      table.push([mode, who === 'ours' ? 'ipwatch' : 'Crawlee', String(s.pages), s.seconds.toFixed(2), s.pps.toFixed(1), s.rss.toFixed(0), s.heap.toFixed(0), s.pss === undefined ? '-' : s.pss.toFixed(0),
        who === 'ours' && o && c ? (o.pps / c.pps).toFixed(2) : '', who === 'ours' && o && c ? (o.rss / c.rss).toFixed(2) : '']);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${rounds > 1 ? `medians over ${rounds} rounds` : 'results'} (seconds = first request start .. last page done; RSS/heap = crawler's Node process; Chromium PSS = browser process tree)`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table) console.log(line(r));

  // Honesty check: the same fields from both crawlers, and titles equal to the catalog's.
  console.log('\nextraction check (every measured page, last round):');
  for (const mode of modes) {
    const o = rows.filter((x) => x.mode === mode && x.who === 'ours').at(-1);
    const c = rows.filter((x) => x.mode === mode && x.who === 'crawlee').at(-1);
    if (!o || !c) continue;
    const cmp = compare(o.fields, c.fields);
    const vsTruth = Object.entries(o.fields).filter(([k, f]) => truth.get(k.replace(/#\d+$/, '')) !== f.title).length;
    const withImages = Object.values(o.fields).filter((f) => f.images.length > 0).length;
    console.log(`  ${mode}: ${cmp.compared} pages compared, title mismatches ours vs Crawlee: ${cmp.titleMismatch}, any-field mismatches: ${cmp.fieldMismatch}, missing on one side: ${cmp.missing}; ours vs catalog titles: ${vsTruth} mismatches; pages with image URLs: ${withImages}`);
    if (cmp.example) console.log(`    e.g. ${cmp.example}`);
  }
}

const childIdx = process.argv.indexOf('--child');
if (childIdx > 0) {
  childMain(JSON.parse(process.argv[childIdx + 1]) as ChildJob).catch((err) => { console.error(err); process.exit(1); });
} else {
  parentMain().catch((err) => { console.error(err); process.exit(1); });
}
