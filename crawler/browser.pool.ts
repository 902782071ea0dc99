/**
 * One Chromium per worker process with a few reused pages (reusing pages is
 * what makes it fast), one browser context per session: each context carries
 * its platform's user agent, cookies and request guard (which also sends
 * its requests through the platform's proxy). Retiring a
 * session closes its context once the jobs using it have released their
 * pages; other sessions' contexts are untouched. Always Debian's Chromium:
 * Playwright never downloads one.
 */
import { CLOSED_NETWORK_ARGS } from '../domain/chromium.network.js';
import { decideSandbox, type SandboxDecision, type SandboxMode } from './chromium.sandbox.js';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_USER_AGENT, type PlatformConfig } from '../config/platform.schema.js';
import type { Resolver } from './address.guard.js';
import { guardContext } from './browser.guard.js';
import type { RequestCounter } from './request.counter.js';
import { retryPolicyOf } from './errors.js';
import { jarToBrowserCookies, type Session } from './session.pool.js';

export interface BrowserPoolOptions {
  executablePath: string;
  /** Pages open at once, over all contexts. */
  pages: number;
  /**
   * Map every host but localhost to NOTFOUND (offline machines, the demo).
   * Changes nothing for the pool's Chromium, whose own network is closed
   * whatever this says ({@link CLOSED_NETWORK_ARGS}): every page's requests
   * go through a route handler. Benchmarks that load pages without a guard
   * use it through `chromiumArgs(…, 'open')`.
   */
  offlineHostRules: boolean;
  /** Chromium's own sandbox: `auto` (default) where the kernel allows it (crawler/chromium.sandbox.ts), `off` never. */
  sandbox?: SandboxMode;
  /** Told once what was decided about the sandbox, and why (the container logs it). */
  onSandbox?: (d: SandboxDecision) => void;
  /** User agent of platforms that set none; default a real browser's. */
  userAgent?: string;
  viewport: { width: number; height: number };
  /**
   * Close a page after it has loaded this many documents and open a fresh one
   * in its place (default 20). A reused page's renderer keeps growing, about
   * 1 MB per document on the demo shop (bench/crawl.bench.ts); recycling
   * bounds it at a cost of one new page per this many loads.
   */
  maxPageUses?: number;
  /** DNS for the request guard (tests). */
  resolver?: Resolver;
  /** Told of each guarded request's outcome (metrics, passed in by the container; see request.counter.ts). */
  requests?: RequestCounter;
}

/**
 * Which platform and session a page is for. Without them: a plain context (no
 * guard). `scripts: false` (plain contexts only): the page's own scripts do
 * not run, for drawing stored documents exactly as they were kept.
 */
export interface PageFor { platform?: PlatformConfig; session?: Session; scripts?: false }

const DEFAULT_MAX_PAGE_USES = 20;
/** An idle page unused this long (ms) may be closed to make room for another context. */
const REBALANCE_IDLE_MS = 2000;

/**
 * Features switched off. Chromium reads only the last `--disable-features`, so
 * this repeats Playwright's own list (playwright-core chromiumSwitches) and
 * adds `RenderDocument`: with it every cross-document navigation, even within
 * one site, builds a new frame host and document, about 18 of the 50-65 core-ms
 * a crawled page costs the browser (bench/chromium.bench.ts, "goto" rows).
 */
