/**
 * Searches a platform and captures listings, driven only by the platform's
 * config: `http` mode fetches and parses, `browser` mode renders with
 * Chromium first. Both produce the same FORMATS §2 listing plus its evidence,
 * tell blocks, empty results and broken selectors apart, and never retry:
 * the error's class tells the queue what to do.
 */
import type { PlatformConfig } from '../config/platform.schema.js';
import type { ScreenshotProvenance } from '../domain/evidence.provenance.js';
import type { Listing } from '../domain/listing.schema.js';
import type { Resolver } from './address.guard.js';
import { BlockBreaker, blockedByContent, blockedByUrl } from './block.detector.js';
import type { BrowserPool } from './browser.pool.js';
import { CaptureBudget } from './capture.budget.js';
import { decodeBody } from './charset.decoder.js';
import { BlockedError, InterstitialError, ListingGoneError, RateLimitedError, SelectorBrokenError, retryPolicyOf } from './errors.js';
import type { HttpFetcher } from './http.fetcher.js';
import { platformKey } from './http.fetcher.js';
import type { HostLimiter } from './host.limiter.js';
import { canonicalItemUrl, extractItem, extractSearch, hasGoneMarker, pageDocs, parseDoc, type CardFields, type Docs, type SearchResults } from './page.extractor.js';
import { renderPage, runSteps } from './page.renderer.js';
import { RobotsPolicy } from './robots.policy.js';
import { SessionPool, type Session } from './session.pool.js';
import { cleanListing } from './text.cleaner.js';
import { fillTemplate, templateUrl } from './url.template.js';
import { evalExpression } from './value.transform.js';

export { runSteps };

/** What one capture brings back: the listing and the evidence bytes. */
export interface CaptureResult {
  /** The listing, text cleaned of control characters (safe for Postgres). */
  listing: Listing;
  /** The document the fields were read from: raw bytes as served (HTTP), or the rendered DOM (browser). */
  document: { url: string; contentType: string; body: Buffer; charset?: string };
  /** Extra documents merged into the listing (price/location APIs), raw bytes as served. */
  sources: Array<{ name: string; url: string; contentType: string; body: Buffer }>;
  /**
   * Full-page screenshot of the item page (PNG), taken in the capture when the
   * platform's `evidence.screenshot` is `always`; `provenance` says how it was
   * drawn (domain/evidence.provenance.ts), `note` adds what the code cannot.
   */
  screenshot?: { url: string; body: Buffer; provenance: ScreenshotProvenance; note: string };
  /** The high end of a price range (the listing's `price` is the low end). */
  priceMax: number | null;
  /** The session (account name, not secret) the capture used. */
  session: string;
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
  /** Sessions per platform; default one pool for this crawler. */
  sessions?: SessionPool;
  /** The limiter the fetcher uses: the circuit breaker pauses platforms in it. */
  limiter?: HostLimiter;
  /** Told when a platform is paused by its circuit breaker (to tell the officer). */
  onPlatformPaused?: (platform: string, ms: number, reason: string) => void;
}

export interface CaptureOptions {
  /** Fields the search card showed; they fill what the item page lacks. */
  card?: CardFields;
}

export class PlatformCrawler {
  readonly sessions: SessionPool;
  private readonly robots: RobotsPolicy;
  private readonly breaker = new BlockBreaker();
  /** `<session> <url>` of interstitials already answered once: a second one in a row is the broken selector it looks like. */
  private readonly interstitials = new Set<string>();

  constructor(private readonly deps: PlatformCrawlerDeps) {
    this.sessions = deps.sessions ?? new SessionPool();
    this.robots = new RobotsPolicy(deps.http);
  }

  searchUrl(platform: PlatformConfig, keyword: string, page: number): string {
    const s = platform.search;
    const offset = (page - s.firstPage) * s.pageSize;
    const vars: Record<string, number> = { page, offset, pageSize: s.pageSize };
    for (const [name, expr] of Object.entries(s.vars)) vars[name] = evalExpression(expr, vars);
    return new URL(fillTemplate(s.url, { keyword, ...vars }), platform.baseUrl).toString();
  }

  /** One page of results (in scroll mode: everything the infinite scroll yields). */
  async search(platform: PlatformConfig, keyword: string, page: number): Promise<SearchResults & { url: string }> {
    const url = this.searchUrl(platform, keyword, page);
    return this.guarded(platform, url, async (session, budget) => {
      if (platform.fetchMode === 'http') {
        const res = await budget.step('search request', this.deps.http.get(platform, url, { session, signal: budget.signal }));
        const text = decodeBody(res.body, res.contentType, platform.charset).text;
        const docs = this.parse(platform, text, platform.search.format, platform.search.scripts, res.url);
        this.assertNotBlocked(platform, res.url, docs, platform.search.format);
        return { url, ...extractSearch(platform, docs, res.url, page) };
      }
      const r = await renderPage(this.deps.browser, platform, url, { steps: platform.search.steps, shot: false, goneStatus: [], session, budget, limiter: this.deps.limiter });
      const docs = pageDocs(r.html, 'html', platform.search.scripts, platform.id, r.url);
      this.assertNotBlocked(platform, r.url, docs, 'html');
      return { url, ...extractSearch(platform, docs, r.url, page) };
    });
  }

