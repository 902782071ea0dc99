/** search queue: fetch one results page of one keyword on one platform. */
import type { Job } from 'bullmq';
import type { Container } from '../../app/container.js';
import { BlockedError } from '../../crawler/errors.js';
import type { SearchPageJob } from '../jobs.js';
import type { Pipeline } from '../pipeline.js';
import { guarded } from './job.guard.js';

export function searchProcessor(c: Container, pipeline: Pipeline) {
  return (job: Job<SearchPageJob>) => guarded(job, async () => {
    const d = job.data;
    const platform = c.platform(d.platform);
    try {
      const res = await c.crawler.search(platform, d.keyword, d.page);
      await pipeline.searchPageDone(d, res.items, res.hasNext);
      return { found: res.items.length, hasNext: res.hasNext };
    } catch (err) {
      if (err instanceof BlockedError) await c.browser.rotateSession();
      throw err;
    }
  }, (message) => pipeline.searchPageFailed(job.data, message));
}
