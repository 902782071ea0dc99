/**
 * Loads a listing's images once for every image signal: bytes from memory or
 * disk, SHA-256, and the guard's verdict. A refused or unreadable image is
 * reported (never thrown), so the rest of the listing is still judged.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inspectImage, type ImageLimits, type ImageRefusal } from './image.guard.js';
import type { ListingImage } from '../detector/signal.js';

/** An image ready for the signals, or its refusal. */
export type LoadedImage =
  | { ok: true; ref: string; sha256: string; bytes: Uint8Array; width: number; height: number; format: string }
  | (ImageRefusal & { ref: string; sha256?: string });

const cache = new WeakMap<ListingImage, Promise<LoadedImage>>();

/** Loads (once per ListingImage object) and checks one image. */
export function loadListingImage(img: ListingImage, limits?: Partial<ImageLimits>): Promise<LoadedImage> {
  let p = cache.get(img);
  if (!p) {
    p = (async (): Promise<LoadedImage> => {
      let bytes: Uint8Array;
      try {
        bytes = img.bytes ?? (img.path ? await readFile(img.path) : new Uint8Array());
      } catch (err) {
        return { ok: false, code: 'unreadable', reason: `cannot read ${img.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, ref: img.ref };
      }
      const sha256 = img.sha256 ?? createHash('sha256').update(bytes).digest('hex');
      const info = await inspectImage(bytes, limits);
      if (!info.ok) return { ...info, ref: img.ref, sha256 };
      return { ok: true, ref: img.ref, sha256, bytes, width: info.width, height: info.height, format: info.format };
    })();
    cache.set(img, p);
  }
  return p;
}
