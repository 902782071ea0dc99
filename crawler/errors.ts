/**
 * Crawl errors carry their retry policy and what broke (platform, url). The
 * crawler itself never retries: the class of the error it throws says what the
 * one retry layer (BullMQ) should do. {@link retryPolicyOf} is the only reader
 * of that policy: the queue (retry, wait, give up, record the failure, a
 * gone listing), the crawler (retire the session, feed the circuit breaker,
 * pause the platform) and the browser pool (keep the page) all decide from its
 * answer, never from the error's class or fields themselves
 * (test/architecture/retry-policy.test.ts).
 *
 * A block and a throttle are different things: a block (login wall, captcha,
 * 403) means this session is refused, so it is retired and the circuit breaker
 * counts it; a throttle (429 with Retry-After, a paused platform) means "not so
 * fast", so the platform waits and the session stays.
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

/**
 * What a failure counts as in the run's figures, the session pool and the
 * circuit breaker: a block, a throttle, a listing that is gone (an outcome,
 * not a failure), or any other failure.
 */
export type FailureOutcome = 'blocked' | 'throttled' | 'gone' | 'failed';

/** Every crawl error: what broke (platform, url), its retry policy and what it counts as. */
export class CrawlError extends Error {
  readonly retry: RetryPolicy = 'retry';
  readonly outcome: FailureOutcome = 'failed';
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

/**
 * An interstitial ("please wait / verifying your browser"): the page set a
 * cookie and showed none of the fields the config reads. It is not a broken
 * selector: the same session, whose cookie jar now holds that cookie, is
 * retried (the session is not retired, the breaker does not count it).
 */
export class InterstitialError extends TransientError {
  constructor(platform: string, url: string, readonly cookies: string[], options?: { cause?: unknown }) {
    super(`interstitial page: it set cookie ${cookies.join(', ')} and showed none of the fields; retried with the same session`, platform, url, undefined, options);
  }
}

/** Why a platform refused to serve us. */
export type BlockReason = 'login' | 'captcha' | 'marker' | 'status';

/**
 * The platform blocked us: a login wall, a captcha, a block status or a
 * configured text marker. Retire the session that saw it and retry.
 */
export class BlockedError extends CrawlError {
  override readonly retry = 'rotate-session' as const;
  override readonly outcome = 'blocked' as const;
  constructor(platform: string, url: string, readonly reason: BlockReason, readonly status?: number, readonly detail?: string) {
    super(`blocked by platform: ${reason}${status ? ` (HTTP ${status})` : ''}${detail ? ` ${detail}` : ''}`, platform, url);
  }
}

/**
 * A throttle, not a block: HTTP 429/503 with Retry-After, or the platform is
 * paused (its limiter or its circuit breaker). Nothing for this platform until
 * `retryAfterMs` has passed; the session that saw it stays, and the circuit
 * breaker does not count it.
 */
export class RateLimitedError extends CrawlError {
  override readonly retry = 'wait' as const;
  override readonly outcome = 'throttled' as const;
  constructor(platform: string, url: string, readonly retryAfterMs: number, readonly status?: number, readonly detail?: string) {
    super(`rate limited${status ? ` (HTTP ${status})` : ''}: ${detail ?? `retry after ${Math.ceil(retryAfterMs / 1000)} s`}`, platform, url);
  }
}

/** The listing no longer exists (404/410 or a gone marker). Not retried: it is an outcome. */
export class ListingGoneError extends CrawlError {
  override readonly retry = 'never' as const;
  override readonly outcome = 'gone' as const;
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

/**
 * A listing id that is not one of this platform's (it does not match
 * `item.idPattern`, or its item URL would leave the template's origin): the
 * id came from a page the platform served, so it is refused, never fetched.
 */
export class ListingIdRefusedError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(platform: string, readonly listingId: string, readonly reason: string, url = '') {
    super(`listing id ${JSON.stringify(listingId)} refused: ${reason}`, platform, url);
  }
}

/** A job names a platform that is not configured (or disabled). */
export class UnknownPlatformError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(platform: string) {
    super(`unknown or disabled platform "${platform}"`, platform, '');
  }
}

/** What to do with a failure, read from the error's class by {@link retryPolicyOf}. */
export interface RetryDecision {
  policy: RetryPolicy;
  /** What it counts as: `blocked` retires the session and feeds the circuit breaker, `throttled` only waits. */
  outcome: FailureOutcome;
  /** The error's class name (`Error` for anything that is not a crawl error), for the run's error counts. */
  kind: string;
  /** For `wait`: how long the platform asked to be left alone, ms (its Retry-After, or what is left of its pause). */
  delayMs?: number;
  /** The platform that failed (crawl errors only). */
  platform?: string;
  /** For a block: what the platform showed (login wall, captcha, marker, status). */
  reason?: BlockReason;
}

/**
 * The one place retry policy is read. Errors that are not crawl errors (a bug,
 * a lost database connection) are retried with backoff and count as failures.
 */
export function retryPolicyOf(err: unknown): RetryDecision {
  if (!(err instanceof CrawlError)) return { policy: 'retry', outcome: 'failed', kind: 'Error' };
  const d: RetryDecision = { policy: err.retry, outcome: err.outcome, kind: err.name, platform: err.platform };
  if (err instanceof RateLimitedError) d.delayMs = err.retryAfterMs;
  if (err instanceof BlockedError) d.reason = err.reason;
  return d;
}
