/** listing queue: capture (or re-capture) one listing with its evidence. */
import type { Job } from 'bullmq';
import { retryPolicyOf } from '../../crawler/errors.js';
import type { CaptureListingJob } from '../jobs.js';
import type { Pipeline } from '../pipeline.js';
import type { CrawlPort } from '../ports.js';
import { withRetryPolicy } from '../retry.policy.js';

export function listingProcessor(crawl: CrawlPort, pipeline: Pipeline) {
  return async (job: Job<CaptureListingJob>, token?: string) => {
    let platform = '';
    return withRetryPolicy(job, token, async () => {
      const target = await pipeline.target(job.data);
      platform = target.platform;
      try {
        const result = await crawl.capture(target.platform, target.listingId, target.card);
        return await pipeline.captured(job.data, result);
      } catch (err) {
        // Gone is an outcome, not a failure.
        if (retryPolicyOf(err).outcome === 'gone') {
          await pipeline.gone(job.data);
          return { gone: true };
        }
        throw err;
      }
    }, {
      onFinal: (f) => pipeline.listingFailed(job.data, f),
      onRotate: (err) => crawl.retireSession(platform, err),
    });
  };
}