  /** Captures one listing; throws ListingGoneError when the platform says it is gone. */
  async capture(platform: PlatformConfig, listingId: string, opts: CaptureOptions = {}): Promise<CaptureResult> {
    const itemUrl = canonicalItemUrl(platform, listingId);
    const item = platform.item;
    return this.guarded(platform, itemUrl, async (session, budget) => {
      let document: CaptureResult['document'];
      let screenshot: CaptureResult['screenshot'];
      // A `suspect` screenshot is drawn later, from the stored bytes, by the evidence worker (app/evidence.service.ts).
      const shot = platform.evidence.screenshot === 'always';
      let docs: Docs;
      let fetchedAt: Date;
      if (platform.fetchMode === 'browser' && item.format === 'html') {
        const r = await renderPage(this.deps.browser, platform, itemUrl, { steps: item.steps, shot, goneStatus: item.goneStatus, session, budget, limiter: this.deps.limiter });
        document = { url: r.url, contentType: 'text/html; charset=utf-8', body: Buffer.from(r.html, 'utf8'), charset: 'utf-8' };
        docs = pageDocs(r.html, 'html', item.scripts, platform.id, r.url);
        this.assertNotBlocked(platform, r.url, docs, 'html');
        if (r.screenshot) screenshot = { url: r.url, body: r.screenshot, provenance: 'live-page', note: 'HTML (rendered DOM) and screenshot from one browser navigation' };
        fetchedAt = r.fetchedAt;
      } else {
        const sourceUrl = item.apiUrl ? templateUrl(platform, item.apiUrl, { id: listingId }) : itemUrl;
        const res = await budget.step('item request', this.deps.http.get(platform, sourceUrl, { goneStatus: item.goneStatus, session, signal: budget.signal }));
        const decoded = decodeBody(res.body, res.contentType, platform.charset);
        document = { url: res.url, contentType: res.contentType, body: res.body, charset: decoded.charset };
        docs = this.parse(platform, decoded.text, item.format, item.scripts, res.url);
        this.assertNotBlocked(platform, res.url, docs, item.format);
        fetchedAt = res.fetchedAt;
        if (shot && item.format === 'html') {
          const r = await renderPage(this.deps.browser, platform, res.url, { shot: true, goneStatus: [], session, budget, stored: { body: res.body, contentType: res.contentType || 'text/html' }, limiter: this.deps.limiter });
          if (r.screenshot) {
            screenshot = { url: res.url, body: r.screenshot, provenance: 'stored-html-live-assets',
              note: 'Chromium given exactly the stored HTML bytes (page fetched once); its images and styles loaded live' };
          }
        } else if (shot) {
          const r = await renderPage(this.deps.browser, platform, itemUrl, { steps: item.steps, shot: true, goneStatus: item.goneStatus, session, budget, limiter: this.deps.limiter });
          if (r.screenshot) screenshot = { url: r.url, body: r.screenshot, provenance: 'live-page', note: 'fields from the JSON API; screenshot from a separate load of the item page' };
        }
      }
      if (hasGoneMarker(platform, docs)) throw new ListingGoneError(platform.id, itemUrl);
      const sources = await this.fetchSources(platform, listingId, document.url, docs, session, budget);
      const fields = extractItem(platform, docs, document.url);
      const card = opts.card ?? {};
      const listing = cleanListing({
        platform: platform.id, listingId, url: itemUrl,
        title: fields.title, description: fields.description,
        price: fields.price ?? card.price ?? null,
        currency: fields.currency ?? card.currency ?? platform.currency,
        shop: {
          id: fields.shop.id || card.shop?.id || '', name: fields.shop.name || card.shop?.name || '',
          location: fields.shop.location || card.shop?.location || '',
        },
        attributes: fields.attributes,
        images: fields.images.length ? fields.images : card.images ?? [],
        capturedAt: fetchedAt.toISOString(),
      });
      const images = await this.downloadImages(platform, listing.images, session, budget);
      const priceMax = fields.price !== null ? fields.priceMax : card.priceMax ?? null;
      return { listing, document, sources, screenshot, priceMax, session: session.name, images, fetchedAt };
    });
  }

