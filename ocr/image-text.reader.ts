/**
 * Reads text in listing images (tesseract.js, local language data only), for
 * marks that appear only inside an image. One recogniser per process, reused;
 * preprocessing (2x upscale, greyscale) roughly doubles what it reads.
 */
import sharp from 'sharp';
import { createWorker, type Worker } from 'tesseract.js';
import { prepareTessdata } from './tessdata.js';

/** Reads the text of an image. */
export interface ImageTextReader {
  read(image: Buffer): Promise<string>;
  close(): Promise<void>;
}

export interface OcrOptions {
  /** Folder for the language data (copied from npm packages on first use). */
  tessdataDir: string;
  langs?: string[];
  /** Largest file read, in bytes (default {@link OCR_LIMITS}.maxBytes). */
  maxBytes?: number;
  /** Largest image read, in pixels, checked from the header before decoding (default {@link OCR_LIMITS}.maxPixels). */
  maxPixels?: number;
}

/** Defaults: a listing photo is a few megapixels; anything far beyond is a mistake or a decompression bomb. */
export const OCR_LIMITS = { maxBytes: 15 * 1024 * 1024, maxPixels: 40_000_000 } as const;

/** An image the reader will not read, with the reason (too large, corrupt, not an image). */
export class ImageRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`image refused: ${reason}`);
    this.name = 'ImageRefusedError';
  }
}

/** Checks size, header and dimensions before any decoding; throws {@link ImageRefusedError}. */
export async function checkImage(image: Buffer, limits: { maxBytes: number; maxPixels: number } = OCR_LIMITS) {
  if (!image.length) throw new ImageRefusedError('empty file');
  if (image.length > limits.maxBytes) throw new ImageRefusedError(`${image.length} bytes; at most ${limits.maxBytes} are read`);
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>["metadata"]>>;
  try {
    meta = await sharp(image, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new ImageRefusedError(`not a readable image (corrupt or unsupported format: ${(err as Error).message})`);
  }
  const { width, height } = meta;
  if (!width || !height) throw new ImageRefusedError('the image header gives no dimensions');
  if (width * height > limits.maxPixels) throw new ImageRefusedError(`${width}x${height} pixels; at most ${limits.maxPixels} are read`);
  return meta;
}

export function createImageTextReader(opts: OcrOptions): ImageTextReader {
  let worker: Promise<Worker> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const limits = { maxBytes: opts.maxBytes ?? OCR_LIMITS.maxBytes, maxPixels: opts.maxPixels ?? OCR_LIMITS.maxPixels };
  const get = () => {
    worker ??= (async () => {
      const langPath = prepareTessdata(opts.tessdataDir, opts.langs);
      const w = await createWorker(opts.langs?.join('+') ?? 'chi_sim+eng', 1, {
        langPath, cacheMethod: 'none', gzip: true, logger: () => {}, errorHandler: () => {},
      }, { tessedit_load_sublangs: '' } as never); // chi_sim_vert is not shipped: do not ask for it (ocr/ocr.pool.ts)
      await w.setParameters({ tessedit_pageseg_mode: '11' as never, thresholding_method: '2' } as never);
      return w;
    })();
    return worker;
  };
  return {
    read(image) {
      // tesseract.js workers take one image at a time; chain requests.
      const run = queue.then(async () => {
        const meta = await checkImage(image, limits);
        let prepared: Buffer;
        try {
          // failOn 'error': a truncated or damaged body is refused, not read as half an image.
          prepared = await sharp(image, { limitInputPixels: limits.maxPixels, failOn: 'error' })
            .resize({ width: Math.min(2400, (meta.width ?? 600) * 2) }).greyscale().png().toBuffer();
        } catch (err) {
          throw new ImageRefusedError(`cannot decode the image (${(err as Error).message})`);
        }
        const w = await get();
        const { data } = await w.recognize(prepared);
        return data.text.replace(/[ \t]+/g, '').trim();
      });
      queue = run.catch(() => {});
      return run;
    },
    async close() {
      if (worker) await (await worker).terminate().catch(() => {});
      worker = undefined;
    },
  };
}
