/**
 * OCR read once per image content: the result (or the reason it was skipped)
 * is cached in Postgres by SHA-256 and engine (image_texts), concurrent
 * requests for the same image share one read, bad images are refused by the
 * image guard, and images without text (text-presence test) are not read.
 */
import { inspectImage, type ImageLimits } from '../image/image.guard.js';
import type { Queryable } from '../store/database.js';
import { cachedImageText, saveImageTextResult } from '../store/image.repository.js';
import { detectTextPresence, type TextBand, type TextPresenceOptions } from './text-presence.filter.js';

/** Engine key of results read by this path (banded reads; not comparable with whole-image reads). */
export const OCR_BANDS_ENGINE = 'tesseract.js-chi_sim+eng-psm11-bands';

/** Reads text (the OCR pool, or anything with the same method). */
export interface BandReader {
  read(image: Uint8Array, bands?: TextBand[]): Promise<string>;
  /** Starts whatever reading needs (the OCR workers) now rather than on the first read. */
  warm?(): Promise<void>;
}

/** One image's OCR outcome. */
export interface ImageTextResult {
  text: string;
  /** Why it was not read: 'no-text' (text-presence test) or 'refused:<code>' (image guard); null when read. */
  skipped: string | null;
  /** True when it came from the cache. */
  cached: boolean;
}

/** Counters, for benchmarks and logs. */
export interface ImageTextStats { cacheHits: number; read: number; skippedNoText: number; refused: number }

export class ImageTextCache {
  private readonly inflight = new Map<string, Promise<ImageTextResult>>();
  readonly stats: ImageTextStats = { cacheHits: 0, read: 0, skippedNoText: 0, refused: 0 };

  constructor(private readonly deps: {
    db: Queryable; reader: BandReader; engine?: string;
    /** Set false to read every image (no text-presence test). */
    textPresence?: Partial<TextPresenceOptions> | false;
    limits?: Partial<ImageLimits>;
  }) {}

  get engine(): string { return this.deps.engine ?? OCR_BANDS_ENGINE; }

  /** Starts the reader's workers now (a worker process does so before it takes jobs). */
  async warm(): Promise<void> { await this.deps.reader.warm?.(); }

  /**
   * Text of the image with this SHA-256; `bytes` is only loaded on a cache miss. The sha256 must exist in evidence_blobs.
   * `stored: false`: the caller has just seen that no text is stored for this engine, so the store is not asked again.
   */
  read(sha256: string, bytes: Uint8Array | (() => Promise<Uint8Array>), opts: { stored?: false } = {}): Promise<ImageTextResult> {
    let p = this.inflight.get(sha256);
    if (!p) {
      p = this.readOnce(sha256, bytes, opts.stored !== false).finally(() => this.inflight.delete(sha256));
      this.inflight.set(sha256, p);
    }
    return p;
  }

  private async readOnce(sha256: string, source: Uint8Array | (() => Promise<Uint8Array>), lookUp: boolean): Promise<ImageTextResult> {
    const hit = lookUp ? await cachedImageText(this.deps.db, sha256, this.engine) : undefined;
    if (hit) { this.stats.cacheHits++; return { text: hit.text, skipped: hit.skipped, cached: true }; }
    const bytes = typeof source === 'function' ? await source() : source;
    const info = await inspectImage(bytes, this.deps.limits);
    let result: Omit<ImageTextResult, 'cached'>;
    if (!info.ok) {
      this.stats.refused++;
      result = { text: '', skipped: `refused:${info.code}` };
    } else {
      let bands: TextBand[] | undefined;
      if (this.deps.textPresence !== false) {
        const tp = await detectTextPresence(bytes, this.deps.textPresence || {});
        bands = tp.bands;
      }
      if (bands && bands.length === 0) {
        this.stats.skippedNoText++;
        result = { text: '', skipped: 'no-text' };
      } else {
        this.stats.read++;
        result = { text: await this.deps.reader.read(bytes, bands), skipped: null };
      }
    }
    await saveImageTextResult(this.deps.db, sha256, this.engine, result.text, result.skipped);
    return { ...result, cached: false };
  }
}
