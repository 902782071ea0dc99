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
}

export function createImageTextReader(opts: OcrOptions): ImageTextReader {
  let worker: Promise<Worker> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const get = () => {
    worker ??= (async () => {
      const langPath = prepareTessdata(opts.tessdataDir, opts.langs);
      const w = await createWorker(opts.langs?.join('+') ?? 'chi_sim+eng', 1, {
        langPath, cacheMethod: 'none', gzip: true, logger: () => {}, errorHandler: () => {},
      });
      await w.setParameters({ tessedit_pageseg_mode: '11' as never, thresholding_method: '2' } as never);
      return w;
    })();
    return worker;
  };
  return {
    read(image) {
      // tesseract.js workers take one image at a time; chain requests.
      const run = queue.then(async () => {
        const meta = await sharp(image).metadata();
        const prepared = await sharp(image).resize({ width: Math.min(2400, (meta.width ?? 600) * 2) }).greyscale().png().toBuffer();
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
