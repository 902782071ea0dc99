/**
 * Renders a screenshot from the exact bytes already stored as evidence: the
 * document and its images are answered from the stored copies, so the
 * picture shows what was captured, with no second request to the platform.
 * Any other request the page makes (scripts, styles) is refused: a stored
 * page must not fetch anything, and an internal address can never be reached.
 * Some requests of a written document never reach a request handler, page or
 * context (`<link rel="prefetch">`): Chromium's own network is closed for
 * them (CLOSED_NETWORK_ARGS, domain/chromium.network.ts).
 *
 * The document is written into a reused page (`setContent`, scripts off)
 * instead of navigated to: a navigation costs the headless shell 35-55
 * core-ms, a document write 5-15 (bench/chromium.bench.ts). Relative URLs
 * resolve through a `<base>` set to the page's URL, so the stored images are
 * asked for by the URLs they were captured from.
 */
import type { CDPSession, Page, Route } from 'playwright-core';
import type { BrowserPool } from './browser.pool.js';
import { CaptureBudget } from './capture.budget.js';
import { decodeBody } from './charset.decoder.js';
import { LimitExceededError, TransientError } from './errors.js';

/** A stored page: the document as served and the images it cited, by URL. */
export interface StoredPage {
  platform: string;
  url: string;
  contentType: string;
  html: Buffer;
  images: Map<string, { body: Buffer; contentType: string }>;
}

/** How to draw it: format, JPEG quality, whole page or the first screen. */
export interface ScreenshotOptions {
  format: 'jpeg' | 'png';
  /** JPEG quality 1-100 (default 80). */
  quality: number;
  fullPage: boolean;
  /** The whole render must finish within this (ms). */
  timeoutMs: number;
  /** A full page taller than this (px) is clipped to it, so an endless page cannot exhaust memory. */
  maxHeight: number;
}

export const DEFAULT_SCREENSHOT: ScreenshotOptions = { format: 'jpeg', quality: 80, fullPage: true, timeoutMs: 20_000, maxHeight: 12_000 };

/** The stored document as text, with a `<base>` to its URL unless it names one itself. */
export function storedDocument(page: Pick<StoredPage, 'url' | 'contentType' | 'html'>): string {
  const { text } = decodeBody(page.html, page.contentType);
  if (/<base\s[^>]*href\s*=/i.test(text)) return text;
  const base = `<base href="${page.url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
  const head = /<head(\s[^>]*)?>/i.exec(text);
  if (head) return text.slice(0, head.index + head[0].length) + base + text.slice(head.index + head[0].length);
  return base + text;
}

/**
 * What a page drawing stored documents keeps between draws: one request
 * handler (installing and removing it per draw costs a protocol round trip
 * per frame) answering from the page drawn now, and a CDP session.
 */
interface DrawingPage { current?: StoredPage; cdp: CDPSession }
const drawing = new WeakMap<Page, Promise<DrawingPage>>();

function drawingPage(p: Page): Promise<DrawingPage> {
  let d = drawing.get(p);
  if (!d) {
    d = (async () => {
      const state: DrawingPage = { cdp: await p.context().newCDPSession(p) };
      await p.route('**/*', (route: Route) => {
        const img = state.current?.images.get(route.request().url());
        if (img) return route.fulfill({ status: 200, contentType: img.contentType, body: img.body });
        return route.abort('blockedbyclient');
      });
      return state;
    })();
    d.catch(() => drawing.delete(p));
    drawing.set(p, d);
  }
  return d;
}

/**
 * Whether drawing needs Playwright's screenshot, which settles CSS animations
 * (finite ones to their end) and hides a focused field's caret, at about 15
 * core-ms more per draw (it injects its scripts into each new document). A
 * stored page runs no script, so only its own inline styles can animate and
 * only `autofocus` can focus a field; other pages are drawn by Chromium
 * directly (the same pixels).
 */
export function needsSettling(doc: string): boolean {
  return /@keyframes|animation|autofocus/i.test(doc);
}

export async function renderStoredPage(browser: BrowserPool, page: StoredPage, o: ScreenshotOptions = DEFAULT_SCREENSHOT): Promise<Buffer> {
  const doc = storedDocument(page);
  return browser.withPage(async (p) => {
    const d = await drawingPage(p);
    d.current = page;
    const budget = new CaptureBudget(o.timeoutMs, page.platform, page.url);
    const left = () => Math.max(1, budget.remainingMs());
    try {
      await p.setContent(doc, { waitUntil: 'load', timeout: left() });
      const { cssContentSize: size, cssLayoutViewport: view } = await budget.step('layout', d.cdp.send('Page.getLayoutMetrics'));
      const height = Math.ceil(size.height);
      const clip = o.fullPage && height > o.maxHeight ? { x: 0, y: 0, width: p.viewportSize()?.width ?? 1280, height: o.maxHeight } : undefined;
      const quality = o.format === 'jpeg' ? o.quality : undefined;
      if (needsSettling(doc)) return await p.screenshot({ type: o.format, quality, fullPage: o.fullPage, clip, timeout: left(), animations: 'disabled' });
      const beyond = o.fullPage && (height > view.clientHeight || size.width > view.clientWidth);
      const area = clip ?? (beyond ? { x: 0, y: 0, width: Math.ceil(size.width), height } : undefined);
      const shot = await budget.step('screenshot', d.cdp.send('Page.captureScreenshot', {
        format: o.format, quality, ...(area ? { clip: { ...area, scale: 1 }, captureBeyondViewport: true } : {}),
      }));
      return Buffer.from(shot.data, 'base64');
    } catch (err) {
      if (budget.remainingMs() <= 0) throw new LimitExceededError(`rendering the stored page took over ${o.timeoutMs} ms`, page.platform, page.url);
      throw new TransientError(`rendering the stored page failed: ${(err as Error).message.split('\n')[0]}`, page.platform, page.url, undefined, { cause: err });
    } finally {
      d.current = undefined;
    }
  }, { scripts: false });
}
