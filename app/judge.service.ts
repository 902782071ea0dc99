/**
 * Judges one stored capture: loads it in FORMATS §2 shape with its images,
 * reads text in the images (OCR, cached per image hash), and runs the
 * detector built from the register in Postgres. With `images.analyse:
 * 'undecided'` a listing whose text already decides it skips OCR and logo
 * matching, the two costliest steps of a scan.
 */
import { captureImageTexts, captureTextEngine } from '../ocr/capture-text.service.js';
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
      const rows = await imagesOfCapture(c.db, captureId, captureTextEngine({ cache: c.ocr }));
      // Each image's bytes are read from the store once, for OCR and the image signals alike.
      const bytes = new Map<string, Promise<Buffer>>();
      const read = (sha256: string) => { let b = bytes.get(sha256); if (!b) bytes.set(sha256, b = c.evidence.read(sha256)); return b; };
      const ocrText = c.ocr && !decided
        ? await captureImageTexts({ db: c.db, evidence: { read }, cache: c.ocr, maxImages: c.config.ocr.maxImagesPerListing,
          onError: (sha256, err) => c.logger.warn({ captureId, sha256, err: (err as Error).message }, 'image not readable by OCR') }, captureId, rows)
        : undefined;
      // The listing's stored images, for the image signals (logos, reused photos).
      const images: ListingImage[] = [];
      if (c.config.images.enabled) {
        for (const img of rows) images.push({ ref: img.source_url, sha256: img.sha256, bytes: await read(img.sha256) });
      }
      return { verdict: await detector.judge({ listing: cap.listing, ocrText, images }, { costly: !decided }), version };
    },
  };
}
