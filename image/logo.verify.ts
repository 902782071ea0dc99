/**
 * Geometric verification of one candidate logo: a RANSAC similarity fit of
 * its correspondences (enough distinct inliers, spread over the logo), then a
 * dense check (|normalised cross-correlation| of the logo mapped into the
 * image), then the box in the original image's pixels.
 */
import type { GreyImage } from './image.guard.js';
import type { Candidate } from './logo.vote.js';
import { applySimilarity, fitSimilarity, type Similarity } from './similarity.ransac.js';

/** A logo found in an image, with its evidence. */
export interface LogoHit {
  logoId: string;
  assetId: string;
  /** Where the logo is, in the original image's pixels. */
  box: { x: number; y: number; w: number; h: number };
  /** 0..1. */
  confidence: number;
  /** Geometrically consistent feature matches (distinct points). */
  inliers: number;
  votes: number;
  /** |Normalised cross-correlation| of the mapped logo with the image (0 for a pHash hit). */
  correlation: number;
  rotationDeg: number;
  method: 'features' | 'phash';
}

/** What the index keeps of each logo for verification. */
export interface LogoMeta {
  logoId: string; assetId: string; w: number; h: number; hashes: string[];
  /** The logo (margin excluded) at `maskScale` of the reference frame, for the dense check. */
  mask: Uint8Array; mw: number; mh: number; maskScale: number;
}

/** Verification settings (a subset of the index options). */
export interface VerifyOptions {
  /** Distinct inlier points needed to accept a logo. Default 5 (see also minInlierShare and the correlation check). */
  minInliers: number;
  /** Distinct inliers needed per matched query point as well: a candidate with many chance matches (a wordmark under text) needs more. Default 0.04. */
  minInlierShare: number;
  /** RANSAC inlier error, working-copy pixels. Default 5. */
  ransacThreshold: number;
  /** Largest rotation accepted, degrees. Default 35. */
  maxRotationDeg: number;
  /** Smallest logo accepted in the image, working-copy pixels (longer side). Default 18. */
  minLogoSide: number;
  /** Least |correlation| of the mapped logo with the image region. Default 0.72 (true hits on the eval set score 0.76 and up at the 320 px working copy, look-alike fits 0.69 and down). */
  minCorrelation: number;
  /** Most RANSAC samples per candidate (fewer when the inlier share allows an early stop). Default 300. */
  ransacIterations: number;
}

/** Checks candidate `c` (logo `L`) against the image; `descPt` holds each indexed descriptor's point in its logo's frame. */
export function verifyCandidate(L: LogoMeta, c: Candidate, descPt: Float32Array, qpts: Float32Array, data: Uint8Array, img: GreyImage, o: VerifyOptions): LogoHit | null {
  const n = c.queryPoints.length;
  const src = new Float32Array(2 * n), dst = new Float32Array(2 * n);
  for (let k = 0; k < n; k++) {
    const id = c.descIds[k], q = c.queryPoints[k];
    src[2 * k] = descPt[2 * id]; src[2 * k + 1] = descPt[2 * id + 1];
    dst[2 * k] = qpts[2 * q]; dst[2 * k + 1] = qpts[2 * q + 1];
  }
  const minScale = o.minLogoSide / Math.max(L.w, L.h);
  const maxScale = (1.6 * Math.max(img.width, img.height)) / Math.max(L.w, L.h);
  const t = fitSimilarity(src, dst, { threshold: o.ransacThreshold, maxRotationDeg: o.maxRotationDeg, minScale, maxScale, iterations: o.ransacIterations });
  if (!t) return null;
  // Distinct inlier points on both sides (ORB repeats a corner across pyramid levels).
  const dstKeys = new Set<number>(), srcKeys = new Set<number>();
  let sx0 = Infinity, sy0 = Infinity, sx1 = -Infinity, sy1 = -Infinity;
  for (const k of t.inliers) {
    dstKeys.add(Math.round(dst[2 * k] / 3) * 65536 + Math.round(dst[2 * k + 1] / 3));
    const sx = src[2 * k], sy = src[2 * k + 1];
    srcKeys.add(Math.round(sx / 4) * 65536 + Math.round(sy / 4));
    sx0 = Math.min(sx0, sx); sy0 = Math.min(sy0, sy); sx1 = Math.max(sx1, sx); sy1 = Math.max(sy1, sy);
  }
  const distinct = Math.min(dstKeys.size, srcKeys.size);
  if (distinct < Math.max(o.minInliers, Math.ceil(o.minInlierShare * c.points))) return null;
  // The inliers must spread over the logo, not sit on one corner of it.
  if (Math.max((sx1 - sx0) / L.w, (sy1 - sy0) / L.h) < 0.3) return null;
  const ncc = correlation(L, t, data, img);
  if (ncc < o.minCorrelation) return null;
  const corners = [[0, 0], [L.w, 0], [L.w, L.h], [0, L.h]].map(([x, y]) => applySimilarity(t, x, y));
  const xs = corners.map((p) => p[0] / img.scale), ys = corners.map((p) => p[1] / img.scale);
  const W = img.original.width, H = img.original.height;
  const x0 = Math.max(0, Math.floor(Math.min(...xs))), y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const x1 = Math.min(W, Math.ceil(Math.max(...xs))), y1 = Math.min(H, Math.ceil(Math.max(...ys)));
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const confidence = Math.round(Math.min(0.99, 0.62 + 0.2 * (1 - Math.exp(-(distinct - o.minInliers) / 10)) + 0.3 * (ncc - o.minCorrelation)) * 1000) / 1000;
  return { logoId: L.logoId, assetId: L.assetId, box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, confidence, inliers: distinct, votes: Math.round(c.votes * 10) / 10, correlation: Math.round(ncc * 1000) / 1000,
    rotationDeg: Math.round(t.rotationDeg * 10) / 10, method: 'features' };
}

