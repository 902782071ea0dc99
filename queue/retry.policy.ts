/**
 * The one retry layer: BullMQ's attempts and backoff, driven by the decision
 * the error's class carries, read only through `retryPolicyOf`
 * (crawler/errors.ts). Nothing below this retries on its own. A job that fails
 * for good is recorded through `onFinal` before the error propagates, so its
 * run can still finish.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { retryPolicyOf, type RetryDecision } from '../crawler/errors.js';
import type { Failure } from './pipeline.js';

/** How a final failure is recorded: a block apart from other failures (a throttle that never let go is a failure), and a short kind for the run's error counts. */
export function failureOf(err: unknown, decision: RetryDecision = retryPolicyOf(err)): Failure {
  const message = (err as Error)?.message ?? String(err);
  return { message, blocked: decision.outcome === 'blocked', kind: decision.kind };
}

/** How many Retry-After waits one job may take before they count as failures. */
export const MAX_WAITS = 20;

export interface PolicyHooks {
  /** The job failed for good (no retry left, or retrying cannot help). */
  onFinal(f: Failure): Promise<void>;
  /** The error asks for a fresh session before the retry (only the session that saw it). */
  onRotate?(err: unknown): Promise<void>;
}

export async function withRetryPolicy<T>(job: Job, token: string | undefined, work: () => Promise<T>, hooks: PolicyHooks): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const decision = retryPolicyOf(err);
    const { policy, delayMs } = decision;
    // The platform said when to come back (429 Retry-After, a paused platform): wait that long without spending
    // an attempt, up to MAX_WAITS times per job so a platform that never lets go still ends the job.
    const waits = (job.attemptsStarted ?? 0) - job.attemptsMade;
    if (policy === 'wait' && delayMs && delayMs > 0 && token && waits < MAX_WAITS) {
      await job.moveToDelayed(Date.now() + delayMs, token);
      throw new DelayedError();
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (policy === 'never' || lastAttempt) {
      await hooks.onFinal(failureOf(err, decision));
      if (policy === 'never') throw new UnrecoverableError((err as Error).message);
      throw err;
    }
    if (policy === 'rotate-session') await hooks.onRotate?.(err);
    throw err;
  }
}
