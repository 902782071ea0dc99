/**
 * Searches a platform and captures listings, driven only by the platform's
 * config: `http` mode fetches and parses, `browser` mode renders with
 * Chromium first. Both produce the same FORMATS §2 listing plus its evidence.
 */
import type { Page } from 'playwright-core';
import type { BrowserSteps, PlatformConfig } from '../config/platform.schema.js';
import type { Listing } from '../domain/listing.schema.js';
import { assertAllowedUrl, type Resolver } from './address.guard.js';
import type { BrowserPool } from './browser.pool.js';
import { BlockedError, CrawlError, LimitExceededError, ListingGoneError, TransientError } from './errors.js';
import type { HttpFetcher } from './http.fetcher.js';
import { canonicalItemUrl, extractItem, extractSearch, fillTemplate, hasGoneMarker, type SearchResults } from './page.extractor.js';

/** What one capture brings back: the listing and the evidence bytes. */
export interface CaptureResult {
  listing: Listing;
  /** The document the fields were read from, as served (rendered DOM in browser mode). */
  document: { url: string; contentType: string; body: Buffer };
  /** Full-page screenshot of the item page (PNG), when the platform asks for one. */
  screenshot?: { url: string; body: Buffer };
  images: Array<{ url: string; body?: Buffer; error?: string }>;
  fetchedAt: Date;
}

export interface PlatformCrawlerDeps {
  http: HttpFetcher;
  browser: BrowserPool;
  downloadImages: boolean;
  resolver?: Resolver;
  /** At most this many images are downloaded per listing. */
  maxImages?: number;
}

export class PlatformCrawler {
  constructor(private readonly deps: PlatformCrawlerDeps) {}

  searchUrl(platform: PlatformConfig, keyword: string, page: number): string {
    const offset = (page - platform.search.firstPage) * platform.search.pageSize;
    return new URL(fillTemplate(platform.search.url, { keyword, page, offset }), platform.baseUrl).toString();
  }

  /** One page of results (in scroll mode: everything the infinite scroll yields). */
  async search(platform: PlatformConfig, keyword: string, page: number): Promise<SearchResults & { url: string }> {
    const url = this.searchUrl(platform, keyword, page);
    if (platform.fetchMode === 'http') {
      const res = await this.deps.http.get(platform, url, 'page');
      return { url, ...extractSearch(platform, res.body.toString('utf8'), res.url) };
    }
    const rendered = await this.render(platform, url, platform.search.steps, false, []);
    return { url, ...extractSearch(platform, rendered.html, rendered.url) };
  }

  /** Captures one listing; throws ListingGoneError when the platform says it is gone. */
  async capture(platform: PlatformConfig, listingId: string): Promise<CaptureResult> {
    const itemUrl = canonicalItemUrl(platform, listingId);
    const gone = platform.item.goneStatus;
    let document: CaptureResult['document'];
    let screenshot: CaptureResult['screenshot'];
    let fetchedAt: Date;

    if (platform.fetchMode === 'browser' && platform.item.format === 'html') {
      const r = await this.render(platform, itemUrl, platform.item.steps, platform.item.screenshot, gone);
      document = { url: r.url, contentType: 'text/html; charset=utf-8', body: Buffer.from(r.html, 'utf8') };
      if (r.screenshot) screenshot = { url: r.url, body: r.screenshot };
      fetchedAt = r.fetchedAt;
    } else {
      const sourceUrl = platform.item.apiUrl ? new URL(fillTemplate(platform.item.apiUrl, { id: listingId }), platform.baseUrl).toString() : itemUrl;
      const res = await this.deps.http.get(platform, sourceUrl, 'page', gone);
      document = { url: res.url, contentType: res.contentType, body: res.body };
      fetchedAt = res.fetchedAt;
      if (platform.item.screenshot) {
        const r = await this.render(platform, itemUrl, platform.item.steps, true, gone);
        if (r.screenshot) screenshot = { url: r.url, body: r.screenshot };
      }
    }
    const text = document.body.toString('utf8');
    if (hasGoneMarker(platform, text, document.url)) throw new ListingGoneError(platform.id, itemUrl);
    const fields = extractItem(platform, text, document.url);
    const images = await this.downloadImages(platform, fields.images);
    const listing: Listing = {
      platform: platform.id, listingId, url: itemUrl,
      title: fields.title, description: fields.description, price: fields.price, currency: platform.currency,
      shop: fields.shop, attributes: fields.attributes, images: fields.images,
      capturedAt: fetchedAt.toISOString(),
    };
    return { listing, document, screenshot, images, fetchedAt };
  }

