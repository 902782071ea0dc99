/**
 * Judges one stored capture: loads it in FORMATS §2 shape with its images,
 * reads text in the images (OCR, cached per image hash), and runs the
 * detector built from the register in Postgres. With `images.analyse:
 * 'undecided'` a listing whose text already decides it skips OCR and logo
 * matching, the two costliest steps of a scan.
 */
import { captureImageTexts } from '../ocr/capture-text.service.js';
import type { JudgePort } from '../queue/ports.js';
import type { ListingImage } from '../detector/signal.js';
import { imagesOfCapture } from '../store/evidence.repository.js';
import { getCaptureAsListing } from '../store/listing.repository.js';
import type { Container } from './container.js';

export function judgeService(c: Pick<Container, 'db' | 'evidence' | 'ocr' | 'detectors' | 'config' | 'logger'>): JudgePort {
  return {
    async judge(captureId) {
      const cap = await getCaptureAsListing(c.db, captureId);
      if (!cap) throw new Error(`capture ${captureId} not found`);
      const { detector, version } = await c.detectors.get();
      // A listing its text already flags is not read by OCR nor matched against logos: images could only add matches.
      const decided = c.config.images.analyse === 'undecided' && detector.textDecides({ listing: cap.listing });
      const ocrText = c.ocr && !decided
        ? await captureImageTexts({ db: c.db, evidence: c.evidence, cache: c.ocr, maxImages: c.config.ocr.maxImagesPerListing,
          onError: (sha256, err) => c.logger.warn({ captureId, sha256, err: (err as Error).message }, 'image not readable by OCR') }, captureId)
        : undefined;
      // The listing's stored images, for the image signals (logos, reused photos); each image's bytes are read once.
      const images: ListingImage[] = [];
      if (c.config.images.enabled) {
        for (const img of await imagesOfCapture(c.db, captureId, '')) images.push({ ref: img.source_url, sha256: img.sha256, bytes: await c.evidence.read(img.sha256) });
      }
      return { verdict: await detector.judge({ listing: cap.listing, ocrText, images }, { costly: !decided }), version };
    },
  };
}
