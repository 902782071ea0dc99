/**
 * Locality-sensitive hashing over 256-bit binary descriptors (ORB), for
 * Hamming-distance neighbours across every indexed logo at once. Each of `L`
 * tables keys a descriptor by `K` of its bits (fixed, seeded positions);
 * buckets are stored as counting-sorted id arrays, so a lookup is one offset
 * read per table. Exact duplicate descriptors are stored once. Query cost
 * grows with bucket occupancy, i.e. slowly with the number of logos, instead
 * of a scan over every logo.
 */

/** Words per 256-bit descriptor. */
export const DESC_WORDS = 8;

/** Index shape. */
export interface LshOptions {
  /** Number of hash tables. Default 8. */
  tables?: number;
  /** Bits per key (bucket count 2^K per table). Default: about one descriptor per bucket (log2 of the count), 15..20 bits (fewer bits make giant buckets, which are skipped). */
  bits?: number;
  /** Seed of the bit positions. Default 7. */
  seed?: number;
  /** Buckets holding more than this many times the mean occupancy (at least 48) are skipped at query time: such descriptors are common to many logos and say little. Default 6. */
  maxBucketFactor?: number;
  /** Smallest cap on a visited bucket, whatever the mean occupancy. Default 48. */
  maxBucketFloor?: number;
}

