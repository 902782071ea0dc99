/**
 * Plain HTTP fetching with the crawler's guards: every hop's address checked
 * and pinned for the connection, login/captcha redirects caught, redirect
 * and size caps, timeouts, per-host limits, the platform-wide pause after a
 * 429, the session's cookie jar and headers. It never retries: failures are
 * the typed errors of errors.ts and the queue decides.
 */
import { request, type Dispatcher } from 'undici';
import { DEFAULT_USER_AGENT, type PlatformConfig } from '../config/platform.schema.js';
import { allowsPrivate, assertAllowedProxiedUrl, resolveAllowedAddress, type Resolver } from './address.guard.js';
import { blockedByStatus, blockedByUrl } from './block.detector.js';
import { CrawlError, HttpStatusError, LimitExceededError, ListingGoneError, RateLimitedError, TransientError, retryPolicyOf } from './errors.js';
import type { HostLimiter } from './host.limiter.js';
import { pinnedAgent, proxyAgent } from './pinned.agents.js';
import { outcomeOfRefusal, outcomeOfStatus, type RequestCounter } from './request.counter.js';
import type { Session } from './session.pool.js';

export interface FetchResult {
  /** The final URL (after redirects). */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
  fetchedAt: Date;
  /** Every URL that redirected on the way, in order. */
  redirects: string[];
}

export interface HttpFetcherOptions {
  limiter: HostLimiter;
  /** User agent for platforms that set none; default a real browser's. */
  userAgent?: string;
  resolver?: Resolver;
  /** Told of each response (each redirect hop) by outcome; metrics, passed in by the container. */
  requests?: RequestCounter;
}

export type FetchKind = 'page' | 'image';

export interface FetchOptions {
  kind?: FetchKind;
  /** Statuses that mean the listing is gone (page fetches only). */
  goneStatus?: number[];
  session?: Session;
  headers?: Record<string, string>;
  /** Aborts the request (the capture's total budget). */
  signal?: AbortSignal;
}

interface RawResponse { status: number; contentType: string; body: Buffer; redirect?: string; retryAfter?: string }

/** The limiter key that pauses a whole platform. */
export const platformKey = (platform: PlatformConfig) => `platform:${platform.id}`;

export class HttpFetcher {
  constructor(private readonly opts: HttpFetcherOptions) {}

  /** The user agent this platform is fetched with. */
  userAgent(platform: PlatformConfig): string {
    return platform.userAgent ?? this.opts.userAgent ?? DEFAULT_USER_AGENT;
  }

  /**
   * GETs `url` for `platform`, once. Gone statuses throw ListingGoneError,
   * block statuses and login/captcha redirects BlockedError, 429
   * RateLimitedError (and pause the platform), 5xx TransientError.
   */
  async get(platform: PlatformConfig, url: string, kindOrOpts: FetchKind | FetchOptions = 'page', goneStatus: number[] = []): Promise<FetchResult> {
    const o: FetchOptions = typeof kindOrOpts === 'string' ? { kind: kindOrOpts, goneStatus } : kindOrOpts;
    const kind = o.kind ?? 'page';
    const limits = platform.limits;
    const cap = kind === 'image' ? limits.maxImageBytes : limits.maxPageBytes;
    const redirects: string[] = [];
    let url_ = url;
    for (let hop = 0; hop <= limits.maxRedirects; hop++) {
      const paused = this.opts.limiter.pausedFor(platformKey(platform));
      if (paused.ms > 0) throw new RateLimitedError(platform.id, url_, paused.ms, undefined, `platform paused: ${paused.reason}`);
      const dispatcher = await this.dispatcher(platform, url_);
      const count = (outcome: Parameters<RequestCounter['request']>[1]) => this.opts.requests?.request(platform.id, outcome);
      const res: RawResponse = await this.opts.limiter.run(new URL(url_).host, limits, () => this.once(platform, url_, kind, cap, dispatcher, o))
        .catch((err) => { count('error'); throw err; });
      if (res.redirect) {
        const blocked = blockedByUrl(platform, res.redirect, url_);
        count(blocked ? 'blocked' : '3xx');
        if (blocked) throw blocked;
        redirects.push(url_);
        url_ = res.redirect;
        continue;
      }
      if (kind === 'page' && (o.goneStatus ?? []).includes(res.status)) { count(outcomeOfStatus(res.status)); throw new ListingGoneError(platform.id, url_, res.status); }
      const refused = blockedByStatus(platform, url_, res.status, res.retryAfter);
      count(refused ? outcomeOfRefusal(refused) : outcomeOfStatus(res.status));
      if (refused) {
        // A throttle pauses the whole platform for as long as it asked; a block is left to the session pool.
        const { policy, delayMs } = retryPolicyOf(refused);
        if (policy === 'wait' && delayMs) this.opts.limiter.pause(platformKey(platform), Date.now() + delayMs, `HTTP ${res.status} from ${new URL(url_).host}`);
        throw refused;
      }
      if (res.status >= 500 || res.status === 408) throw new TransientError(`HTTP ${res.status}`, platform.id, url_, res.status);
      if (res.status >= 400) throw new HttpStatusError(platform.id, url_, res.status);
      return { url: url_, status: res.status, contentType: res.contentType, body: res.body, fetchedAt: new Date(), redirects };
    }
    throw new LimitExceededError(`more than ${limits.maxRedirects} redirects`, platform.id, url);
  }

  /**
   * Direct: an agent whose connections can only go to the address the guard
   * checked. Through a proxy the proxy resolves the name (no lookup here), so
   * the target is checked without DNS ({@link assertAllowedProxiedUrl}) and
   * the proxy's own address is the operator's choice.
   */
  private async dispatcher(platform: PlatformConfig, url: string): Promise<Dispatcher> {
    if (platform.proxy) {
      assertAllowedProxiedUrl(url, platform.id, allowsPrivate(platform, url));
      return proxyAgent(platform.proxy);
    }
    const checked = await resolveAllowedAddress(url, platform.id, allowsPrivate(platform, url), this.opts.resolver);
    return pinnedAgent(new URL(url).host, checked);
  }

  private async once(platform: PlatformConfig, url: string, kind: FetchKind, cap: number, dispatcher: Dispatcher, o: FetchOptions): Promise<RawResponse> {
    const limits = platform.limits;
    const headers: Record<string, string> = {
      'user-agent': this.userAgent(platform),
      accept: kind === 'image' ? 'image/avif,image/webp,image/*,*/*;q=0.8' : 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8',
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      ...o.session?.headers, ...o.headers,
    };
    const cookie = o.session ? await o.session.jar.getCookieString(url) : '';
    if (cookie) headers.cookie = cookie;
    const signals = [AbortSignal.timeout(limits.timeoutMs), ...(o.signal ? [o.signal] : [])];
    try {
      const r = await request(url, {
        method: 'GET', headers, dispatcher,
        headersTimeout: limits.timeoutMs, bodyTimeout: limits.timeoutMs, signal: AbortSignal.any(signals),
      });
      const setCookie = r.headers['set-cookie'];
      if (o.session && setCookie) {
        for (const c of Array.isArray(setCookie) ? setCookie : [setCookie]) await o.session.jar.setCookie(c, url, { ignoreError: true });
      }
      const retryAfter = r.headers['retry-after'] as string | undefined;
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
      return { status: r.statusCode, contentType: String(r.headers['content-type'] ?? ''), body: Buffer.concat(chunks), retryAfter };
    } catch (err) {
      if (err instanceof CrawlError) throw err;
      throw new TransientError(`request failed: ${(err as Error).message}`, platform.id, url, undefined, { cause: err });
    }
  }
}
