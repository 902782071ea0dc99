/**
 * Tells a block from a page: login walls (by redirect target or final URL),
 * captchas (URL, selector or text), block statuses, rate limits with
 * Retry-After, and configured text markers, all from the platform config.
 * A block is an error; an empty result and a broken selector are not blocks,
 * and a rate limit is a throttle (RateLimitedError), not a block.
 */
import type { PlatformConfig } from '../config/platform.schema.js';
import { BlockedError, RateLimitedError } from './errors.js';
import { hasMarker, type Doc } from './page.extractor.js';

const matchesAny = (patterns: string[], s: string) => patterns.some((p) => new RegExp(p).test(s));

/** A login or captcha page recognised by its URL (a redirect target or where the page ended up). */
export function blockedByUrl(platform: PlatformConfig, url: string, from = url): BlockedError | undefined {
  if (matchesAny(platform.block.loginUrls, url)) return new BlockedError(platform.id, from, 'login', undefined, `(sent to ${url})`);
  if (matchesAny(platform.block.captchaUrls, url)) return new BlockedError(platform.id, from, 'captcha', undefined, `(sent to ${url})`);
  return undefined;
}

/** `Retry-After` as delay-seconds or an HTTP date, bounded by the platform's default and maximum. */
export function retryAfterMs(platform: PlatformConfig, header: string | string[] | undefined | null, now = Date.now()): number {
  const raw = Array.isArray(header) ? header[0] : header;
  const { defaultRetryAfterMs, maxRetryAfterMs } = platform.block;
  let ms = defaultRetryAfterMs;
  if (raw && /^\s*\d+\s*$/.test(raw)) ms = Number(raw) * 1000;
  else if (raw && !Number.isNaN(Date.parse(raw))) ms = Math.max(0, Date.parse(raw) - now);
  return Math.min(ms, maxRetryAfterMs);
}

/** The error a response status means, if it means a block or a rate limit (a throttle). */
export function blockedByStatus(platform: PlatformConfig, url: string, status: number, retryAfter?: string | string[] | null): BlockedError | RateLimitedError | undefined {
  if (platform.block.rateLimitStatus.includes(status) || (status === 503 && retryAfter)) {
    return new RateLimitedError(platform.id, url, retryAfterMs(platform, retryAfter), status);
  }
  if (platform.block.blockStatus.includes(status)) return new BlockedError(platform.id, url, 'status', status);
  return undefined;
}

/** A captcha or a marker page served with 200. Markers count only on a page without real content. */
export function blockedByContent(platform: PlatformConfig, doc: Doc, url: string): BlockedError | undefined {
  const b = platform.block;
  if (doc.kind === 'html') {
    const sel = b.captchaSelectors.find((s) => doc.$(s).length > 0);
    if (sel) return new BlockedError(platform.id, url, 'captcha', undefined, `(${sel})`);
    const text = b.captchaText.find((t) => doc.text.includes(t));
    if (text) return new BlockedError(platform.id, url, 'captcha', undefined, `(“${text}”)`);
  }
  if (!b.markers.length || b.contentSelectors.some((s) => hasMarker(doc, s))) return undefined;
  const body = doc.kind === 'html' ? doc.text : JSON.stringify(doc.data);
  const marker = b.markers.find((m) => body.includes(m));
  return marker ? new BlockedError(platform.id, url, 'marker', undefined, `(“${marker}”)`) : undefined;
}

/**
 * Circuit breaker: a platform that answers blocked this many times in a row
 * is paused, so a scan stops hammering it and the officer can be told.
 * Throttles are not recorded: a 429 already pauses the platform for as long
 * as it asked, and says nothing about whether its sessions are refused.
 */
export class BlockBreaker {
  private readonly streaks = new Map<string, number>();

  /** Records an outcome; returns the pause (ms) when this block trips the breaker. */
  record(platform: PlatformConfig, blocked: boolean): number | undefined {
    if (!blocked) { this.streaks.delete(platform.id); return undefined; }
    const n = (this.streaks.get(platform.id) ?? 0) + 1;
    this.streaks.set(platform.id, n);
    const { breakerThreshold, breakerPauseMs } = platform.block;
    if (breakerThreshold > 0 && n >= breakerThreshold) { this.streaks.delete(platform.id); return breakerPauseMs; }
    return undefined;
  }
}
