/**
 * One index over every registered logo. Each logo is rendered once (two
 * sizes, both polarities), its ORB descriptors go into one global LSH table
 * set; a listing image is matched by looking each of its descriptors up in
 * that table, voting per logo, and verifying only the top few candidates with
 * a RANSAC similarity fit (resize, crop, move, small rotation). Cost per image
 * is the ORB pass plus bucket lookups: it grows slowly with the number of
 * logos. A whole-image pHash catches an image that *is* the logo.
 */
import { BinaryLsh, toWords, type LshOptions } from './binary.lsh.js';
import { decodeGrey, type GreyImage, type ImageLimits, type ImageRefusal } from './image.guard.js';
import { invert, renderLogo, stretch } from './logo.render.js';
import { INDEX_ORB, OrbExtractor, QUERY_ORB, type OrbOptions } from './orb.features.js';
import { hashBands, hashDistance, pHashOfRaw, type Hash64 } from './perceptual.hash.js';
import { applySimilarity, fitSimilarity, type Similarity } from './similarity.ransac.js';

/** A logo to index: the register's asset and the logo file's bytes (SVG or raster). */
export interface LogoEntry { logoId: string; assetId: string; bytes: Uint8Array }

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
  rotationDeg: number;
  method: 'features' | 'phash';
}

/** Tuning of the index; every field has a default. */
export interface LogoIndexOptions {
  /** Logo render sizes (longer side, px); the first is the reference frame. Default [220, 110]. */
  renderSizes: number[];
  /** White margin around a rendered logo, px. Default 24. */
  margin: number;
  /** Longer side of the working copy of a listing image, px. Default 440. */
  workSide: number;
  /** Largest Hamming distance of a descriptor match (of 256 bits). Default 64. */
  maxDistance: number;
  /** A descriptor votes only when its best match is at most this far (bits). Default 48. */
  voteDistance: number;
  /** Logos matched within this many bits of the best share the descriptor's vote. Default 6. */
  voteTie: number;
  /** Split a descriptor's vote among near-tied logos (true) or give each a full vote (false). Default true (measured better on the eval set). */
  shareVotes: boolean;
  /** Votes a logo needs to be verified. Default 2. */
  minVotes: number;
  /** Candidates verified per image. Default 5. */
  candidates: number;
  /** Distinct inlier points needed to accept a logo. Default 7. */
  minInliers: number;
  /** RANSAC inlier error, working-copy pixels. Default 5. */
  ransacThreshold: number;
  /** Largest rotation accepted, degrees. Default 35. */
  maxRotationDeg: number;
  /** Smallest logo accepted in the image, working-copy pixels (longer side). Default 18. */
  minLogoSide: number;
  /** Least |correlation| of the mapped logo with the image region. Default 0.5. */
  minCorrelation: number;
  /** Whole-image pHash distance at or under which an image is the logo itself. Default 8. */
  phashMaxDistance: number;
  orb: OrbOptions;
  indexOrb: OrbOptions;
  /** LSH table shape (default: sized to the number of descriptors). */
  lsh?: LshOptions;
  limits?: Partial<ImageLimits>;
}

/** Defaults of {@link LogoIndexOptions}. */
export const DEFAULT_LOGO_INDEX_OPTIONS: LogoIndexOptions = Object.freeze({
  renderSizes: [220, 110], margin: 24, workSide: 440, maxDistance: 64, voteDistance: 48, voteTie: 6, shareVotes: true, minVotes: 2, candidates: 5,
  minInliers: 7, ransacThreshold: 5, maxRotationDeg: 35, minLogoSide: 18, minCorrelation: 0.5, phashMaxDistance: 8, orb: QUERY_ORB, indexOrb: INDEX_ORB,
});

interface LogoMeta {
  logoId: string; assetId: string; w: number; h: number; hashes: Hash64[];
  /** The logo (margin excluded) at `maskScale` of the reference frame, for the dense check. */
  mask: Uint8Array; mw: number; mh: number; maskScale: number;
}

/** Longer side of the stored logo raster for the dense (correlation) check. */
const MASK_SIDE = 96;

export class LogoIndex {
  private readonly seen: Uint32Array;
  private stamp = 0;
  private readonly logoDescs: Uint32Array;
  private readonly logoMark: Uint32Array;
  private readonly meanDescs: number;

  private constructor(
    private readonly opts: LogoIndexOptions,
    private readonly logos: LogoMeta[],
    private readonly lsh: BinaryLsh,
    /** Per descriptor: owning logo and its point in the logo's reference frame. */
    private readonly descLogo: Uint32Array,
    private readonly descPt: Float32Array,
    private readonly hashBandsMap: Map<string, number[]>,
    private readonly query: OrbExtractor,
  ) {
    this.seen = new Uint32Array(lsh.size);
    this.logoMark = new Uint32Array(logos.length);
    this.logoDescs = new Uint32Array(logos.length).fill(1);
    for (const li of descLogo) this.logoDescs[li]++;
    this.meanDescs = lsh.size / Math.max(1, logos.length);
  }

