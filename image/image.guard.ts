/**
 * The gate every listing image passes before any image work: corrupt files,
 * wrong types, zero bytes, decompression bombs and huge dimensions are refused
 * with a reason (recorded by the caller), never thrown past the listing.
 * Accepted images are decoded once into a small greyscale working copy.
 */
import sharp, { type Metadata } from 'sharp';

/** Why an image was refused. */
export type RefusalCode = 'empty' | 'too-many-bytes' | 'unsupported-type' | 'corrupt' | 'too-many-pixels' | 'too-large-dimensions' | 'unreadable';

/** A refused image: the code and a sentence for the record. */
export interface ImageRefusal { ok: false; code: RefusalCode; reason: string }

/** Limits applied to every listing image. */
export interface ImageLimits {
  /** Largest file accepted, bytes. Default 20 MB. */
  maxBytes: number;
  /** Largest width × height accepted (sharp's limitInputPixels). Default 40 megapixels. */
  maxPixels: number;
  /** Largest width or height accepted. Default 12,000 px. */
  maxSide: number;
  /** Accepted formats (sharp's names). Default jpeg, png, webp, gif, avif, heif, tiff. SVG is refused: listing images are photos. */
  formats: readonly string[];
}

/** Defaults of {@link ImageLimits}. */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = Object.freeze({
  maxBytes: 20 * 1024 * 1024,
  maxPixels: 40_000_000,
  maxSide: 12_000,
  formats: Object.freeze(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff']),
});

/** An accepted image's header facts. */
export interface ImageInfo { ok: true; width: number; height: number; format: string }

/** A decoded greyscale working copy: `scale` = working pixels per original pixel. */
export interface GreyImage { ok: true; width: number; height: number; data: Uint8Array; scale: number; original: ImageInfo }

const refuse = (code: RefusalCode, reason: string): ImageRefusal => ({ ok: false, code, reason });

/** Checks size, type and dimensions from the header only (no full decode). */
export async function inspectImage(bytes: Uint8Array | Buffer | undefined, limits: Partial<ImageLimits> = {}): Promise<ImageInfo | ImageRefusal> {
  const lim = { ...DEFAULT_IMAGE_LIMITS, ...limits };
  if (!bytes || bytes.length === 0) return refuse('empty', 'zero bytes');
  if (bytes.length > lim.maxBytes) return refuse('too-many-bytes', `${bytes.length} bytes > limit ${lim.maxBytes}`);
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, failOn: 'none' }).metadata();
  } catch (err) {
    const msg = (err as Error).message;
    if (/unsupported image format/i.test(msg)) return refuse('unsupported-type', 'not an image format sharp reads (magic bytes unknown)');
    return refuse('corrupt', `header unreadable: ${msg.slice(0, 160)}`);
  }
  const format = meta.format ?? 'unknown';
  if (!lim.formats.includes(format)) return refuse('unsupported-type', `format ${format} not accepted`);
  const width = meta.width ?? 0, height = meta.height ?? 0;
  if (!width || !height) return refuse('corrupt', 'no dimensions in header');
  if (width > lim.maxSide || height > lim.maxSide) return refuse('too-large-dimensions', `${width}x${height} exceeds ${lim.maxSide} px per side`);
  if (width * height > lim.maxPixels) return refuse('too-many-pixels', `${width}x${height} = ${width * height} pixels > limit ${lim.maxPixels} (decompression bomb guard)`);
  return { ok: true, width, height, format };
}

/**
 * Decodes an accepted image to greyscale, at most `maxSide` pixels on its
 * longer side (never upscaled). Truncated or corrupt pixel data is refused.
 */
export async function decodeGrey(bytes: Uint8Array | Buffer, maxSide: number, limits: Partial<ImageLimits> = {}): Promise<GreyImage | ImageRefusal> {
  const info = await inspectImage(bytes, limits);
  if (!info.ok) return info;
  const lim = { ...DEFAULT_IMAGE_LIMITS, ...limits };
  try {
    // sharp resizes the colour image (shrink-on-load for JPEG); the grey conversion and the flattening onto
    // white are done here: sharp's greyscale step costs more than the decode of the working copy itself.
    const { data, info: out } = await sharp(bytes, { limitInputPixels: lim.maxPixels, failOn: 'truncated', pages: 1 })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true, kernel: 'linear' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const long = Math.max(info.width, info.height);
    return { ok: true, width: out.width, height: out.height, data: toGrey(data, out.channels), scale: Math.max(out.width, out.height) / long, original: info };
  } catch (err) {
    return refuse('corrupt', `pixel data unreadable: ${(err as Error).message.slice(0, 160)}`);
  }
}

/** Luma (BT.601) of 1-4 channel pixels; an alpha channel is flattened onto white. */
export function toGrey(data: Uint8Array, channels: number): Uint8Array {
  const n = data.length / channels;
  const out = new Uint8Array(n);
  if (channels === 1) { out.set(data); return out; }
  if (channels === 3) {
    // The usual case (JPEG), without the per-pixel channel tests of the general loop below.
    for (let i = 0, o = 0; i < n; i++, o += 3) out[i] = (data[o] * 77 + data[o + 1] * 150 + data[o + 2] * 29) >> 8;
    return out;
  }
  const alpha = channels === 2 || channels === 4;
  for (let i = 0, o = 0; i < n; i++, o += channels) {
    let v = channels >= 3 ? (data[o] * 77 + data[o + 1] * 150 + data[o + 2] * 29) >> 8 : data[o];
    if (alpha) { const a = data[o + channels - 1]; v = (v * a + 255 * (255 - a) + 127) / 255; }
    out[i] = v;
  }
  return out;
}
