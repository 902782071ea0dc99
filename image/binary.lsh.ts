/**
 * Locality-sensitive hashing over 256-bit binary descriptors (ORB), for
 * Hamming-distance neighbours across every indexed logo at once. Each of `L`
 * tables keys a descriptor by `K` of its bits (fixed, seeded positions);
 * buckets are stored as counting-sorted id arrays, so a lookup is one offset
 * read per table. Query cost grows with bucket occupancy, i.e. slowly with
 * the number of logos, instead of a scan over every logo.
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
  private readonly offsets: Uint32Array[] = [];
  private readonly ids: Uint32Array[] = [];
  /** The descriptors in storage order (see the constructor), n × 8 words. */
  private readonly descs: Uint32Array;
  /** Caller's row number of each stored descriptor. */
  private readonly rows: Uint32Array;
  readonly tables: number;
  readonly bits: number;
  /** Largest bucket visited at query time. */
  readonly maxBucket: number;

  /** `rowDescs`: all descriptors as words (n × 8); ids reported are their row numbers. */
  constructor(rowDescs: Uint32Array, opts: LshOptions = {}) {
    this.tables = opts.tables ?? 8;
    this.bits = opts.bits ?? Math.min(20, Math.max(15, Math.round(Math.log2(rowDescs.length / DESC_WORDS))));
    let s = (opts.seed ?? 7) >>> 0;
    const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s; };
    const n = rowDescs.length / DESC_WORDS;
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
    const buckets = 1 << this.bits;
    // Descriptors are stored in the order of the first table's buckets: the entries of a bucket in any
    // table are mostly near-duplicates (one icon in many lockups), which then sit close together in memory.
    // A lookup reads them at random otherwise, and at 1,000 logos that made it bound by cache misses.
    // Buckets still list their entries in row order, so matches come out in the same order as before.
    const byRow: Uint32Array[] = [];
    for (let t = 0; t < this.tables; t++) {
      const keys = new Uint32Array(n);
      const counts = new Uint32Array(buckets + 1);
      for (let i = 0; i < n; i++) { keys[i] = this.key(t, rowDescs, i); counts[keys[i] + 1]++; }
      for (let b = 0; b < buckets; b++) counts[b + 1] += counts[b];
      const fill = counts.slice(0, buckets);
      const rows = new Uint32Array(n);
      for (let i = 0; i < n; i++) rows[fill[keys[i]]++] = i;
      this.offsets.push(counts);
      byRow.push(rows);
    }
    this.rows = byRow[0]?.slice() ?? new Uint32Array(0);
    const slotOf = new Uint32Array(n);
    for (let i = 0; i < n; i++) slotOf[this.rows[i]] = i;
    this.descs = new Uint32Array(rowDescs.length);
    for (let i = 0; i < n; i++) this.descs.set(rowDescs.subarray(this.rows[i] * DESC_WORDS, (this.rows[i] + 1) * DESC_WORDS), i * DESC_WORDS);
    for (const rows of byRow) {
      for (let j = 0; j < n; j++) rows[j] = slotOf[rows[j]];
      this.ids.push(rows);
    }
  }

  get size(): number { return this.descs.length / DESC_WORDS; }

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
   * Appends to `out` every indexed descriptor sharing a bucket with query row
   * `q` of `qd` in any table and within `maxDist` bits, each once; returns
   * the smallest distance found (257 when none). `seen`/`stamp` dedupe
   * across tables (caller-owned scratch, length = size, stamp unique among
   * the calls since `seen` was last cleared; bytes keep the scratch small
   * enough to stay in cache next to the descriptors).
   */
  collect(qd: Uint32Array, q: number, maxDist: number, seen: Uint8Array, stamp: number, out: MatchBuffer): number {
    const descs = this.descs, rows = this.rows, o = q * DESC_WORDS;
    const q0 = qd[o], q1 = qd[o + 1], q2 = qd[o + 2], q3 = qd[o + 3], q4 = qd[o + 4], q5 = qd[o + 5], q6 = qd[o + 6], q7 = qd[o + 7];
    let best = 257;
    for (let t = 0; t < this.tables; t++) {
      const k = this.key(t, qd, q);
      const off = this.offsets[t], ids = this.ids[t];
      const from = off[k], end = off[k + 1];
      if (end - from > this.maxBucket) continue;
      for (let j = from; j < end; j++) {
        const id = ids[j];
        if (seen[id] === stamp) continue;
        seen[id] = stamp;
        const b = id * DESC_WORDS;
        const d = popcnt(q0 ^ descs[b]) + popcnt(q1 ^ descs[b + 1]) + popcnt(q2 ^ descs[b + 2]) + popcnt(q3 ^ descs[b + 3])
          + popcnt(q4 ^ descs[b + 4]) + popcnt(q5 ^ descs[b + 5]) + popcnt(q6 ^ descs[b + 6]) + popcnt(q7 ^ descs[b + 7]);
        if (d > maxDist) continue;
        out.push(q, rows[id], d);
        if (d < best) best = d;
      }
    }
    return best;
  }
}

/** Growable (query row, indexed id, distance) triples, reused across images. */
export class MatchBuffer {
  q = new Uint32Array(4096);
  id = new Uint32Array(4096);
  d = new Uint16Array(4096);
  length = 0;

  push(q: number, id: number, d: number): void {
    if (this.length === this.q.length) this.grow();
    const i = this.length++;
    this.q[i] = q; this.id[i] = id; this.d[i] = d;
  }

  private grow(): void {
    const n = this.q.length * 2;
    const q = new Uint32Array(n), id = new Uint32Array(n), d = new Uint16Array(n);
    q.set(this.q); id.set(this.id); d.set(this.d);
    this.q = q; this.id = id; this.d = d;
  }
}
