/**
 * Crawl errors carry their retry policy and what broke (platform, url). The
 * crawler itself never retries: the class of the error it throws says what the
 * one retry layer (BullMQ) should do, read through {@link retryPolicyOf}.
 */

/** What the worker should do with a job that threw this error. */
export type RetryPolicy =
  /** Retry with backoff (timeouts, 5xx, connection resets). */
  | 'retry'
  /** Retire the session that was blocked, then retry (login wall, captcha, 403). */
  | 'rotate-session'
  /** Retry once the platform's Retry-After (or pause) has passed. */
  | 'wait'
  /** Fail now; retrying cannot help (gone, refused address, broken selector, too large). */
  | 'never';

export class CrawlError extends Error {
  readonly retry: RetryPolicy = 'retry';
  constructor(
    message: string,
    readonly platform: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} [platform=${platform} url=${url}]`, options);
    this.name = new.target.name;
  }
}

/** A timeout, a 5xx or a dropped connection: worth another try later. */
export class TransientError extends CrawlError {
  override readonly retry = 'retry' as const;
  constructor(message: string, platform: string, url: string, readonly status?: number, options?: { cause?: unknown }) {
    super(message, platform, url, options);
  }
}

/** A capture ran past its total time budget (a page that keeps running script, a stalled screenshot). */
export class CaptureTimeoutError extends TransientError {
  constructor(platform: string, url: string, readonly budgetMs: number, readonly step: string) {
    super(`capture exceeded its ${budgetMs} ms budget during ${step}`, platform, url);
  }
}

/** Why a platform refused to serve us. */
export type BlockReason = 'login' | 'captcha' | 'rate-limit' | 'marker' | 'status';

/**
 * The platform blocked us: a login wall, a captcha, a block status or a
 * configured text marker. Retire the session that saw it and retry.
 */
export class BlockedError extends CrawlError {
  override readonly retry: RetryPolicy = 'rotate-session';
  constructor(platform: string, url: string, readonly reason: BlockReason, readonly status?: number, readonly detail?: string) {
    super(`blocked by platform: ${reason}${status ? ` (HTTP ${status})` : ''}${detail ? ` ${detail}` : ''}`, platform, url);
  }
}

/**
 * HTTP 429/503 with Retry-After, or the platform is paused (its limiter or its
 * circuit breaker): nothing for this platform until `retryAfterMs` has passed.
 */
export class RateLimitedError extends BlockedError {
  override readonly retry = 'wait' as const;
  constructor(platform: string, url: string, readonly retryAfterMs: number, status?: number, detail?: string) {
    super(platform, url, 'rate-limit', status, detail ?? `retry after ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

/** The listing no longer exists (404/410 or a gone marker). Not retried: it is an outcome. */
export class ListingGoneError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(platform: string, url: string, readonly status?: number) {
    super(`listing gone${status ? ` (HTTP ${status})` : ''}`, platform, url);
  }
}

/** The address resolves to a private, loopback or link-local network the platform may not reach. */
export class AddressRefusedError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(platform: string, url: string, readonly address: string) {
    super(`refused address ${address} (private/loopback/link-local; set allowPrivateNetwork to allow)`, platform, url);
  }
}

/** robots.txt of the site disallows the URL and the platform obeys it. */
export class RobotsDisallowedError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(platform: string, url: string) {
    super('disallowed by robots.txt (set robots to "ignore" in the platform config to override)', platform, url);
  }
}

/** A response or image over the configured cap, or too many redirects. */
export class LimitExceededError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(what: string, platform: string, url: string) {
    super(what, platform, url);
  }
}

/** A 4xx that is neither gone nor blocked: retrying will not help. */
export class HttpStatusError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(platform: string, url: string, readonly status: number) {
    super(`HTTP ${status}`, platform, url);
  }
}

/** The page arrived but is not what the platform config can read (malformed JSON, no embedded data). */
export class ExtractionError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(message: string, platform: string, url: string, readonly field?: string) {
    super(field ? `${field}: ${message}` : message, platform, url);
  }
}

/**
 * A selector or path the config relies on matched nothing on a page that is
 * neither blocked nor an empty result: the site changed, the config needs fixing.
 */
export class SelectorBrokenError extends ExtractionError {
  constructor(message: string, platform: string, url: string, field: string) {
    super(message, platform, url, field);
  }
}

/** A job names a platform that is not configured (or disabled). */
export class UnknownPlatformError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(platform: string) {
    super(`unknown or disabled platform "${platform}"`, platform, '');
  }
}

/** What the queue layer should do with a failed job, read from the error's class. */
export interface RetryDecision {
  policy: RetryPolicy;
  /** For `wait`: how long to hold the job before its next attempt, ms. */
  delayMs?: number;
  /** For `rotate-session`: the platform whose session should be retired. */
  platform?: string;
}

/**
 * The one place retry policy is read. Errors that are not crawl errors (a bug,
 * a lost database connection) are retried with backoff.
 */
export function retryPolicyOf(err: unknown): RetryDecision {
  if (!(err instanceof CrawlError)) return { policy: 'retry' };
  if (err instanceof RateLimitedError) return { policy: 'wait', delayMs: err.retryAfterMs, platform: err.platform };
  if (err.retry === 'rotate-session') return { policy: 'rotate-session', platform: err.platform };
  return { policy: err.retry };
}

export function isRetryable(err: unknown): boolean {
  return retryPolicyOf(err).policy !== 'never';
}
