/**
 * A hook the crawler calls once per HTTP response it receives (each redirect
 * hop is one), so a process can count requests per platform by outcome
 * without the crawler knowing about Prometheus: the container passes in an
 * implementation (app/metrics.registry.ts); crawler/ stays free of app/.
 */
import { BlockedError, type CrawlError, retryPolicyOf } from './errors.js';

/** What one request came to: its status class, a throttle (429, or 503 with Retry-After), a block, or no answer. */
export type RequestOutcome = '2xx' | '3xx' | '4xx' | '429' | '5xx' | 'blocked' | 'error';

export const REQUEST_OUTCOMES: readonly RequestOutcome[] = ['2xx', '3xx', '4xx', '429', '5xx', 'blocked', 'error'];

/** Told of each request's outcome, by platform id. */
export interface RequestCounter {
  request(platform: string, outcome: RequestOutcome): void;
}

/** The status class of an answer that was neither a block nor a throttle. */
export function outcomeOfStatus(status: number): RequestOutcome {
  if (status === 429) return '429';
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  if (status >= 200) return '2xx';
  return 'error';
}

/** The outcome a refusal (block status, login/captcha redirect, throttle) counts as. */
export function outcomeOfRefusal(err: CrawlError): RequestOutcome {
  // A throttle is what the retry policy says waits (crawler/errors.ts is its one reader).
  if (retryPolicyOf(err).policy === 'wait') return '429';
  if (err instanceof BlockedError) return 'blocked';
  return 'error';
}