  /** Renders and indexes every logo (once). Unreadable logo files are reported via `onError` and skipped. */
  static async build(entries: LogoEntry[], options: Partial<LogoIndexOptions> = {}, onError?: (logoId: string, err: unknown) => void): Promise<LogoIndex> {
    const opts = { ...DEFAULT_LOGO_INDEX_OPTIONS, ...options };
    const extractor = await OrbExtractor.create(opts.indexOrb);
    const logos: LogoMeta[] = [];
    const descs: Uint8Array[] = [];
    const owner: number[] = [];
    const pts: number[] = [];
    const bands = new Map<string, number[]>();
    for (const e of entries) {
      try {
        const li = logos.length;
        let ref: { w: number; h: number; mask: Uint8Array; mw: number; mh: number; maskScale: number } | undefined;
        const hashes: Hash64[] = [];
        for (const size of opts.renderSizes) {
          const base = await renderLogo(e.bytes, size, opts.margin);
          ref ??= { w: base.box.w, h: base.box.h, ...downsample(base.data, base.width, base.box, MASK_SIDE) };
          const k = ref.w / base.box.w;
          for (const r of [base, invert(base)]) {
            if (size === opts.renderSizes[0]) hashes.push(pHashOfRaw(r.data, r.width, r.height));
            const f = extractor.extract(r.data, r.width, r.height);
            descs.push(f.desc);
            for (let i = 0; i < f.n; i++) {
              owner.push(li);
              pts.push((f.points[2 * i] - r.box.x) * k, (f.points[2 * i + 1] - r.box.y) * k);
            }
          }
        }
        logos.push({ logoId: e.logoId, assetId: e.assetId, hashes, ...ref! });
        for (const h of hashes) hashBands(h).forEach((b, i) => {
          const key = `${i}:${b}`;
          const list = bands.get(key) ?? [];
          if (!list.includes(li)) list.push(li);
          bands.set(key, list);
        });
      } catch (err) {
        onError?.(e.logoId, err);
      }
    }
    const total = descs.reduce((s, d) => s + d.length, 0);
    const all = new Uint8Array(total);
    let o = 0;
    for (const d of descs) { all.set(d, o); o += d.length; }
    const lsh = new BinaryLsh(toWords(all), opts.lsh);
    return new LogoIndex(opts, logos, lsh, Uint32Array.from(owner), Float32Array.from(pts), bands, await OrbExtractor.create(opts.orb));
  }

  /** Logos indexed. */
  get size(): number { return this.logos.length; }
  /** Descriptors indexed. */
  get descriptors(): number { return this.lsh.size; }

  /** Decodes (through the image guard) and matches one encoded image. */
  async matchBytes(bytes: Uint8Array): Promise<{ ok: true; hits: LogoHit[] } | ImageRefusal> {
    const img = await decodeGrey(bytes, this.opts.workSide, this.opts.limits);
    if (!img.ok) return img;
    return { ok: true, hits: await this.matchGrey(img) };
  }

  /** Logos found in a decoded working copy, best first. */
  async matchGrey(img: GreyImage): Promise<LogoHit[]> {
    const o = this.opts;
    const data = new Uint8Array(img.data);
    stretch(data);
    const byHash = this.matchHash(data, img);
    const f = this.query.extract(data, img.width, img.height);
    if (f.n === 0) return byHash;
    const qd = toWords(f.desc);
    const hitQ: number[] = [], hitId: number[] = [], hitD: number[] = [];
    // Each query descriptor gives one vote, shared among the logos it matches about equally well (so a
    // descriptor common to many logos says little), instead of a ratio test that fails as logos multiply.
    const votes = new Map<number, number>();
    const mark = this.logoMark;
    for (let q = 0; q < f.n; q++) {
      const from = hitQ.length;
      let best = Infinity;
      this.stamp = (this.stamp + 1) >>> 0 || 1;
      if (this.stamp === 1) this.seen.fill(0);
      this.lsh.query(qd, q, o.maxDistance, this.seen, this.stamp, (id, d) => {
        hitQ.push(q); hitId.push(id); hitD.push(d);
        if (d < best) best = d;
      });
      if (best > o.voteDistance) continue;
      const tied: number[] = [];
      for (let k = from; k < hitQ.length; k++) {
        const li = this.descLogo[hitId[k]];
        if (hitD[k] <= best + o.voteTie && mark[li] !== q + 1) { mark[li] = q + 1; tied.push(li); }
      }
      const share = o.shareVotes ? 1 / tied.length : 1;
      for (const li of tied) votes.set(li, (votes.get(li) ?? 0) + share);
    }
    mark.fill(0);
    // Rank by votes relative to how many descriptors a logo has (wordmarks have many and would win every vote count).
    const weight = (li: number) => Math.sqrt(this.meanDescs / this.logoDescs[li]);
    const ranked = [...votes].filter(([, v]) => v >= o.minVotes).sort((a, b) => b[1] * weight(b[0]) - a[1] * weight(a[0])).slice(0, o.candidates);
    const hits: LogoHit[] = [...byHash];
    for (const [li, v] of ranked) {
      if (hits.some((h) => h.logoId === this.logos[li].logoId)) continue;
      const hit = this.verify(li, v, f.points, hitQ, hitId, hitD, data, img);
      if (hit) hits.push(hit);
    }
    return suppressOverlaps(hits);
  }

