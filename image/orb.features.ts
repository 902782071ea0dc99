/**
 * ORB keypoints and 256-bit descriptors of a greyscale raster (OpenCV WASM),
 * copied out of the WASM heap into plain typed arrays.
 */
import { loadOpenCv, release, type Cv } from './opencv.runtime.js';

/** ORB settings. */
export interface OrbOptions {
  /** Most keypoints kept. */
  nfeatures: number;
  /** Pyramid levels and step. */
  nlevels: number;
  scaleFactor: number;
  /** FAST threshold (contrast of a corner). */
  fastThreshold: number;
  /** Descriptor patch size (also the border skipped). */
  patchSize: number;
}

/**
 * Query-side defaults: three levels suffice because the index already holds
 * each logo at two sizes and six levels (logos 36..220 px); ORB's cost in the
 * WASM build (no SIMD) is mostly per pyramid level and per pixel.
 */
export const QUERY_ORB: OrbOptions = Object.freeze({ nfeatures: 500, nlevels: 3, scaleFactor: 1.3, fastThreshold: 12, patchSize: 19 });
/** Index-side defaults (logos are rendered at two sizes, so fewer levels suffice). */
export const INDEX_ORB: OrbOptions = Object.freeze({ nfeatures: 300, nlevels: 6, scaleFactor: 1.25, fastThreshold: 10, patchSize: 19 });

/** Keypoints (x,y interleaved) and descriptors (n × 32 bytes). */
export interface Features { n: number; points: Float32Array; desc: Uint8Array }

export class OrbExtractor {
  private readonly orb: Cv;
  // Reused across calls: allocating Mats and vectors per image costs WASM heap churn for nothing.
  private mat: Cv | undefined;
  private readonly mask: Cv;
  private readonly kp: Cv;
  private readonly d: Cv;

  private constructor(private readonly cv: Cv, opts: OrbOptions) {
    this.orb = new cv.ORB(opts.nfeatures, opts.scaleFactor, opts.nlevels, opts.patchSize, 0, 2, cv.ORB_FAST_SCORE, opts.patchSize, opts.fastThreshold);
    this.mask = new cv.Mat();
    this.kp = new cv.KeyPointVector();
    this.d = new cv.Mat();
  }

  static async create(opts: OrbOptions): Promise<OrbExtractor> {
    return new OrbExtractor(await loadOpenCv(), opts);
  }

  /** Features of a `width`×`height` greyscale raster. */
  extract(data: Uint8Array, width: number, height: number): Features {
    const cv = this.cv;
    if (!this.mat || this.mat.cols !== width || this.mat.rows !== height) {
      release(this.mat);
      this.mat = new cv.Mat(height, width, cv.CV_8UC1);
    }
    this.mat.data.set(data.subarray(0, width * height));
    this.orb.detectAndCompute(this.mat, this.mask, this.kp, this.d);
    const n = this.d.rows;
    const points = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) { const p = this.kp.get(i).pt; points[2 * i] = p.x; points[2 * i + 1] = p.y; }
    const desc = new Uint8Array(n * 32);
    if (n) desc.set(this.d.data.subarray(0, n * 32));
    return { n, points, desc };
  }

  /** Frees the WASM objects (the extractor is unusable afterwards). */
  dispose(): void {
    release(this.mat, this.mask, this.kp, this.d, this.orb);
    this.mat = undefined;
  }
}