export const DISABLED_FEATURES = ['AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'RenderDocument'];

// CLOSED_NETWORK_ARGS: domain/chromium.network.ts (the notice printer starts Chromium with them too).


/**
 * The flags Chromium needs on a closed network (see STACK-NOTES.md), and the
 * features it runs without. `network: 'open'` is for benchmarks that load
 * pages without a guard: there `offlineHostRules` maps every host but
 * localhost to NOTFOUND; with the network closed (the pool's only mode) it
 * changes nothing.
 */
export function chromiumArgs(offlineHostRules: boolean, network: 'closed' | 'open' = 'closed', sandbox = false): string[] {
  const args = ['--headless', ...(sandbox ? [] : ['--no-sandbox']), '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    `--disable-features=${DISABLED_FEATURES.join(',')}`];
  if (network === 'closed') args.push(...CLOSED_NETWORK_ARGS);
  else if (offlineHostRules) args.push('--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1');
  return args;
}

interface ContextEntry {
  key: string; ctx: Promise<BrowserContext>; idle: Page[];
  /** Pages of this context out of the pool or idle in it. */
  open: number;
  /** Acquirers still waiting for the context to be created: a retired context may not close under them. */
  pending: number;
  retired: boolean;
}

export class BrowserPool {
  private browser?: Promise<Browser>;
  private readonly contexts = new Map<string, ContextEntry>();
  private readonly entryOf = new WeakMap<Page, ContextEntry>();
  private open = 0;
  /** Pages opened and closed over the pool's life (a new page often means a new renderer). */
  readonly stats = { pagesOpened: 0, closedForRoom: 0 };
  /** Whether the running Chromium is sandboxed, and why; set at its first launch. */
  sandboxDecision?: SandboxDecision;
  private readonly waiting = new Map<() => void, NodeJS.Timeout>();
  private readonly idleSince = new WeakMap<Page, number>();
  private readonly uses = new WeakMap<Page, number>();
  private readonly broken = new WeakSet<Page>();

  constructor(private readonly opts: BrowserPoolOptions) {}

  /** Runs `fn` with a page for `target`; the page goes back to the pool (or is replaced when worn or broken). */
  async withPage<T>(fn: (page: Page) => Promise<T>, target: PageFor = {}): Promise<T> {
    const { page, entry } = await this.acquire(target);
    let healthy = true;
    try {
      return await fn(page);
    } catch (err) {
      // An outcome the page delivered (gone, malformed page) leaves it usable; anything else may not.
      healthy = retryPolicyOf(err).policy === 'never';
      throw err;
    } finally {
      this.release(page, entry, healthy);
    }
  }

  /**
   * Retires the context of one session (after a block): no new page opens in
   * it, and it closes when the jobs still using it release their pages.
   * Other sessions' contexts, and jobs in flight on them, are untouched.
   */
  async rotateSession(sessionId: string): Promise<void> {
    for (const entry of [...this.contexts.values()]) {
      if (entry.key !== sessionId) continue;
      entry.retired = true;
      this.contexts.delete(entry.key);
      for (const p of entry.idle.splice(0)) { this.open--; entry.open--; await p.close().catch(() => {}); }
      await this.closeIfDone(entry);
    }
    this.wake();
  }

  /** Marks a page as not reusable (a navigation was stopped in it); it is closed when released. */
  discard(page: Page): void {
    this.broken.add(page);
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    this.contexts.clear();
    this.open = 0;
    if (b) await (await b).close().catch(() => {});
  }

  private async getBrowser(): Promise<Browser> {
    if (!this.browser) {
      this.browser = decideSandbox(this.opts.executablePath, this.opts.sandbox ?? 'auto').then((d) => {
        if (!this.sandboxDecision) this.opts.onSandbox?.(d);
        this.sandboxDecision = d;
        return chromium.launch({ executablePath: this.opts.executablePath, args: chromiumArgs(this.opts.offlineHostRules, 'closed', d.sandbox), headless: true, chromiumSandbox: d.sandbox });
      });
      const b = await this.browser.catch((err) => { this.browser = undefined; throw err; });
      b.on('disconnected', () => { this.browser = undefined; this.contexts.clear(); this.open = 0; });
    }
    return this.browser;
  }

  private entry(target: PageFor): ContextEntry {
    const key = target.session?.id ?? (target.platform ? `platform:${target.platform.id}` : target.scripts === false ? 'static' : 'default');
    let e = this.contexts.get(key);
    if (!e) {
      const ctx = this.newContext(target);
      ctx.catch(() => this.contexts.delete(key));
      this.contexts.set(key, (e = { key, ctx, idle: [], open: 0, pending: 0, retired: false }));
    }
    return e;
  }

  private async newContext({ platform, session, scripts }: PageFor): Promise<BrowserContext> {
    const browser = await this.getBrowser();
    const ctx = await browser.newContext({
      javaScriptEnabled: platform || session ? true : scripts !== false,
      userAgent: platform?.userAgent ?? this.opts.userAgent ?? DEFAULT_USER_AGENT,
      viewport: this.opts.viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
      serviceWorkers: 'block', acceptDownloads: false,
      extraHTTPHeaders: session ? { ...session.headers } : undefined,
      storageState: session ? { cookies: await jarToBrowserCookies(session.jar), origins: session.origins } : undefined,
    });
    if (platform) await guardContext(ctx, platform, this.opts.resolver, this.opts.requests);
    return ctx;
  }

  private async acquire(target: PageFor): Promise<{ page: Page; entry: ContextEntry }> {
    for (;;) {
      const entry = this.entry(target);
      entry.pending++;
      let ctx: BrowserContext;
      try { ctx = await entry.ctx; } finally { entry.pending--; }
      if (entry.retired) { await this.closeIfDone(entry); continue; }
      let idle = entry.idle.pop();
      while (idle?.isClosed()) { this.open--; entry.open--; idle = entry.idle.pop(); }
      if (idle) return { page: idle, entry };
      if (this.open < this.opts.pages) {
        this.open++; entry.open++;
        try {
          const page = await ctx.newPage();
          this.stats.pagesOpened++;
          this.entryOf.set(page, entry);
          return { page, entry };
        } catch (err) { this.open--; entry.open--; throw err; }
      }
      // Full. A context that has pages waits for one of its own; closing another context's page
      // for every acquire would open a page (and often a renderer) per job when two contexts
      // alternate, as the listing and evidence jobs of one worker do. A context with no page, or an
      // idle page left unused for a while, still makes room, so no context starves.
      const now = Date.now();
      const other = [...this.contexts.values()].find((e) => e !== entry && e.idle.length
        && (entry.open <= 0 || now - (this.idleSince.get(e.idle[0]) ?? 0) >= REBALANCE_IDLE_MS));
      if (other) { this.stats.closedForRoom++; this.open--; other.open--; await other.idle.shift()!.close().catch(() => {}); continue; }
      await new Promise<void>((r) => {
        const timer = setTimeout(() => { this.waiting.delete(r); r(); }, REBALANCE_IDLE_MS);
        this.waiting.set(r, timer);
      });
    }
  }

  private release(page: Page, entry: ContextEntry, healthy: boolean): void {
    const uses = (this.uses.get(page) ?? 0) + 1;
    this.uses.set(page, uses);
    const worn = uses >= (this.opts.maxPageUses ?? DEFAULT_MAX_PAGE_USES);
    if (!healthy || worn || page.isClosed() || entry.retired || this.broken.has(page)) {
      this.open = Math.max(0, this.open - 1);
      entry.open--;
      page.close().catch(() => {});
      if (entry.retired) void this.closeIfDone(entry);
    } else {
      this.idleSince.set(page, Date.now());
      entry.idle.push(page);
    }
    this.wake();
  }

  private async closeIfDone(entry: ContextEntry): Promise<void> {
    if (entry.retired && entry.open <= 0 && entry.pending <= 0) await entry.ctx.then((c) => c.close()).catch(() => {});
  }

  /** Every waiter re-checks: a released page may belong to another waiter's context. */
  private wake(): void {
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const [resolve, timer] of waiting) { clearTimeout(timer); resolve(); }
  }
}
