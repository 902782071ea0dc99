/** detect queue: run the detector on one capture and store the verdict. */
import type { Job } from 'bullmq';
import type { Container } from '../../app/container.js';
import { OCR_ENGINE, captureImageTexts } from '../../ocr/capture-text.service.js';
import { imagesOfCapture } from '../../store/evidence.repository.js';
import { getCaptureAsListing } from '../../store/listing.repository.js';
import { saveVerdict } from '../../store/verdict.repository.js';
import type { DetectCaptureJob } from '../jobs.js';
import type { Pipeline } from '../pipeline.js';
import { guarded } from './job.guard.js';

export function detectProcessor(c: Container, pipeline: Pipeline) {
  return (job: Job<DetectCaptureJob>) => guarded(job, async () => {
    const { runId, captureId, listingId } = job.data;
    const cap = await getCaptureAsListing(c.db, captureId);
    if (!cap) throw new Error(`capture ${captureId} not found`);
    const { detector, version } = await c.detectors.get();
    const ocrText = c.ocr
      ? await captureImageTexts({ db: c.db, evidence: c.evidence, reader: c.ocr, maxImages: c.config.ocr.maxImagesPerListing,
        onError: (sha256, err) => c.logger.warn({ captureId, sha256, err: (err as Error).message }, 'image not readable by OCR') }, captureId)
      : undefined;
    // Image bytes are read only when an image signal is registered to look at them.
    const images = detector.signals.all().some((s) => s.async)
      ? await Promise.all((await imagesOfCapture(c.db, captureId, OCR_ENGINE)).map(async (i) => ({ ref: i.source_url, sha256: i.sha256, bytes: await c.evidence.read(i.sha256) })))
      : undefined;
    const verdict = await detector.judge({ listing: cap.listing, ocrText, images });
    await saveVerdict(c.db, captureId, cap.listingRowId, verdict, version);
    await pipeline.detected(runId, listingId);
    return { suspect: verdict.suspect, score: verdict.score };
  }, (message) => pipeline.listingFailed(job.data.runId, job.data.listingId, message));
}
