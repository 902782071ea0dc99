/**
 * Crawl errors carry their retry policy and what broke (platform, url), so the
 * worker knows whether to retry and logs and the API can say what failed.
 */

/** What the worker should do with a job that threw this error. */
export type RetryPolicy =
  /** Retry with backoff (timeouts, 5xx, connection resets). */
  | 'retry'
  /** Retry with a fresh browser session (blocked, captcha, 429). */
  | 'rotate-session'
  /** Fail now; retrying cannot help (gone, refused address, malformed page, too large). */
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

/** The platform blocked us (403/429, captcha page): rotate the session and retry. */
export class BlockedError extends CrawlError {
  override readonly retry = 'rotate-session' as const;
  constructor(platform: string, url: string, readonly status?: number) {
    super(`blocked by platform${status ? ` (HTTP ${status})` : ''}`, platform, url);
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

/** A response or image over the configured cap, or too many redirects. */
export class LimitExceededError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(what: string, platform: string, url: string) {
    super(what, platform, url);
  }
}

/** The page arrived but does not have what the platform config says it has. */
export class ExtractionError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(message: string, platform: string, url: string, readonly field?: string) {
    super(field ? `${field}: ${message}` : message, platform, url);
  }
}

/** A job names a platform that is not configured (or disabled). */
export class UnknownPlatformError extends CrawlError {
  override readonly retry = 'never' as const;
  constructor(platform: string) {
    super(`unknown or disabled platform "${platform}"`, platform, '');
  }
}

export function isRetryable(err: unknown): boolean {
  return !(err instanceof CrawlError) || err.retry !== 'never';
}
