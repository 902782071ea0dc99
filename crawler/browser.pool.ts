/**
 * One Chromium per worker process with a few reused pages (reusing pages is
 * what makes it fast). Always Debian's Chromium: Playwright never downloads one.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CrawlError } from './errors.js';

export interface BrowserPoolOptions {
  executablePath: string;
  pages: number;
  /** Map every host but localhost to NOTFOUND (offline machines, the demo). */
  offlineHostRules: boolean;
  userAgent: string;
  viewport: { width: number; height: number };
  /**
   * Close a page after it has loaded this many documents and open a fresh one
   * in its place (default 20). A reused page's renderer keeps growing, about
   * 1 MB per document on the demo shop (bench/crawl.bench.ts); recycling
   * bounds it at a cost of one new page per this many loads.
   */
  maxPageUses?: number;
}

const DEFAULT_MAX_PAGE_USES = 20;

/** The flags Chromium needs on a closed network (see STACK-NOTES.md). */
export function chromiumArgs(offlineHostRules: boolean): string[] {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
  if (offlineHostRules) args.push('--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1');
  return args;
}

export class BrowserPool {
  private browser?: Promise<Browser>;
  private context?: Promise<BrowserContext>;
  private readonly idle: Page[] = [];
  private open = 0;
  private readonly waiting: Array<(p: Page) => void> = [];
  private readonly uses = new WeakMap<Page, number>();

  constructor(private readonly opts: BrowserPoolOptions) {}

  /** Runs `fn` with a page from the pool; the page goes back to the pool (or is replaced when worn or broken). */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.acquire();
    let healthy = true;
    try {
      return await fn(page);
    } catch (err) {
      // An outcome the page delivered (gone, malformed page) leaves it usable; anything else may not.
      healthy = err instanceof CrawlError && err.retry === 'never';
      throw err;
    } finally {
      this.release(page, healthy);
    }
  }

  /** Drops the browser context (cookies, storage): a fresh session after a block. */
  async rotateSession(): Promise<void> {
    const ctx = this.context;
    this.context = undefined;
    this.idle.length = 0;
    this.open = 0;
    if (ctx) await (await ctx).close().catch(() => {});
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    this.context = undefined;
    this.idle.length = 0;
    this.open = 0;
    if (b) await (await b).close().catch(() => {});
  }

  private async getContext(): Promise<BrowserContext> {
    if (!this.browser) {
      this.browser = chromium.launch({ executablePath: this.opts.executablePath, args: chromiumArgs(this.opts.offlineHostRules), headless: true });
      const b = await this.browser.catch((err) => { this.browser = undefined; throw err; });
      b.on('disconnected', () => { this.browser = undefined; this.context = undefined; this.idle.length = 0; this.open = 0; });
    }
    if (!this.context) {
      this.context = (await this.browser).newContext({
        userAgent: this.opts.userAgent, viewport: this.opts.viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
        serviceWorkers: 'block', acceptDownloads: false,
      });
    }
    return this.context;
  }

  private async acquire(): Promise<Page> {
    const ctx = await this.getContext();
    let idle = this.idle.pop();
    while (idle?.isClosed()) { this.open = Math.max(0, this.open - 1); idle = this.idle.pop(); }
    if (idle) return idle;
    if (this.open < this.opts.pages) {
      this.open++;
      try { return await ctx.newPage(); } catch (err) { this.open--; throw err; }
    }
    return new Promise<Page>((resolve) => this.waiting.push(resolve));
  }

  private release(page: Page, healthy: boolean): void {
    const uses = (this.uses.get(page) ?? 0) + 1;
    this.uses.set(page, uses);
    const worn = uses >= (this.opts.maxPageUses ?? DEFAULT_MAX_PAGE_USES);
    if (!healthy || worn || page.isClosed()) {
      this.open = Math.max(0, this.open - 1);
      page.close().catch(() => {});
      const next = this.waiting.shift();
      if (next) this.acquire().then(next, () => {});
      return;
    }
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }
}
