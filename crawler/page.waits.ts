/**
 * Waits and reads in a loaded page with plain DOM calls through
 * `page.evaluate`, instead of Playwright's selector engine: its first selector
 * query in each new document injects a script of several hundred kB over the
 * protocol, which Chromium then compiles (about a quarter of a client-rendered
 * item's cost). A selector that is not CSS (`text=`, `:has-text()`) still goes
 * to the engine. Used by page.renderer.ts.
 */
import type { Page } from 'playwright-core';

/*
 * Runs in the page: resolves true when the document grew past `h` or shows the
 * end marker, false after `ms`. Two frames after the growth, so the page lays
 * out the new batch (its scroll observers see the sentinel leave the viewport)
 * before the next scroll, as for a reader. No named inner functions: tsx would
 * wrap them in a helper that does not exist in the page.
 */
export const GROWTH_WAIT = ([h, end, ms, every]: readonly [number, string, number, number]) => new Promise<boolean>((resolve) => {
  const check = setInterval(() => {
    if (document.body.scrollHeight <= h && document.querySelector(end) === null) return;
    clearInterval(check); clearTimeout(timer);
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)));
  }, every);
  const timer = setTimeout(() => { clearInterval(check); resolve(false); }, ms);
});

/** Selectors known to be (or not to be) plain CSS. */
const cssCache = new Map<string, boolean>();
export function isPlainCss(selector: string): boolean {
  let ok = cssCache.get(selector);
  if (ok === undefined) {
    ok = !/(^|[\s,])(text|xpath|css|id|data-testid|internal):|>>|:has-text\(|:text\(|:visible|:nth-match\(/.test(selector);
    cssCache.set(selector, ok);
  }
  return ok;
}

/** Waits until an element matching `selector` is in the DOM (Playwright's `attached` state), at most `timeoutMs`. */
export async function waitForAttached(page: Page, selector: string, timeoutMs = 30_000): Promise<void> {
  if (!isPlainCss(selector)) { await page.waitForSelector(selector, { state: 'attached', timeout: timeoutMs }); return; }
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    let found: boolean;
    try {
      found = await page.evaluate(([s, ms]) => new Promise<boolean>((resolve) => {
        if (document.querySelector(s)) { resolve(true); return; }
        const seen = new MutationObserver(() => { if (document.querySelector(s)) { seen.disconnect(); clearTimeout(timer); resolve(true); } });
        const timer = setTimeout(() => { seen.disconnect(); resolve(false); }, ms);
        seen.observe(document, { childList: true, subtree: true, attributes: true });
      }), [selector, Math.max(1, deadline - Date.now())] as const);
    } catch (err) {
      const message = (err as Error).message;
      // Not valid for the browser's querySelector: Playwright's engine decides.
      if (/SyntaxError|is not a valid selector/i.test(message)) { cssCache.set(selector, false); await page.waitForSelector(selector, { state: 'attached', timeout: Math.max(1, deadline - Date.now()) }); return; }
      // The page navigated (a script redirect): wait in the new document.
      if (/context was destroyed|navigat/i.test(message) && attempt < 5 && Date.now() < deadline) {
        await page.waitForLoadState('domcontentloaded', { timeout: Math.max(1, deadline - Date.now()) }).catch(() => {});
        continue;
      }
      throw err;
    }
    if (found) return;
    throw new Error(`Timeout ${timeoutMs}ms exceeded waiting for selector "${selector}"`);
  }
}

/** Whether an element matching `selector` is in the DOM now. */
export async function hasElement(page: Page, selector: string): Promise<boolean> {
  if (!isPlainCss(selector)) return (await page.$(selector)) !== null;
  return page.evaluate((s) => document.querySelector(s) !== null, selector).catch(async () => (await page.$(selector)) !== null);
}

/** The document as `page.content()` gives it (doctype and outer HTML), read in the page's own world. */
export function documentHtml(page: Page): Promise<string> {
  return page.evaluate(() => {
    let html = '';
    if (document.doctype) html = new XMLSerializer().serializeToString(document.doctype);
    if (document.documentElement) html += document.documentElement.outerHTML;
    return html;
  });
}
