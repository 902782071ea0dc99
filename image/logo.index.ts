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
import { downsample, suppressOverlaps, verifyCandidate, type LogoHit, type LogoMeta, type VerifyOptions } from './logo.verify.js';
import { CandidateVoter, type VoteOptions } from './logo.vote.js';
import { INDEX_ORB, OrbExtractor, QUERY_ORB, type OrbOptions } from './orb.features.js';
import { hashBands, hashDistance, pHashOfRaw, type Hash64 } from './perceptual.hash.js';

export { suppressOverlaps, type LogoHit } from './logo.verify.js';

/** A logo to index: the register's asset and the logo file's bytes (SVG or raster). */
export interface LogoEntry { logoId: string; assetId: string; bytes: Uint8Array }

/**
 * Tuning of the index; every field has a default ({@link DEFAULT_LOGO_INDEX_OPTIONS}).
 * Voting and verification settings are those of {@link VoteOptions} and {@link VerifyOptions}.
 */
export interface LogoIndexOptions extends Omit<VoteOptions, 'minPoints'>, VerifyOptions {
  /** Logo render sizes (longer side, px); the first is the reference frame. Default [220, 110]. */
  renderSizes: number[];
  /** White margin around a rendered logo, px. Default 24. */
  margin: number;
  /** Longer side of the working copy of a listing image, px. Default 320 (downscaling also averages away sensor grain that would take keypoints from the logo). */
  workSide: number;
  /** Whole-image pHash distance at or under which an image is the logo itself. Default 8. */
  phashMaxDistance: number;
  orb: OrbOptions;
  indexOrb: OrbOptions;
  /** LSH table shape (default: sized to the number of descriptors, buckets of up to 160 visited). */
  lsh?: LshOptions;
  limits?: Partial<ImageLimits>;
  /** Told the ranked candidates of every image, before verification (evaluation diagnostics). */
  onCandidates?: (ranked: Array<{ logoId: string; votes: number; score: number; points: number }>) => void;
}

/** Defaults of {@link LogoIndexOptions}. */
export const DEFAULT_LOGO_INDEX_OPTIONS: LogoIndexOptions = Object.freeze({
  renderSizes: [220, 110], margin: 24, workSide: 320, maxDistance: 64, voteDistance: 48, voteTie: 2, shareVotes: true, minVotes: 2, candidates: 24,
  minInliers: 5, minInlierShare: 0.04, ransacThreshold: 5, maxRotationDeg: 35, minLogoSide: 18, minCorrelation: 0.72, ransacIterations: 300, phashMaxDistance: 8, orb: QUERY_ORB, indexOrb: INDEX_ORB,
});

/** Longer side of the stored logo raster for the dense (correlation) check. */
const MASK_SIDE = 96;

export class LogoIndex {
  private readonly voter: CandidateVoter;

  private constructor(
    private readonly opts: LogoIndexOptions,
    private readonly logos: LogoMeta[],
    private readonly lsh: BinaryLsh,
    /** Per descriptor: owning logo and its point in the logo's reference frame. */
    descLogo: Uint32Array,
    private readonly descPt: Float32Array,
    private readonly hashBandsMap: Map<string, number[]>,
    private readonly query: OrbExtractor,
  ) {
    this.voter = new CandidateVoter(lsh, descLogo, logos.length, { ...opts, minPoints: opts.minInliers });
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
        // Kept apart until the logo has rendered in full, so a logo failing half-way leaves nothing behind.
        const myDescs: Uint8Array[] = [], myOwner: number[] = [], myPts: number[] = [];
        for (const size of opts.renderSizes) {
          const base = await renderLogo(e.bytes, size, opts.margin);
          ref ??= { w: base.box.w, h: base.box.h, ...downsample(base.data, base.width, base.box, MASK_SIDE) };
          const k = ref.w / base.box.w;
          for (const r of [base, invert(base)]) {
            if (size === opts.renderSizes[0]) hashes.push(pHashOfRaw(r.data, r.width, r.height));
            const f = extractor.extract(r.data, r.width, r.height);
            myDescs.push(f.desc);
            for (let i = 0; i < f.n; i++) {
              myOwner.push(li);
              myPts.push((f.points[2 * i] - r.box.x) * k, (f.points[2 * i + 1] - r.box.y) * k);
            }
          }
        }
        logos.push({ logoId: e.logoId, assetId: e.assetId, hashes, ...ref! });
        descs.push(...myDescs);
        for (const x of myOwner) owner.push(x);
        for (const x of myPts) pts.push(x);
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
    // Buckets are visited up to 160 entries: a register where logos share parts (an icon and its lockups) fills
    // buckets with true matches, and skipping them loses the logo (recall at 1,000 logos fell to half with 48).
    const descLogo = Uint32Array.from(owner);
    const lsh = new BinaryLsh(toWords(all), { maxBucketFloor: 160, ...opts.lsh }, descLogo);
    extractor.dispose();
    return new LogoIndex(opts, logos, lsh, descLogo, Float32Array.from(pts), bands, await OrbExtractor.create(opts.orb));
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
    const hits = this.matchHash(data, img);
    const f = this.query.extract(data, img.width, img.height);
    if (f.n === 0) return hits;
    const ranked = this.voter.vote(toWords(f.desc), f.n);
    o.onCandidates?.(ranked.map((c) => ({ logoId: this.logos[c.logo].logoId, votes: c.votes, score: c.score, points: c.points })));
    for (const c of ranked) {
      const L = this.logos[c.logo];
      if (hits.some((h) => h.logoId === L.logoId)) continue;
      const hit = verifyCandidate(L, c, this.descPt, f.points, data, img, o);
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
        confidence: Math.round((0.95 - d * 0.02) * 1000) / 1000, inliers: 0, votes: 0, correlation: 0, rotationDeg: 0, method: 'phash' });
    }
    return out;
  }
}
