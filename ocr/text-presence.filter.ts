/**
 * A cheap test for text in an image, before OCR: on a small greyscale copy
 * (320 px wide), text lines are rows dense in sharp horizontal intensity
 * changes (character strokes), stacked into bands of text height. Photos of
 * products, flat logos and smooth shapes have few such rows and are skipped.
 * About 2-4 ms per image with sharp; it also returns where the text is, so
 * OCR can read only those bands (cropped and upscaled).
 */
import sharp from 'sharp';

/** Tuning of the test; every field has a default. */
export interface TextPresenceOptions {
  /** Width of the working copy, px. Default 320. */
  width: number;
  /** Intensity step counted as a stroke edge (0..255). Default 48. */
  edgeStep: number;
  /** Window, px, and the stroke edges a row needs inside it to be text-like. Defaults 64 and 10. */
  window: number;
  minEdgesInWindow: number;
  /** Height range of a text band, working px. Defaults 5 and 90. */
  minBand: number;
  maxBand: number;
}

/** Defaults of {@link TextPresenceOptions}. */
export const DEFAULT_TEXT_PRESENCE: TextPresenceOptions = Object.freeze({ width: 320, edgeStep: 48, window: 64, minEdgesInWindow: 10, minBand: 5, maxBand: 90 });

/** A horizontal band that looks like a line of text, in original image pixels. */
export interface TextBand { x: number; y: number; w: number; h: number }

/** The test's answer. */
export interface TextPresence { hasText: boolean; bands: TextBand[]; width: number; height: number }

/** Looks for text lines in an encoded image. Throws on undecodable input (guard first). */
export async function detectTextPresence(bytes: Uint8Array, options: Partial<TextPresenceOptions> = {}): Promise<TextPresence> {
  const o = { ...DEFAULT_TEXT_PRESENCE, ...options };
  const meta = await sharp(bytes, { limitInputPixels: 40_000_000 }).metadata();
  const { data, info } = await sharp(bytes, { limitInputPixels: 40_000_000, pages: 1 })
    .resize({ width: o.width, withoutEnlargement: false }).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const W = info.width, H = info.height, ch = info.channels;
  const k = (meta.width ?? W) / W;
  const rowText = new Uint8Array(H);
  const rowX0 = new Int32Array(H).fill(W), rowX1 = new Int32Array(H).fill(-1);
  const edges = new Int32Array(W + 1);
  for (let y = 0; y < H; y++) {
    const o0 = y * W * ch;
    edges[0] = 0;
    for (let x = 0; x < W - 1; x++) edges[x + 1] = edges[x] + (Math.abs(data[o0 + (x + 1) * ch] - data[o0 + x * ch]) >= o.edgeStep ? 1 : 0);
    edges[W] = edges[W - 1];
    for (let x = 0; x + o.window <= W; x += 4) {
      if (edges[x + o.window] - edges[x] >= o.minEdgesInWindow) {
        rowText[y] = 1;
        rowX0[y] = Math.min(rowX0[y], x);
        rowX1[y] = Math.max(rowX1[y], x + o.window);
      }
    }
  }
  const bands: TextBand[] = [];
  for (let y = 0; y < H;) {
    if (!rowText[y]) { y++; continue; }
    // Allow one-row gaps inside a line (thin horizontal strokes).
    let end = y;
    while (end + 1 < H && (rowText[end + 1] || (end + 2 < H && rowText[end + 2]))) end++;
    const h = end - y + 1;
    if (h >= o.minBand && h <= o.maxBand) {
      let x0 = W, x1 = 0;
      for (let r = y; r <= end; r++) if (rowText[r]) { x0 = Math.min(x0, rowX0[r]); x1 = Math.max(x1, rowX1[r]); }
      bands.push({ x: Math.floor(x0 * k), y: Math.floor(y * k), w: Math.ceil((x1 - x0) * k), h: Math.ceil(h * k) });
    }
    y = end + 1;
  }
  return { hasText: bands.length > 0, bands, width: meta.width ?? W, height: meta.height ?? H };
}
