/** search queue: fetch one results page of one keyword on one platform. */
import type { Job } from 'bullmq';
import type { SearchPageJob } from '../jobs.js';
import type { Pipeline } from '../pipeline.js';
import type { CrawlPort } from '../ports.js';
import { withRetryPolicy } from '../retry.policy.js';

export function searchProcessor(crawl: CrawlPort, pipeline: Pipeline) {
  return (job: Job<SearchPageJob>, token?: string) => withRetryPolicy(job, token, async () => {
    const d = job.data;
    await pipeline.awaitCaptureCapacity();
    const res = await crawl.search(d.platform, d.keyword, d.page);
    const refused = res.refused.map((r) => r.message);
    await pipeline.searchPageDone(d, res.items, res.hasNext, refused);
    return { found: res.items.length, hasNext: res.hasNext, refused };
  }, {
    onFinal: (f) => pipeline.searchPageFailed(job.data, f),
    onRotate: (err) => crawl.retireSession(job.data.platform, err),
  });
}
