/**
 * A pool of tesseract.js workers (chi_sim + eng, language data from npm,
 * never a CDN), sized to the machine. Images are greyscaled and upscaled 2x
 * with sharp; when text bands are known (text-presence test), only those
 * bands are read, each cropped with a margin, which is faster and reads more.
 */
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { createScheduler, createWorker, type Scheduler } from 'tesseract.js';
import type { TextBand } from './text-presence.filter.js';
import { prepareTessdata } from './tessdata.js';

/** Pool settings. */
export interface OcrPoolOptions {
  /** Folder for the language data (copied from the npm packages on first use). */
  tessdataDir: string;
  /** Workers. Default: available cores, at most 4 (each takes 100-170 MB). */
  size?: number;
  langs?: string[];
  /**
   * Largest upscale before reading. Default 2. With text bands, a band is
   * scaled only as far as its text needs to reach `lineHeight`: upscaling
   * text that is already large costs time and reads worse.
   */
  upscale?: number;
  /** Text height, px, that bands are scaled towards (never down). Default 40. */
  lineHeight?: number;
  /** Tesseract page segmentation mode. Default '11' (sparse text). */
  pageSegMode?: string;
}

/** Default pool size for this machine. */
export function defaultOcrPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export class OcrPool {
  private scheduler?: Promise<Scheduler>;
  readonly size: number;

  constructor(private readonly opts: OcrPoolOptions) {
    this.size = Math.max(1, opts.size ?? defaultOcrPoolSize());
  }

  private get(): Promise<Scheduler> {
    this.scheduler ??= (async () => {
      const langs = this.opts.langs ?? ['chi_sim', 'eng'];
      const langPath = prepareTessdata(this.opts.tessdataDir, langs);
      const scheduler = createScheduler();
      const workers = await Promise.all(Array.from({ length: this.size }, async () => {
        const w = await createWorker(langs.join('+'), 1, { langPath, cacheMethod: 'none', gzip: true, logger: () => {}, errorHandler: () => {} }, { tessedit_load_sublangs: '' } as never);
        // chi_sim's own config asks to load chi_sim_vert (vertical text), which the npm package does not ship: without
        // tessedit_load_sublangs '' every start printed "Error opening data file ./玂臎.traineddata". debug_file:
        // tesseract's own chatter ("Detected N diacritics" per line) stays out of the worker log.
        await w.setParameters({ tessedit_pageseg_mode: (this.opts.pageSegMode ?? '11') as never, thresholding_method: '2', debug_file: '/dev/null' } as never);
        return w;
      }));
      for (const w of workers) scheduler.addWorker(w);
      return scheduler;
    })();
    return this.scheduler;
  }

  /** Starts the workers now (otherwise on first read). */
  async warm(): Promise<void> { await this.get(); }

  /** Text of an image; with `bands`, only those regions are read (top to bottom). */
  async read(image: Uint8Array, bands?: TextBand[]): Promise<string> {
    const scheduler = await this.get();
    const up = this.opts.upscale ?? 2;
    const meta = await sharp(image).metadata();
    const W = meta.width ?? 0, H = meta.height ?? 0;
    const regions = bands?.length ? mergeBands(bands, W, H) : [{ x: 0, y: 0, w: W, h: H }];
    const parts: string[] = [];
    for (const r of regions) {
      const scale = regionScale(r, bands ?? [], up, this.opts.lineHeight ?? 40);
      const width = Math.min(2400, Math.round(r.w * scale));
      const prepared = await sharp(image).extract({ left: r.x, top: r.y, width: r.w, height: r.h })
        .resize({ width }).greyscale().extend({ top: 16, bottom: 16, left: 16, right: 16, background: '#ffffff' }).png().toBuffer();
      const { data } = await scheduler.addJob('recognize', prepared);
      const text = data.text.replace(/[ \t]+/g, '').trim();
      if (text) parts.push(text);
    }
    return parts.join('\n');
  }

  async close(): Promise<void> {
    if (this.scheduler) await (await this.scheduler).terminate().catch(() => {});
    this.scheduler = undefined;
  }
}

/**
 * How far to upscale a region before reading: until the median height of the
 * text bands inside it reaches `lineHeight`, at least 1 and at most `max`;
 * `max` for a region without bands (the whole image).
 */
export function regionScale(region: TextBand, bands: TextBand[], max: number, lineHeight: number): number {
  const heights = bands.filter((b) => b.y >= region.y && b.y + b.h <= region.y + region.h).map((b) => b.h).sort((a, b) => a - b);
  if (!heights.length) return max;
  return Math.min(max, Math.max(1, lineHeight / heights[Math.floor(heights.length / 2)]));
}

/** Pads bands (half their height, at least 8 px), clips them to the image, and merges overlapping ones. */
export function mergeBands(bands: TextBand[], W: number, H: number): TextBand[] {
  const padded = bands.map((b) => {
    const p = Math.max(8, Math.round(b.h / 2));
    const x = Math.max(0, b.x - p), y = Math.max(0, b.y - p);
    return { x, y, w: Math.min(W, b.x + b.w + p) - x, h: Math.min(H, b.y + b.h + p) - y };
  }).sort((a, b) => a.y - b.y);
  const out: TextBand[] = [];
  for (const b of padded) {
    const last = out[out.length - 1];
    if (last && b.y <= last.y + last.h) {
      const x = Math.min(last.x, b.x), y = last.y;
      last.w = Math.max(last.x + last.w, b.x + b.w) - x; last.h = Math.max(last.y + last.h, b.y + b.h) - y; last.x = x;
    } else out.push({ ...b });
  }
  return out.filter((b) => b.w >= 4 && b.h >= 4);
}