/**
 * |Normalised cross-correlation| between the logo raster mapped into the
 * image and the image itself, over the part of the logo's box inside the
 * image. Absolute, so a recoloured or inverted logo scores like the original.
 */
export function correlation(L: LogoMeta, t: Similarity, data: Uint8Array, img: GreyImage): number {
  // Inverse map: logo = conj(a)/|a|² · (image − b).
  const s2 = t.ar * t.ar + t.ai * t.ai;
  const ir = t.ar / s2, ii = -t.ai / s2;
  const corners = [[0, 0], [L.w, 0], [L.w, L.h], [0, L.h]].map(([x, y]) => applySimilarity(t, x, y));
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[0])))), x1 = Math.min(img.width - 1, Math.ceil(Math.max(...corners.map((c) => c[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[1])))), y1 = Math.min(img.height - 1, Math.ceil(Math.max(...corners.map((c) => c[1]))));
  const step = Math.max(1, Math.floor(Math.max(x1 - x0, y1 - y0) / 120));
  let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let y = y0; y <= y1; y += step) for (let x = x0; x <= x1; x += step) {
    const dx = x - t.br, dy = y - t.bi;
    const lx = (ir * dx - ii * dy) * L.maskScale, ly = (ir * dy + ii * dx) * L.maskScale;
    const mx = Math.round(lx), my = Math.round(ly);
    if (mx < 0 || my < 0 || mx >= L.mw || my >= L.mh) continue;
    const a = L.mask[my * L.mw + mx], b = data[y * img.width + x];
    n++; sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
  }
  if (n < 30) return 0;
  const va = saa - (sa * sa) / n, vb = sbb - (sb * sb) / n;
  if (va <= 0 || vb <= 0) return 0;
  return Math.abs((sab - (sa * sb) / n) / Math.sqrt(va * vb));
}

/** Best first; a hit whose box lies mostly (≥ 50%) inside a better hit's box is dropped (one place shows one logo). */
export function suppressOverlaps(hits: LogoHit[]): LogoHit[] {
  const kept: LogoHit[] = [];
  for (const h of hits.sort((a, b) => b.confidence - a.confidence)) {
    const clash = kept.some((k) => {
      const ix = Math.max(0, Math.min(k.box.x + k.box.w, h.box.x + h.box.w) - Math.max(k.box.x, h.box.x));
      const iy = Math.max(0, Math.min(k.box.y + k.box.h, h.box.y + h.box.h) - Math.max(k.box.y, h.box.y));
      return ix * iy >= 0.5 * Math.min(k.box.w * k.box.h, h.box.w * h.box.h) && k.method === h.method;
    });
    if (!clash) kept.push(h);
  }
  return kept;
}

/** Box-averages the logo box of a raster to at most `side` px (longer side). */
export function downsample(data: Uint8Array, width: number, box: { x: number; y: number; w: number; h: number }, side: number) {
  const k = Math.min(1, side / Math.max(box.w, box.h));
  const mw = Math.max(1, Math.round(box.w * k)), mh = Math.max(1, Math.round(box.h * k));
  const mask = new Uint8Array(mw * mh);
  for (let my = 0; my < mh; my++) for (let mx = 0; mx < mw; mx++) {
    const xa = box.x + Math.floor(mx / k), xb = Math.max(xa + 1, box.x + Math.floor((mx + 1) / k));
    const ya = box.y + Math.floor(my / k), yb = Math.max(ya + 1, box.y + Math.floor((my + 1) / k));
    let s = 0;
    for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) s += data[y * width + x];
    mask[my * mw + mx] = Math.round(s / ((yb - ya) * (xb - xa)));
  }
  return { mask, mw, mh, maskScale: k };
}