  /**
   * Runs one search or capture with the platform's current session and a
   * total time budget. A block retires that session (only that one) and
   * feeds the circuit breaker; a throttle does neither (the platform waits);
   * robots.txt is consulted first.
   */
  private async guarded<T>(platform: PlatformConfig, url: string, work: (session: Session, budget: CaptureBudget) => Promise<T>): Promise<T> {
    const paused = this.deps.limiter?.pausedFor(platformKey(platform));
    if (paused && paused.ms > 0) throw new RateLimitedError(platform.id, url, paused.ms, undefined, `platform paused: ${paused.reason}`);
    const session = this.sessions.current(platform);
    if (!session) throw new BlockedError(platform.id, url, 'login', undefined, '(every configured account was retired)');
    const budget = new CaptureBudget(platform.limits.captureBudgetMs, platform.id, url);
    const cookiesBefore = cookieValues(session);
    const seen = `${session.id} ${url}`;
    try {
      await budget.step('robots.txt', this.robots.check(platform, url, session));
      const out = await work(session, budget);
      this.interstitials.delete(seen);
      this.breaker.record(platform, false);
      return out;
    } catch (caught) {
      const err = this.interstitial(caught, platform, url, session, cookiesBefore, seen);
      const decision = retryPolicyOf(err);
      if (decision.policy === 'rotate-session') {
        this.sessions.retire(session);
        await this.deps.browser.rotateSession(session.id);
      }
      // Only blocks feed the breaker: a throttle already paused the platform for as long as it asked.
      if (decision.outcome === 'blocked') {
        const pauseMs = this.breaker.record(platform, true);
        if (pauseMs) {
          const reason = `circuit breaker: ${platform.block.breakerThreshold} blocks in a row (last: ${decision.reason})`;
          this.deps.limiter?.pause(platformKey(platform), Date.now() + pauseMs, reason);
          this.deps.onPlatformPaused?.(platform.id, pauseMs, reason);
        }
      }
      throw err;
    }
  }

  /**
   * A page without its fields that set (or changed) a cookie of the session is
   * an interstitial, retried with the same session and its cookies; once
   * only: the same page again from the same session is a broken selector.
   */
  private interstitial(err: unknown, platform: PlatformConfig, url: string, session: Session, before: Set<string>, seen: string): unknown {
    if (!(err instanceof SelectorBrokenError) || this.interstitials.has(seen)) {
      this.interstitials.delete(seen);
      return err;
    }
    const set = [...cookieValues(session)].filter((c) => !before.has(c)).map((c) => c.split('=')[0]);
    if (!set.length) return err;
    if (this.interstitials.size >= 10_000) this.interstitials.clear();
    this.interstitials.add(seen);
    return new InterstitialError(platform.id, url, [...new Set(set)], { cause: err });
  }

  /** The page's documents; an API that answers a block page instead of JSON is a block, not malformed JSON. */
  private parse(platform: PlatformConfig, text: string, format: 'html' | 'json' | 'jsonp', scripts: PlatformConfig['item']['scripts'], url: string): Docs {
    try {
      return pageDocs(text, format, scripts, platform.id, url);
    } catch (err) {
      if (format !== 'html') {
        const blocked = blockedByContent(platform, parseDoc(text, 'html', platform.id, url), url);
        if (blocked) throw blocked;
      }
      throw err;
    }
  }

  /** A login/captcha URL or a block page served as 200 is a block, never an empty or broken page. */
  private assertNotBlocked(platform: PlatformConfig, finalUrl: string, docs: Docs, format: string): void {
    const byUrl = blockedByUrl(platform, finalUrl);
    if (byUrl) throw byUrl;
    const page = docs.get('page');
    if (page && format !== 'json') {
      const byContent = blockedByContent(platform, page, finalUrl);
      if (byContent) throw byContent;
    }
  }

  /** Fetches the item's extra documents (APIs) and adds them to `docs` by name. */
  private async fetchSources(platform: PlatformConfig, id: string, pageUrl: string, docs: Docs, session: Session, budget: CaptureBudget): Promise<CaptureResult['sources']> {
    const out: CaptureResult['sources'] = [];
    for (const [name, src] of Object.entries(platform.item.sources)) {
      if (src.when && !new RegExp(src.when).test(pageUrl)) continue;
      const url = templateUrl(platform, src.url, { id });
      try {
        const res = await budget.step(`source ${name}`, this.deps.http.get(platform, url, { session, signal: budget.signal, headers: src.referer ? { referer: pageUrl } : {} }));
        const text = decodeBody(res.body, res.contentType, src.charset ?? platform.charset).text;
        docs.set(name, parseDoc(text, src.format, platform.id, res.url));
        out.push({ name, url: res.url, contentType: res.contentType, body: res.body });
      } catch (err) {
        if (!src.optional) throw err;
      }
    }
    return out;
  }

  private async downloadImages(platform: PlatformConfig, urls: string[], session: Session, budget: CaptureBudget): Promise<CaptureResult['images']> {
    if (!this.deps.downloadImages) return urls.map((url) => ({ url }));
    const max = this.deps.maxImages ?? 5;
    return Promise.all(urls.slice(0, max).map(async (url) => {
      try {
        const res = await budget.step('image', this.deps.http.get(platform, url, { kind: 'image', session, signal: budget.signal }));
        return { url, body: res.body };
      } catch (err) {
        // A broken image is recorded against the capture; it does not lose the listing.
        return { url, error: (err as Error).message };
      }
    }));
  }
}

/** The session's cookies as `name=value; domain path` (what a page set or changed shows up as new entries). */
function cookieValues(session: Session): Set<string> {
  const cookies = session.jar.serializeSync()?.cookies ?? [];
  return new Set(cookies.map((c) => `${c.key}=${c.value}; ${c.domain} ${c.path}`));
}