/** Popcount of a 32-bit word. */
function popcnt(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Hamming distance between descriptor `a` of `da` and descriptor `b` of `db` (word arrays). */
export function hamming(da: Uint32Array, a: number, db: Uint32Array, b: number): number {
  const oa = a * DESC_WORDS, ob = b * DESC_WORDS;
  let d = 0;
  for (let i = 0; i < DESC_WORDS; i++) d += popcnt(da[oa + i] ^ db[ob + i]);
  return d;
}

/** Converts n×32 descriptor bytes to n×8 words. */
export function toWords(bytes: Uint8Array): Uint32Array {
  const out = new Uint32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export class BinaryLsh {
  private readonly positions: Uint16Array[];
  /** Per table: bucket offsets into `ids` (2^bits + 1) and the distinct descriptors of each bucket. */
  private readonly offsets: Uint32Array[] = [];
  private readonly ids: Uint32Array[] = [];
  /** Distinct descriptors (8 words each), numbered in order of their first row. */
  private readonly descs: Uint32Array;
  /** Rows holding each distinct descriptor (ascending): rowsOf[rowStart[g] .. rowStart[g + 1]). */
  private readonly rowStart: Uint32Array;
  private readonly rowsOf: Uint32Array;
  /** The caller's label of each entry of rowsOf (e.g. the owning logo), reported with the row. */
  private readonly labelsOf: Uint32Array;
  /** Dedupe of distinct descriptors across tables within one query row. */
  private readonly seen: Uint32Array;
  private stamp = 0;
  readonly tables: number;
  readonly bits: number;
  /** Largest bucket visited at query time. */
  readonly maxBucket: number;
  /** Descriptors indexed (rows). */
  readonly size: number;

  /**
   * `rowDescs`: all descriptors as words (n × 8); ids reported are their row
   * numbers. `labels` (one per row, default 0) are reported with each match:
   * read in storage order here, they cost no random read per match later.
   */
  constructor(rowDescs: Uint32Array, opts: LshOptions = {}, labels?: ArrayLike<number>) {
    this.tables = opts.tables ?? 8;
    this.bits = opts.bits ?? Math.min(20, Math.max(15, Math.round(Math.log2(rowDescs.length / DESC_WORDS))));
    let s = (opts.seed ?? 7) >>> 0;
    const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s; };
    const n = rowDescs.length / DESC_WORDS;
    this.size = n;
    // Key on the most balanced bits (ORB bits on flat logos are far from 50/50), drawn at random per table.
    const ones = new Float64Array(256);
    for (let i = 0; i < n; i++) for (let b = 0; b < 256; b++) ones[b] += (rowDescs[i * DESC_WORDS + (b >>> 5)] >>> (b & 31)) & 1;
    const balanced = [...ones.keys()].sort((a, b) => Math.abs(ones[a] / Math.max(1, n) - 0.5) - Math.abs(ones[b] / Math.max(1, n) - 0.5)).slice(0, 128);
    this.positions = [];
    for (let t = 0; t < this.tables; t++) {
      const pool = balanced.slice();
      const pos = new Uint16Array(this.bits);
      for (let i = 0; i < this.bits; i++) pos[i] = pool.splice(rnd() % pool.length, 1)[0];
      this.positions.push(pos);
    }
    this.maxBucket = Math.max(opts.maxBucketFloor ?? 48, Math.ceil((opts.maxBucketFactor ?? 6) * n / (1 << this.bits)));
    // Most descriptors of a large register are exact copies (one icon rendered in many lockups: 82% of them
    // at 1,000 logos). Each distinct descriptor is stored and compared once per query row, then reported
    // for every row holding it: a fifth of the memory reads, which bound the lookup at that size.
    const groupOf = new Uint32Array(n);
    const distinct = new Uint32Array(rowDescs.length);
    const mask = (1 << Math.max(4, Math.ceil(Math.log2(2 * n + 1)))) - 1;
    const slots = new Int32Array(mask + 1).fill(-1);
    let u = 0;
    for (let i = 0; i < n; i++) {
      const o = i * DESC_WORDS;
      let h = 0x811c9dc5;
      for (let w = 0; w < DESC_WORDS; w++) h = Math.imul(h ^ rowDescs[o + w], 0x01000193);
      let p = (h ^ (h >>> 15)) & mask, g = -1;
      for (; slots[p] !== -1; p = (p + 1) & mask) {
        const c = slots[p] * DESC_WORDS;
        let same = true;
        for (let w = 0; w < DESC_WORDS && same; w++) same = distinct[c + w] === rowDescs[o + w];
        if (same) { g = slots[p]; break; }
      }
      if (g < 0) { g = u++; slots[p] = g; distinct.set(rowDescs.subarray(o, o + DESC_WORDS), g * DESC_WORDS); }
      groupOf[i] = g;
    }
    this.descs = distinct.slice(0, u * DESC_WORDS);
    this.rowStart = new Uint32Array(u + 1);
    for (let i = 0; i < n; i++) this.rowStart[groupOf[i] + 1]++;
    for (let g = 0; g < u; g++) this.rowStart[g + 1] += this.rowStart[g];
    const at = this.rowStart.slice(0, u);
    this.rowsOf = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.rowsOf[at[groupOf[i]]++] = i;
    this.labelsOf = new Uint32Array(n);
    if (labels) for (let r = 0; r < n; r++) this.labelsOf[r] = labels[this.rowsOf[r]];
    this.seen = new Uint32Array(u);
    const buckets = 1 << this.bits;
    for (let t = 0; t < this.tables; t++) {
      const keys = new Uint32Array(u);
      const rowCount = new Uint32Array(buckets);
      for (let g = 0; g < u; g++) { keys[g] = this.key(t, this.descs, g); rowCount[keys[g]] += this.rowStart[g + 1] - this.rowStart[g]; }
      // A bucket of more rows than the cap is common to many logos and says little: left empty.
      const counts = new Uint32Array(buckets + 1);
      for (let g = 0; g < u; g++) if (rowCount[keys[g]] <= this.maxBucket) counts[keys[g] + 1]++;
      for (let b = 0; b < buckets; b++) counts[b + 1] += counts[b];
      const fill = counts.slice(0, buckets);
      const ids = new Uint32Array(counts[buckets]);
      for (let g = 0; g < u; g++) if (rowCount[keys[g]] <= this.maxBucket) ids[fill[keys[g]]++] = g;
      this.offsets.push(counts);
      this.ids.push(ids);
    }
  }

  /** Distinct descriptors among the rows. */
  get distinct(): number { return this.descs.length / DESC_WORDS; }

  private key(t: number, d: Uint32Array, i: number): number {
    const pos = this.positions[t];
    const o = i * DESC_WORDS;
    let k = 0;
    for (let j = 0; j < pos.length; j++) {
      const p = pos[j];
      k = (k << 1) | ((d[o + (p >>> 5)] >>> (p & 31)) & 1);
    }
    return k >>> 0;
  }

  /**
   * Appends to `out` every indexed row whose descriptor shares a bucket with
   * query row `q` of `qd` in any table and is within `maxDist` bits, each
   * once (distinct descriptors in bucket order, then their rows ascending);
   * returns the smallest distance found (257 when none).
   */
  collect(qd: Uint32Array, q: number, maxDist: number, out: MatchBuffer): number {
    const descs = this.descs, seen = this.seen, rowStart = this.rowStart, rowsOf = this.rowsOf, labelsOf = this.labelsOf, o = q * DESC_WORDS;
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) { seen.fill(0); this.stamp = 1; }
    const stamp = this.stamp;
    const q0 = qd[o], q1 = qd[o + 1], q2 = qd[o + 2], q3 = qd[o + 3], q4 = qd[o + 4], q5 = qd[o + 5], q6 = qd[o + 6], q7 = qd[o + 7];
    let best = 257;
    for (let t = 0; t < this.tables; t++) {
      const k = this.key(t, qd, q);
      const off = this.offsets[t], ids = this.ids[t];
      for (let j = off[k], end = off[k + 1]; j < end; j++) {
        const g = ids[j];
        if (seen[g] === stamp) continue;
        seen[g] = stamp;
        const b = g * DESC_WORDS;
        const d = popcnt(q0 ^ descs[b]) + popcnt(q1 ^ descs[b + 1]) + popcnt(q2 ^ descs[b + 2]) + popcnt(q3 ^ descs[b + 3])
          + popcnt(q4 ^ descs[b + 4]) + popcnt(q5 ^ descs[b + 5]) + popcnt(q6 ^ descs[b + 6]) + popcnt(q7 ^ descs[b + 7]);
        if (d > maxDist) continue;
        for (let r = rowStart[g], e = rowStart[g + 1]; r < e; r++) out.push(q, rowsOf[r], d, labelsOf[r]);
        if (d < best) best = d;
      }
    }
    return best;
  }
}

/** Growable (query row, indexed id, distance, label) matches, reused across images. */
export class MatchBuffer {
  q = new Uint32Array(4096);
  id = new Uint32Array(4096);
  d = new Uint16Array(4096);
  label = new Uint32Array(4096);
  length = 0;

  push(q: number, id: number, d: number, label = 0): void {
    if (this.length === this.q.length) this.grow();
    const i = this.length++;
    this.q[i] = q; this.id[i] = id; this.d[i] = d; this.label[i] = label;
  }

  private grow(): void {
    const n = this.q.length * 2;
    const q = new Uint32Array(n), id = new Uint32Array(n), d = new Uint16Array(n), label = new Uint32Array(n);
    q.set(this.q); id.set(this.id); d.set(this.d); label.set(this.label);
    this.q = q; this.id = id; this.d = d; this.label = label;
  }
}
