/** search queue: fetch one results page of one keyword on one platform. */
import type { Job } from 'bullmq';
import type { Container } from '../../app/container.js';
import type { SearchPageJob } from '../jobs.js';
import type { Pipeline } from '../pipeline.js';
import { guarded } from './job.guard.js';

export function searchProcessor(c: Container, pipeline: Pipeline) {
  return (job: Job<SearchPageJob>) => guarded(job, async () => {
    const d = job.data;
    const platform = c.platform(d.platform);
    // A block has already retired the session that saw it (inside the crawler); the error's class says the rest.
    const res = await c.crawler.search(platform, d.keyword, d.page);
    await pipeline.searchPageDone(d, res.items, res.hasNext);
    return { found: res.items.length, hasNext: res.hasNext, outcome: res.outcome };
  }, (message) => pipeline.searchPageFailed(job.data, message));
}
