/** listing queue: capture (or re-capture) one listing with its evidence. */
import type { Job } from 'bullmq';
import type { Container } from '../../app/container.js';
import { storeCapture } from '../../crawler/capture.service.js';
import { ListingGoneError } from '../../crawler/errors.js';
import { getListing, markFailed, markGone } from '../../store/listing.repository.js';
import type { CaptureListingJob } from '../jobs.js';
import type { Pipeline } from '../pipeline.js';
import { guarded } from './job.guard.js';

export function listingProcessor(c: Container, pipeline: Pipeline) {
  return (job: Job<CaptureListingJob>) => guarded(job, async () => {
    const { runId, listingId } = job.data;
    const row = await getListing(c.db, listingId);
    if (!row) throw new Error(`listing row ${listingId} not found`);
    const platform = c.platform(row.platform);
    try {
      const result = await c.crawler.capture(platform, row.listing_id);
      const rec = await storeCapture(c.db, c.evidence, listingId, runId, result);
      await pipeline.captured(runId, listingId, rec.captureId);
      return { captureId: rec.captureId, changed: rec.changed };
    } catch (err) {
      if (err instanceof ListingGoneError) {
        await markGone(c.db, listingId, runId, new Date());
        await pipeline.gone(runId, listingId);
        return { gone: true };
      }
      throw err;
    }
  }, async (message) => {
    await markFailed(c.db, job.data.listingId, message);
    await pipeline.listingFailed(job.data.runId, job.data.listingId, message);
  });
}