  private matchHash(data: Uint8Array, img: GreyImage): LogoHit[] {
    const h = pHashOfRaw(data, img.width, img.height);
    const cands = new Set<number>();
    hashBands(h).forEach((b, i) => this.hashBandsMap.get(`${i}:${b}`)?.forEach((li) => cands.add(li)));
    const out: LogoHit[] = [];
    for (const li of cands) {
      const d = Math.min(...this.logos[li].hashes.map((x) => hashDistance(x, h)));
      if (d > this.opts.phashMaxDistance) continue;
      const L = this.logos[li];
      out.push({ logoId: L.logoId, assetId: L.assetId, box: { x: 0, y: 0, w: img.original.width, h: img.original.height },
        confidence: Math.round((0.95 - d * 0.02) * 1000) / 1000, inliers: 0, votes: 0, rotationDeg: 0, method: 'phash' });
    }
    return out;
  }

  /**
   * |Normalised cross-correlation| between the logo raster mapped into the
   * image and the image itself, over the part of the logo's box inside the
   * image. Absolute, so a recoloured or inverted logo scores like the original.
   */
  private correlation(L: LogoMeta, t: Similarity, data: Uint8Array, img: GreyImage): number {
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

  private verify(li: number, votes: number, qpts: Float32Array, hitQ: number[], hitId: number[], hitD: number[], data: Uint8Array, img: GreyImage): LogoHit | null {
    const o = this.opts;
    // Best match of each query point within this logo.
    const bestOf = new Map<number, { id: number; d: number }>();
    for (let k = 0; k < hitQ.length; k++) {
      if (this.descLogo[hitId[k]] !== li) continue;
      const cur = bestOf.get(hitQ[k]);
      if (!cur || hitD[k] < cur.d) bestOf.set(hitQ[k], { id: hitId[k], d: hitD[k] });
    }
    if (bestOf.size < o.minInliers) return null;
    const src: number[] = [], dst: number[] = [];
    for (const [q, { id }] of bestOf) { src.push(this.descPt[2 * id], this.descPt[2 * id + 1]); dst.push(qpts[2 * q], qpts[2 * q + 1]); }
    const L = this.logos[li];
    const minScale = o.minLogoSide / Math.max(L.w, L.h);
    const maxScale = (1.6 * Math.max(img.width, img.height)) / Math.max(L.w, L.h);
    const t = fitSimilarity(src, dst, { threshold: o.ransacThreshold, maxRotationDeg: o.maxRotationDeg, minScale, maxScale, iterations: 300 });
    if (!t) return null;
    // Distinct inlier points on both sides (ORB repeats a corner across pyramid levels).
    const dstKeys = new Set<string>(), srcKeys = new Set<string>();
    let sx0 = Infinity, sy0 = Infinity, sx1 = -Infinity, sy1 = -Infinity;
    for (const k of t.inliers) {
      dstKeys.add(`${Math.round(dst[2 * k] / 3)},${Math.round(dst[2 * k + 1] / 3)}`);
      const sx = src[2 * k], sy = src[2 * k + 1];
      srcKeys.add(`${Math.round(sx / 4)},${Math.round(sy / 4)}`);
      sx0 = Math.min(sx0, sx); sy0 = Math.min(sy0, sy); sx1 = Math.max(sx1, sx); sy1 = Math.max(sy1, sy);
    }
    const distinct = Math.min(dstKeys.size, srcKeys.size);
    if (distinct < o.minInliers) return null;
    // The inliers must spread over the logo, not sit on one corner of it.
    if (Math.max((sx1 - sx0) / L.w, (sy1 - sy0) / L.h) < 0.3) return null;
    const ncc = this.correlation(L, t, data, img);
    if (ncc < o.minCorrelation) return null;
    const corners = [[0, 0], [L.w, 0], [L.w, L.h], [0, L.h]].map(([x, y]) => applySimilarity(t, x, y));
    const xs = corners.map((c) => c[0] / img.scale), ys = corners.map((c) => c[1] / img.scale);
    const W = img.original.width, H = img.original.height;
    const x0 = Math.max(0, Math.floor(Math.min(...xs))), y0 = Math.max(0, Math.floor(Math.min(...ys)));
    const x1 = Math.min(W, Math.ceil(Math.max(...xs))), y1 = Math.min(H, Math.ceil(Math.max(...ys)));
    if (x1 - x0 < 4 || y1 - y0 < 4) return null;
    const confidence = Math.round(Math.min(0.99, 0.62 + 0.2 * (1 - Math.exp(-(distinct - o.minInliers) / 10)) + 0.3 * (ncc - o.minCorrelation)) * 1000) / 1000;
    return { logoId: L.logoId, assetId: L.assetId, box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, confidence, inliers: distinct, votes,
      rotationDeg: Math.round(t.rotationDeg * 10) / 10, method: 'features' };
  }
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
function downsample(data: Uint8Array, width: number, box: { x: number; y: number; w: number; h: number }, side: number) {
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
