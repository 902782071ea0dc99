/**
 * Perceptual hashes (64-bit) of whole images, with sharp: pHash (DCT of a
 * 32×32 greyscale, the 8×8 lowest frequencies against their median) and
 * dHash (9×8 gradient signs). A photo re-encoded, resized or lightly edited
 * keeps its hash within a few bits; Hamming distance compares them.
 */
import sharp from 'sharp';

/** A 64-bit hash as 16 lowercase hex digits. */
export type Hash64 = string;

/** Hamming distance between two 64-bit hex hashes. */
export function hashDistance(a: Hash64, b: Hash64): number {
  let x = BigInt('0x' + a) ^ BigInt('0x' + b);
  let d = 0;
  while (x) { x &= x - 1n; d++; }
  return d;
}

/** Signed 64-bit integer of a hash (Postgres bigint). */
export function hashToInt64(h: Hash64): bigint {
  return BigInt.asIntN(64, BigInt('0x' + h));
}

/** The four 16-bit bands of a hash (multi-index lookup: two hashes within 3 bits share at least one band). */
export function hashBands(h: Hash64): [number, number, number, number] {
  return [0, 4, 8, 12].map((i) => parseInt(h.slice(i, i + 4), 16)) as [number, number, number, number];
}

const N = 32;
const COS: Float64Array = (() => {
  const t = new Float64Array(8 * N);
  for (let u = 0; u < 8; u++) for (let x = 0; x < N; x++) t[u * N + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N));
  return t;
})();

function bitsToHex(bits: boolean[]): Hash64 {
  let out = '';
  for (let i = 0; i < 64; i += 4) out += ((+bits[i] << 3) | (+bits[i + 1] << 2) | (+bits[i + 2] << 1) | +bits[i + 3]).toString(16);
  return out;
}

/** pHash of a 32×32 greyscale raster. */
export function pHashOfGrey32(px: Uint8Array): Hash64 {
  const rows = new Float64Array(8 * N);
  for (let y = 0; y < N; y++) for (let u = 0; u < 8; u++) {
    let s = 0;
    for (let x = 0; x < N; x++) s += px[y * N + x] * COS[u * N + x];
    rows[u * N + y] = s;
  }
  const coef: number[] = [];
  for (let v = 0; v < 8; v++) for (let u = 0; u < 8; u++) {
    let s = 0;
    for (let y = 0; y < N; y++) s += rows[u * N + y] * COS[v * N + y];
    coef.push(s);
  }
  const sorted = coef.slice(1).sort((a, b) => a - b);
  const median = (sorted[31] + sorted[32]) / 2;
  return bitsToHex(coef.map((c) => c > median));
}

/** Both hashes of an encoded image. Throws on undecodable input (check with image.guard first). */
export async function perceptualHashes(bytes: Uint8Array | Buffer): Promise<{ phash: Hash64; dhash: Hash64 }> {
  const base = sharp(bytes, { limitInputPixels: 40_000_000, pages: 1 }).rotate().flatten({ background: '#ffffff' }).greyscale();
  const [p, d] = await Promise.all([
    base.clone().resize(N, N, { fit: 'fill', kernel: 'cubic' }).raw().toBuffer(),
    base.clone().resize(9, 8, { fit: 'fill', kernel: 'cubic' }).raw().toBuffer(),
  ]);
  const bits: boolean[] = [];
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) bits.push(d[y * 9 + x] < d[y * 9 + x + 1]);
  return { phash: pHashOfGrey32(p), dhash: bitsToHex(bits) };
}

/** pHash of a greyscale raster already in memory (any size), by box-averaging to 32×32 in place of a resize. */
export function pHashOfRaw(data: Uint8Array, width: number, height: number): Hash64 {
  const px = new Uint8Array(N * N);
  for (let by = 0; by < N; by++) {
    const y0 = Math.floor((by * height) / N), y1 = Math.max(y0 + 1, Math.floor(((by + 1) * height) / N));
    for (let bx = 0; bx < N; bx++) {
      const x0 = Math.floor((bx * width) / N), x1 = Math.max(x0 + 1, Math.floor(((bx + 1) * width) / N));
      let s = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += data[y * width + x];
      px[by * N + bx] = Math.round(s / ((y1 - y0) * (x1 - x0)));
    }
  }
  return pHashOfGrey32(px);
}
