/**
 * Turns a registered logo file (SVG or raster) into greyscale rasters to
 * index: dark-on-light at a given size with a white margin, plus its
 * inverse, so a logo recoloured light-on-dark still matches.
 */
import sharp from 'sharp';

/** A greyscale raster with the logo's own box inside it. */
export interface LogoRaster {
  width: number; height: number; data: Uint8Array;
  /** Where the logo sits (margin excluded), in raster pixels. */
  box: { x: number; y: number; w: number; h: number };
}

/** True when the bytes look like an SVG document. */
export function isSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart();
  return head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'));
}

/** Rasterises the logo to fit `size`×`size`, dark shape on white, with `margin` white pixels around. */
export async function renderLogo(bytes: Uint8Array, size: number, margin: number): Promise<LogoRaster> {
  const svg = isSvg(bytes);
  let input = sharp(bytes, svg ? { density: 72 } : {});
  if (svg) {
    const meta = await input.metadata();
    const long = Math.max(meta.width ?? 24, meta.height ?? 24);
    input = sharp(bytes, { density: Math.min(2400, Math.ceil((72 * size * 1.5) / long)) });
  }
  const { data, info } = await input.resize({ width: size, height: size, fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const n = info.width * info.height;
  const grey = new Uint8Array(n);
  let min = 255, max = 0, transparent = 0;
  for (let i = 0; i < n; i++) {
    const r = data[4 * i], g = data[4 * i + 1], b = data[4 * i + 2], a = data[4 * i + 3] / 255;
    const lum = 0.299 * r + 0.587 * g + 0.114 * b;
    const v = Math.round(lum * a + 255 * (1 - a));
    grey[i] = v;
    if (a > 0.5) { min = Math.min(min, v); max = Math.max(max, v); } else transparent++;
  }
  // A light logo on a transparent ground (white glyph) vanishes on white: draw its alpha as the shape instead.
  if (transparent > n * 0.05 && min > 200) for (let i = 0; i < n; i++) grey[i] = 255 - data[4 * i + 3];
  const W = info.width + 2 * margin, H = info.height + 2 * margin;
  const out = new Uint8Array(W * H).fill(255);
  for (let y = 0; y < info.height; y++) out.set(grey.subarray(y * info.width, (y + 1) * info.width), (y + margin) * W + margin);
  stretch(out);
  return { width: W, height: H, data: out, box: { x: margin, y: margin, w: info.width, h: info.height } };
}

/** Contrast stretch in place (min..max → 0..255). */
export function stretch(px: Uint8Array): void {
  // Runs on every listing image: both passes read and write four pixels per 32-bit word.
  const n = px.length;
  const words = px.byteOffset % 4 === 0 ? new Uint32Array(px.buffer, px.byteOffset, n >> 2) : new Uint32Array(0);
  const present = new Uint8Array(256);
  for (let i = 0; i < words.length; i++) {
    const x = words[i];
    present[x & 255] = 1; present[(x >>> 8) & 255] = 1; present[(x >>> 16) & 255] = 1; present[x >>> 24] = 1;
  }
  for (let i = words.length * 4; i < n; i++) present[px[i]] = 1;
  let min = 0, max = 255;
  while (min < 255 && !present[min]) min++;
  while (max > 0 && !present[max]) max--;
  if (max - min < 8 || (min === 0 && max === 255)) return;
  const k = 255 / (max - min);
  const lut = new Uint8Array(256);
  for (let v = min; v <= max; v++) lut[v] = Math.round((v - min) * k);
  for (let i = 0; i < words.length; i++) {
    const x = words[i];
    words[i] = lut[x & 255] | (lut[(x >>> 8) & 255] << 8) | (lut[(x >>> 16) & 255] << 16) | (lut[x >>> 24] << 24);
  }
  for (let i = words.length * 4; i < n; i++) px[i] = lut[px[i]];
}

/** The photographic negative of a raster. */
export function invert(r: LogoRaster): LogoRaster {
  const data = new Uint8Array(r.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - r.data[i];
  return { ...r, data };
}
