/**
 * Loads one page in Chromium for a platform: through the session's context
 * (cookies synced both ways with the HTTP cookie jar), every request guarded,
 * statuses and login/captcha redirects read, the config's browser steps run,
 * and every step inside the capture's time budget. With `stored` the page is
 * rendered from exactly the bytes already fetched (no second request for it).
 */
import type { Page } from 'playwright-core';
import type { BrowserSteps, PlatformConfig } from '../config/platform.schema.js';
import { blockedByStatus, blockedByUrl } from './block.detector.js';
import { loadForText, takeRedirect, takeRefused } from './browser.guard.js';
import type { BrowserPool } from './browser.pool.js';
import type { CaptureBudget } from './capture.budget.js';
import { CaptureTimeoutError, CrawlError, LimitExceededError, ListingGoneError, TransientError, retryPolicyOf } from './errors.js';
import type { HostLimiter } from './host.limiter.js';
import { documentHtml, GROWTH_WAIT, hasElement, isPlainCss, waitForAttached } from './page.waits.js';
import { platformKey } from './http.fetcher.js';
import { browserCookiesToJar, jarToBrowserCookies, type Session } from './session.pool.js';

export interface RenderOptions {
  steps?: BrowserSteps;
  shot: boolean;
  goneStatus: number[];
  session: Session;
  budget: CaptureBudget;
  /** Serve the page itself from these bytes instead of requesting it again. */
  stored?: { body: Buffer; contentType: string };
  /** Paused on a rate limit, platform-wide. */
  limiter?: HostLimiter;
}

export interface Rendered { url: string; status: number; html: string; screenshot?: Buffer; fetchedAt: Date }

const firstLine = (err: unknown) => (err as Error).message.split('\n')[0];

export async function renderPage(pool: BrowserPool, platform: PlatformConfig, url: string, o: RenderOptions): Promise<Rendered> {
  const limits = platform.limits;
  const { budget, session } = o;
  return pool.withPage(async (page) => {
    budget.whenExpired(() => { page.close({ runBeforeUnload: false }).catch(() => {}); });
    const stepTimeout = () => Math.max(1, Math.min(limits.timeoutMs, budget.remainingMs()));
    page.setDefaultTimeout(stepTimeout());
    takeRefused(page);
    loadForText(page, !o.shot);
    const cookies = await jarToBrowserCookies(session.jar);
    if (cookies.length) await page.context().addCookies(cookies).catch(() => {});
    const target = new URL(url).toString();
    if (o.stored) {
      const stored = o.stored;
      await page.route((u) => u.toString() === target, (route) => route.fulfill({ status: 200, body: stored.body, contentType: stored.contentType }));
    }
    try {
      let response: Awaited<ReturnType<Page['goto']>> | undefined;
      takeRedirect(page);
      // The guard stops the main document at each redirect; each hop is checked (login wall, address) and navigated here.
      for (let target = url, hops = 0; ; hops++) {
        try {
          response = await budget.step('navigation', () => page.goto(target, { waitUntil: 'domcontentloaded', timeout: stepTimeout() }));
          break;
        } catch (err) {
          if (err instanceof CaptureTimeoutError) throw err;
          const refused = takeRefused(page)[0];
          const next = takeRedirect(page);
          const stop = refused
            ?? (!next ? new TransientError(`navigation failed: ${firstLine(err)}`, platform.id, url, undefined, { cause: err }) : undefined)
            ?? blockedByUrl(platform, next!, url)
            ?? (hops >= limits.maxRedirects ? new LimitExceededError(`more than ${limits.maxRedirects} redirects`, platform.id, url) : undefined);
          if (stop) {
            // A stopped navigation leaves an error page loading in it: the page is not reused.
            pool.discard(page);
            throw stop;
          }
          target = next!;
        }
      }
      const finalUrl = page.url();
      const status = response?.status() ?? 0;
      if (o.goneStatus.includes(status)) throw new ListingGoneError(platform.id, url, status);
      const byUrl = blockedByUrl(platform, finalUrl, url);
      if (byUrl) throw byUrl;
      const byStatus = blockedByStatus(platform, finalUrl, status, response ? await response.headerValue('retry-after') : undefined);
      if (byStatus) {
        // A throttle pauses the whole platform for as long as it asked; a block is left to the session pool.
        const { policy, delayMs } = retryPolicyOf(byStatus);
        if (policy === 'wait' && delayMs) o.limiter?.pause(platformKey(platform), Date.now() + delayMs, `HTTP ${status} in the browser`);
        throw byStatus;
      }
      if (status >= 500) throw new TransientError(`HTTP ${status}`, platform.id, url, status);
      try {
        await budget.step('browser steps', () => runSteps(page, o.steps, stepTimeout()));
      } catch (err) {
        if (err instanceof CrawlError) throw err;
        throw new TransientError(`page steps failed: ${firstLine(err)}`, platform.id, url, status, { cause: err });
      }
      const html = await budget.step('page.content()', () => documentHtml(page));
      if (Buffer.byteLength(html) > limits.maxPageBytes) throw new LimitExceededError(`rendered page exceeds ${limits.maxPageBytes} bytes`, platform.id, url);
      const screenshot = o.shot ? await budget.step('screenshot', () => page.screenshot({ fullPage: true, type: 'png', timeout: stepTimeout() })) : undefined;
      await browserCookiesToJar(session.jar, await page.context().cookies()).catch(() => {});
      return { url: finalUrl, status, html, screenshot, fetchedAt: new Date() };
    } finally {
      if (o.stored && !page.isClosed()) await page.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => {});
    }
  }, { platform, session });
}

/** Runs a platform's browser steps (wait, scroll loop, short network-idle wait) on a loaded page. */
export async function runSteps(page: Page, steps?: BrowserSteps, timeoutMs = 30_000): Promise<void> {
  if (!steps) return;
  if (steps.waitFor) await waitForAttached(page, steps.waitFor, timeoutMs);
  if (!steps.scroll) return;
  let lastHeight = -1;
  let still = 0;
  for (let i = 0; i < steps.maxScrolls; i++) {
    if (steps.scrollUntil && (await hasElement(page, steps.scrollUntil))) break;
    const height = await page.evaluate(() => { window.scrollTo(0, document.body.scrollHeight); return document.body.scrollHeight; });
    if (steps.scrollUntil) {
      // An end marker says when the list is complete: wait for growth or the marker, never give up on a slow batch.
      const more = !isPlainCss(steps.scrollUntil)
        ? await page.waitForFunction(([h, end]) => document.body.scrollHeight > h || document.querySelector(end) !== null,
          [height, steps.scrollUntil] as const, { timeout: steps.scrollWaitMs, polling: Math.max(50, steps.scrollPauseMs) }).then(() => true, () => false)
        : await page.evaluate(GROWTH_WAIT, [height, steps.scrollUntil, steps.scrollWaitMs, Math.max(50, steps.scrollPauseMs)] as const);
      if (!more) break;
      continue;
    }
    await page.waitForTimeout(steps.scrollPauseMs);
    if (height === lastHeight && ++still >= 3) break;
    if (height !== lastHeight) still = 0;
    lastHeight = height;
  }
  // Lazy images load when scrolled into view; give in-flight requests a moment.
  await page.waitForLoadState('networkidle', { timeout: 2000 }).catch(() => {});
}
