/**
 * Plain HTTP fetching with the crawler's guards: address check on every hop,
 * redirect cap, size cap, timeout, per-host limits, and retries with backoff
 * for timeouts and 5xx. Errors are the typed ones of errors.ts.
 */
import { request } from 'undici';
import type { PlatformConfig } from '../config/platform.schema.js';
import { assertAllowedUrl, type Resolver } from './address.guard.js';
import { BlockedError, CrawlError, LimitExceededError, ListingGoneError, TransientError } from './errors.js';
import type { HostLimiter } from './host.limiter.js';

export interface FetchResult {
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
  fetchedAt: Date;
}

export interface HttpFetcherOptions {
  limiter: HostLimiter;
  userAgent: string;
  resolver?: Resolver;
  /** Base of the exponential backoff between in-process retries, ms. */
  backoffMs?: number;
}

export type FetchKind = 'page' | 'image';

interface RawResponse { status: number; contentType: string; body: Buffer; redirect?: string }

export class HttpFetcher {
  constructor(private readonly opts: HttpFetcherOptions) {}

  /**
   * GETs `url` for `platform`. A status in `goneStatus` throws ListingGoneError
   * (when `kind` is page), 403/429 BlockedError, 5xx/timeouts are retried.
   */
  async get(platform: PlatformConfig, url: string, kind: FetchKind = 'page', goneStatus: number[] = []): Promise<FetchResult> {
    const attempts = platform.limits.retries + 1;
    let lastErr: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await this.once(platform, url, kind, goneStatus);
      } catch (err) {
        lastErr = err;
        if (!(err instanceof TransientError) || attempt === attempts) throw err;
        const base = this.opts.backoffMs ?? 200;
        await new Promise((r) => setTimeout(r, base * 2 ** (attempt - 1) * (0.75 + Math.random() / 2)));
      }
    }
    throw lastErr;
  }

  private async once(platform: PlatformConfig, startUrl: string, kind: FetchKind, goneStatus: number[]): Promise<FetchResult> {
    const limits = platform.limits;
    const cap = kind === 'image' ? limits.maxImageBytes : limits.maxPageBytes;
    let url = startUrl;
    for (let hop = 0; hop <= limits.maxRedirects; hop++) {
      await assertAllowedUrl(url, platform.id, platform.allowPrivateNetwork, this.opts.resolver);
      const host = new URL(url).host;
      const res = await this.opts.limiter.run(host, limits, async (): Promise<RawResponse> => {
        try {
          const r = await request(url, {
            method: 'GET',
            headers: { 'user-agent': this.opts.userAgent, accept: kind === 'image' ? 'image/*' : 'text/html,application/json;q=0.9,*/*;q=0.5' },
            headersTimeout: limits.timeoutMs,
            bodyTimeout: limits.timeoutMs,
            signal: AbortSignal.timeout(limits.timeoutMs),
          });
          if (r.statusCode >= 300 && r.statusCode < 400 && r.headers.location) {
            await r.body.dump();
            return { redirect: new URL(String(r.headers.location), url).toString(), status: r.statusCode, contentType: '', body: Buffer.alloc(0) };
          }
          const declared = Number(r.headers['content-length'] ?? 0);
          if (declared > cap) {
            await r.body.dump();
            throw new LimitExceededError(`response of ${declared} bytes exceeds the ${kind} cap of ${cap}`, platform.id, url);
          }
          const chunks: Buffer[] = [];
          let size = 0;
          for await (const chunk of r.body) {
            size += chunk.length;
            if (size > cap) {
              r.body.destroy();
              throw new LimitExceededError(`response exceeds the ${kind} cap of ${cap} bytes`, platform.id, url);
            }
            chunks.push(chunk as Buffer);
          }
          return { status: r.statusCode, contentType: String(r.headers['content-type'] ?? ''), body: Buffer.concat(chunks) };
        } catch (err) {
          if (err instanceof CrawlError) throw err;
          throw new TransientError(`request failed: ${(err as Error).message}`, platform.id, url, undefined, { cause: err });
        }
      });
      if (res.redirect) { url = res.redirect; continue; }
      if (kind === 'page' && goneStatus.includes(res.status)) throw new ListingGoneError(platform.id, url, res.status);
      if (res.status === 403 || res.status === 429) throw new BlockedError(platform.id, url, res.status);
      if (res.status >= 500 || res.status === 408) throw new TransientError(`HTTP ${res.status}`, platform.id, url, res.status);
      if (res.status >= 400) throw new CrawlErrorNoRetry(`HTTP ${res.status}`, platform.id, url);
      return { url, status: res.status, contentType: res.contentType, body: res.body, fetchedAt: new Date() };
    }
    throw new LimitExceededError(`more than ${limits.maxRedirects} redirects`, platform.id, startUrl);
  }
}

/** A 4xx that is neither gone nor blocked: retrying will not help. */
export class CrawlErrorNoRetry extends CrawlError {
  override readonly retry = 'never' as const;
}
