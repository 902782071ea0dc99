/** Text read from a capture's images, cached per image hash so an image is read once. */
import type { EvidenceStore } from '../store/evidence.store.js';
import type { Db } from '../store/database.js';
import { imagesOfCapture, saveImageText, type CaptureImageRow } from '../store/evidence.repository.js';
import type { ImageTextCache } from './image-text.cache.js';
import type { ImageTextReader } from './image-text.reader.js';

export const OCR_ENGINE = 'tesseract.js-chi_sim+eng-psm11';

/** The engine whose stored texts {@link captureImageTexts} reads: the cache's, else the plain reader's. */
export function captureTextEngine(deps: { cache?: Pick<ImageTextCache, 'engine'> }): string {
  return deps.cache?.engine ?? OCR_ENGINE;
}

/**
 * Maps each image URL of the capture to the text read from it. Unreadable images are skipped.
 * With `cache` (an {@link ImageTextCache} over the OCR pool), images without text are not read,
 * text bands are cropped and upscaled, and concurrent reads of one image are shared.
 */
export async function captureImageTexts(deps: { db: Db; evidence: Pick<EvidenceStore, 'read'>; reader?: ImageTextReader; cache?: ImageTextCache; maxImages: number; onError?: (sha256: string, err: unknown) => void },
  captureId: number, rows?: CaptureImageRow[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const images = (rows ?? await imagesOfCapture(deps.db, captureId, captureTextEngine(deps))).slice(0, deps.maxImages);
  for (const img of images) {
    let text = img.text;
    if (text === null) {
      try {
        if (deps.cache) {
          // The row above already said no text is stored for this engine: the cache need not ask again.
          text = (await deps.cache.read(img.sha256, () => deps.evidence.read(img.sha256), { stored: false })).text;
        } else if (deps.reader) {
          text = await deps.reader.read(await deps.evidence.read(img.sha256));
          await saveImageText(deps.db, img.sha256, OCR_ENGINE, text);
        } else continue;
      } catch (err) {
        deps.onError?.(img.sha256, err);
        continue;
      }
    }
    if (text) out[img.source_url] = text;
  }
  return out;
}
