/**
 * Maps crawl errors to BullMQ's retry behaviour and lets a processor record a
 * final failure (so the run still finishes) before the error propagates.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { isRetryable } from '../../crawler/errors.js';

export async function guarded<T>(job: Job, work: () => Promise<T>, onFinalFailure: (message: string) => Promise<void>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    const retryable = isRetryable(err);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!retryable || lastAttempt) {
      await onFinalFailure(message);
      if (!retryable) throw new UnrecoverableError(message);
    }
    throw err;
  }
}
