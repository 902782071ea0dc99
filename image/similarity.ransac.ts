/**
 * RANSAC for a similarity transform (scale, rotation, translation: 4 degrees
 * of freedom) from logo-frame points to image points. A logo that is resized,
 * cropped, moved or rotated a little is a similarity of its registered form;
 * the tighter model rejects chance alignments that a homography would accept.
 */

/** A fitted transform: image = a * logo + b, in complex form (a = s·e^{iθ}). */
export interface Similarity {
  ar: number; ai: number; br: number; bi: number;
  /** Scale factor s = |a|. */
  scale: number;
  /** Rotation θ in degrees. */
  rotationDeg: number;
  /** Indices of inlier correspondences. */
  inliers: number[];
}

/** Limits of an acceptable transform. */
export interface RansacOptions {
  /** Inlier reprojection error, in image pixels. Default 4. */
  threshold?: number;
  iterations?: number;
  /** Largest |rotation| accepted, degrees. Default 40. */
  maxRotationDeg?: number;
  minScale?: number;
  maxScale?: number;
  seed?: number;
  /** Stop early once a sample of two inliers has been drawn with this probability (adaptive RANSAC). Default 0.995. */
  confidence?: number;
  /** Samples drawn before an early stop is considered. Default 40. */
  minIterations?: number;
}

/** Fits image ≈ a·logo + b with RANSAC; `src`/`dst` are interleaved x,y arrays of equal length. */
export function fitSimilarity(src: Float32Array | number[], dst: Float32Array | number[], opts: RansacOptions = {}): Similarity | null {
  const n = src.length / 2;
  if (n < 3) return null;
  const thr2 = (opts.threshold ?? 4) ** 2;
  const maxRot = ((opts.maxRotationDeg ?? 40) * Math.PI) / 180;
  const minS = opts.minScale ?? 0.02, maxS = opts.maxScale ?? 20;
  const iters = opts.iterations ?? Math.min(400, n * (n - 1) / 2 * 2);
  let seed = (opts.seed ?? 12345) >>> 0;
  const rnd = (m: number) => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed % m; };

  let best: number[] = [];
  const count = (ar: number, ai: number, br: number, bi: number, out?: number[]) => {
    let c = 0;
    for (let k = 0; k < n; k++) {
      const sx = src[2 * k], sy = src[2 * k + 1];
      const ex = ar * sx - ai * sy + br - dst[2 * k];
      const ey = ar * sy + ai * sx + bi - dst[2 * k + 1];
      if (ex * ex + ey * ey <= thr2) { c++; out?.push(k); }
    }
    return c;
  };
  const valid = (ar: number, ai: number) => {
    const s = Math.hypot(ar, ai);
    return s >= minS && s <= maxS && Math.abs(Math.atan2(ai, ar)) <= maxRot;
  };
  let bestCount = 0;
  // Adaptive stop: with an inlier share w, a clean two-point sample is drawn within log(1-p)/log(1-w²) tries.
  const logMiss = Math.log(1 - (opts.confidence ?? 0.995));
  const minIters = Math.min(iters, opts.minIterations ?? 40);
  let needed = iters;
  for (let it = 0; it < needed; it++) {
    const i = rnd(n);
    let j = rnd(n);
    if (j === i) j = (j + 1) % n;
    const sxr = src[2 * j] - src[2 * i], sxi = src[2 * j + 1] - src[2 * i + 1];
    const dxr = dst[2 * j] - dst[2 * i], dxi = dst[2 * j + 1] - dst[2 * i + 1];
    const den = sxr * sxr + sxi * sxi;
    if (den < 4) continue;
    const ar = (dxr * sxr + dxi * sxi) / den, ai = (dxi * sxr - dxr * sxi) / den;
    if (!valid(ar, ai)) continue;
    const br = dst[2 * i] - (ar * src[2 * i] - ai * src[2 * i + 1]);
    const bi = dst[2 * i + 1] - (ar * src[2 * i + 1] + ai * src[2 * i]);
    const c = count(ar, ai, br, bi);
    if (c > bestCount) {
      bestCount = c; best = [i, j];
      const w = c / n;
      needed = w >= 1 ? minIters : Math.min(iters, Math.max(minIters, Math.ceil(logMiss / Math.log(1 - w * w))));
    }
  }
  if (bestCount < 3) return null;
  // Re-derive the inliers of the best sample, then refine by least squares (twice).
  const [i, j] = best;
  let ar: number, ai: number, br: number, bi: number;
  {
    const sxr = src[2 * j] - src[2 * i], sxi = src[2 * j + 1] - src[2 * i + 1];
    const dxr = dst[2 * j] - dst[2 * i], dxi = dst[2 * j + 1] - dst[2 * i + 1];
    const den = sxr * sxr + sxi * sxi;
    ar = (dxr * sxr + dxi * sxi) / den; ai = (dxi * sxr - dxr * sxi) / den;
    br = dst[2 * i] - (ar * src[2 * i] - ai * src[2 * i + 1]);
    bi = dst[2 * i + 1] - (ar * src[2 * i + 1] + ai * src[2 * i]);
  }
  let inl: number[] = [];
  count(ar, ai, br, bi, inl);
  for (let round = 0; round < 2; round++) {
    let msx = 0, msy = 0, mdx = 0, mdy = 0;
    for (const k of inl) { msx += src[2 * k]; msy += src[2 * k + 1]; mdx += dst[2 * k]; mdy += dst[2 * k + 1]; }
    const m = inl.length;
    msx /= m; msy /= m; mdx /= m; mdy /= m;
    let nr = 0, ni = 0, den = 0;
    for (const k of inl) {
      const sr = src[2 * k] - msx, si = src[2 * k + 1] - msy, dr = dst[2 * k] - mdx, di = dst[2 * k + 1] - mdy;
      nr += dr * sr + di * si; ni += di * sr - dr * si; den += sr * sr + si * si;
    }
    if (den <= 0) break;
    const nar = nr / den, nai = ni / den;
    if (!valid(nar, nai)) break;
    ar = nar; ai = nai;
    br = mdx - (ar * msx - ai * msy); bi = mdy - (ar * msy + ai * msx);
    const next: number[] = [];
    count(ar, ai, br, bi, next);
    if (next.length < 3) break;
    inl = next;
  }
  return { ar, ai, br, bi, scale: Math.hypot(ar, ai), rotationDeg: (Math.atan2(ai, ar) * 180) / Math.PI, inliers: inl };
}

/** Maps a logo-frame point through the transform. */
export function applySimilarity(t: Similarity, x: number, y: number): [number, number] {
  return [t.ar * x - t.ai * y + t.br, t.ar * y + t.ai * x + t.bi];
}
