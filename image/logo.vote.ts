/**
 * Candidate voting: every descriptor of a listing image is looked up in the
 * one LSH index over all logos and gives one vote, shared among the logos it
 * matches about equally well. Only the few best-voted logos go on to the
 * geometric check, with their correspondences gathered in one pass. All
 * scratch memory is owned here and reused image after image.
 */
import { type BinaryLsh, MatchBuffer } from './binary.lsh.js';

/** Voting settings (a subset of the index options). */
export interface VoteOptions {
  /** Largest Hamming distance of a descriptor match (of 256 bits). Default 64. */
  maxDistance: number;
  /** A descriptor votes only when its best match is at most this far (bits). Default 48. */
  voteDistance: number;
  /** Logos matched within this many bits of the best share the descriptor's vote. Default 2 (wider ties split the vote of an icon among every lockup that contains it). */
  voteTie: number;
  /** Split a descriptor's vote among near-tied logos (true) or give each a full vote (false). Default true (measured better on the eval set). */
  shareVotes: boolean;
  /** Votes a logo needs to be a candidate. Default 2. */
  minVotes: number;
  /** Candidates returned (and verified) per image, best first. Default 24 (verification is cheap once correspondences are grouped per logo; a large register has many logos sharing parts). */
  candidates: number;
  /** Distinct query points a candidate needs with a match in its logo. */
  minPoints: number;
}

/** A logo to verify: its votes and, per query point, its best descriptor in that logo. */
export interface Candidate {
  logo: number;
  votes: number;
  /** Ranking score: votes weighted against the logo's descriptor count. */
  score: number;
  /** Distinct query points with a match in this logo. */
  points: number;
  /** Query point indices and the matched indexed descriptor ids, same length (up to two per query point). */
  queryPoints: Uint32Array;
  descIds: Uint32Array;
}

export class CandidateVoter {
  private readonly mark: Uint32Array;
  private readonly votes: Float64Array;
  private readonly touched: Uint32Array;
  private readonly weight: Float64Array;
  private readonly slot: Int32Array;
  private readonly matches = new MatchBuffer();

  /** `descLogo`: owning logo of each indexed descriptor, which `lsh` must report as each row's label; `logos`: number of logos. */
  constructor(private readonly lsh: BinaryLsh, descLogo: Uint32Array, logos: number, private readonly opts: VoteOptions) {
    this.mark = new Uint32Array(logos);
    this.votes = new Float64Array(logos);
    this.touched = new Uint32Array(logos);
    this.slot = new Int32Array(logos).fill(-1);
    const count = new Uint32Array(logos).fill(1);
    for (const li of descLogo) count[li]++;
    // Wordmarks have many descriptors and would win every raw vote count: rank by votes per sqrt(descriptors).
    const mean = lsh.size / Math.max(1, logos);
    this.weight = Float64Array.from(count, (c) => Math.sqrt(mean / c));
  }

  /** Ranked candidates for `n` query descriptors (`qd`, n × 8 words). */
  vote(qd: Uint32Array, n: number): Candidate[] {
    const o = this.opts, m = this.matches, mark = this.mark, votes = this.votes;
    m.length = 0;
    let nTouched = 0;
    for (let q = 0; q < n; q++) {
      const from = m.length;
      const best = this.lsh.collect(qd, q, o.maxDistance, m);
      if (best > o.voteDistance) continue;
      const ml = m.label;
      // Each query descriptor gives one vote, shared among the logos it matches about equally well (so a
      // descriptor common to many logos says little), instead of a ratio test that fails as logos multiply.
      let tied = 0;
      const limit = best + o.voteTie, tag = q + 1;
      for (let k = from; k < m.length; k++) {
        if (m.d[k] > limit) continue;
        const li = ml[k];
        if (mark[li] !== tag) { mark[li] = tag; tied++; }
      }
      const share = o.shareVotes ? 1 / tied : 1;
      for (let k = from; k < m.length; k++) {
        if (m.d[k] > limit) continue;
        const li = ml[k];
        if (mark[li] !== tag) continue;
        mark[li] = 0;
        if (votes[li] === 0) this.touched[nTouched++] = li;
        votes[li] += share;
      }
    }
    const ranked: Array<{ logo: number; votes: number; score: number }> = [];
    for (let i = 0; i < nTouched; i++) {
      const li = this.touched[i], v = votes[li];
      votes[li] = 0; mark[li] = 0;
      if (v >= o.minVotes) ranked.push({ logo: li, votes: v, score: v * this.weight[li] });
    }
    ranked.sort((a, b) => b.score - a.score);
    const top = ranked.slice(0, o.candidates);
    return this.gather(top, n);
  }

  /**
   * One pass over the matches: each candidate's two best indexed descriptors
   * per query point (the best by Hamming distance is often a symmetric twin
   * of the right point; the second gives RANSAC the right one as well).
   */
  private gather(top: Array<{ logo: number; votes: number; score: number }>, n: number): Candidate[] {
    const m = this.matches, slot = this.slot, ml = m.label;
    const size = top.length * n;
    const id1 = new Int32Array(size).fill(-1), id2 = new Int32Array(size).fill(-1);
    const d1 = new Uint16Array(size).fill(0xffff), d2 = new Uint16Array(size).fill(0xffff);
    top.forEach((c, s) => { slot[c.logo] = s; });
    for (let k = 0; k < m.length; k++) {
      const s = slot[ml[k]];
      if (s < 0) continue;
      const at = s * n + m.q[k], d = m.d[k];
      if (d < d1[at]) { d2[at] = d1[at]; id2[at] = id1[at]; d1[at] = d; id1[at] = m.id[k]; }
      else if (d < d2[at]) { d2[at] = d; id2[at] = m.id[k]; }
    }
    const out: Candidate[] = [];
    top.forEach((c, s) => {
      slot[c.logo] = -1;
      let points = 0, pairs = 0;
      for (let q = 0; q < n; q++) if (id1[s * n + q] >= 0) { points++; pairs += id2[s * n + q] >= 0 ? 2 : 1; }
      if (points < this.opts.minPoints) return;
      const queryPoints = new Uint32Array(pairs), descIds = new Uint32Array(pairs);
      let i = 0;
      for (let q = 0; q < n; q++) {
        const at = s * n + q;
        if (id1[at] >= 0) { queryPoints[i] = q; descIds[i++] = id1[at]; }
        if (id2[at] >= 0) { queryPoints[i] = q; descIds[i++] = id2[at]; }
      }
      out.push({ ...c, points, queryPoints, descIds });
    });
    return out;
  }
}