  private async downloadImages(platform: PlatformConfig, urls: string[]): Promise<CaptureResult['images']> {
    if (!this.deps.downloadImages) return urls.map((url) => ({ url }));
    const max = this.deps.maxImages ?? 5;
    return Promise.all(urls.slice(0, max).map(async (url) => {
      try {
        const res = await this.deps.http.get(platform, url, 'image');
        return { url, body: res.body };
      } catch (err) {
        // A broken image is recorded against the capture; it does not lose the listing.
        return { url, error: (err as Error).message };
      }
    }));
  }

  /** Loads a page in Chromium, runs the config's steps, returns the rendered DOM (and a screenshot). */
  private async render(platform: PlatformConfig, url: string, steps: BrowserSteps | undefined, shot: boolean, goneStatus: number[]) {
    await assertAllowedUrl(url, platform.id, platform.allowPrivateNetwork, this.deps.resolver);
    const limits = platform.limits;
    return this.deps.browser.withPage(async (page) => {
      page.setDefaultTimeout(limits.timeoutMs);
      let response;
      try {
        response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: limits.timeoutMs });
      } catch (err) {
        throw new TransientError(`navigation failed: ${(err as Error).message.split('\n')[0]}`, platform.id, url, undefined, { cause: err });
      }
      const status = response?.status() ?? 0;
      if (goneStatus.includes(status)) throw new ListingGoneError(platform.id, url, status);
      if (status === 403 || status === 429) throw new BlockedError(platform.id, url, status);
      if (status >= 500) throw new TransientError(`HTTP ${status}`, platform.id, url, status);
      try {
        await runSteps(page, steps);
      } catch (err) {
        if (err instanceof CrawlError) throw err;
        throw new TransientError(`page steps failed: ${(err as Error).message.split('\n')[0]}`, platform.id, url, status, { cause: err });
      }
      const html = await page.content();
      if (Buffer.byteLength(html) > limits.maxPageBytes) throw new LimitExceededError(`rendered page exceeds ${limits.maxPageBytes} bytes`, platform.id, url);
      const screenshot = shot ? await page.screenshot({ fullPage: true, type: 'png', timeout: limits.timeoutMs }) : undefined;
      return { url: page.url(), html, screenshot, fetchedAt: new Date() };
    });
  }
}

/** Runs a platform's browser steps (wait, scroll loop, short network-idle wait) on a loaded page. */
export async function runSteps(page: Page, steps?: BrowserSteps): Promise<void> {
  if (!steps) return;
  if (steps.waitFor) await page.waitForSelector(steps.waitFor, { state: 'attached' });
  if (!steps.scroll) return;
  let lastHeight = -1;
  let still = 0;
  for (let i = 0; i < steps.maxScrolls; i++) {
    if (steps.scrollUntil && (await page.$(steps.scrollUntil))) break;
    const height = await page.evaluate(() => { window.scrollTo(0, document.body.scrollHeight); return document.body.scrollHeight; });
    await page.waitForTimeout(steps.scrollPauseMs);
    if (height === lastHeight && ++still >= 3) break;
    if (height !== lastHeight) still = 0;
    lastHeight = height;
  }
  // Lazy images load when scrolled into view; give in-flight requests a moment.
  await page.waitForLoadState('networkidle', { timeout: 2000 }).catch(() => {});
}
