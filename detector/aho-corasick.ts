/**
 * A plain Aho-Corasick automaton over UTF-16 code units: built once from a
 * set of patterns, it reports every occurrence of every pattern in one pass
 * over the text, whatever the number of patterns.
 */
export interface AcHit { start: number; end: number; pattern: number }

export class AhoCorasick {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private fail: Int32Array = new Int32Array(1);
  /** Patterns ending at each node (own and via failure links). */
  private out: number[][] = [[]];
  private readonly lengths: number[] = [];
  /** Dense transition table for the root, the busiest node. */
  private rootNext = new Int32Array(65536);

  constructor(patterns: readonly string[]) {
    patterns.forEach((p, id) => this.insert(p, id));
    this.build();
  }

  get size(): number { return this.lengths.length; }

  private insert(p: string, id: number): void {
    this.lengths[id] = p.length;
    if (!p) return;
    let node = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      let nx = this.next[node].get(c);
      if (nx === undefined) { nx = this.next.length; this.next.push(new Map()); this.out.push([]); this.next[node].set(c, nx); }
      node = nx;
    }
    this.out[node].push(id);
  }

  private build(): void {
    const n = this.next.length;
    this.fail = new Int32Array(n);
    const queue: number[] = [];
    for (const [c, child] of this.next[0]) { this.fail[child] = 0; queue.push(child); this.rootNext[c] = child; }
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi];
      for (const [c, child] of this.next[node]) {
        let f = this.fail[node];
        while (f !== 0 && !this.next[f].has(c)) f = this.fail[f];
        const target = this.next[f].get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        if (this.out[this.fail[child]].length) this.out[child] = this.out[child].concat(this.out[this.fail[child]]);
        queue.push(child);
      }
    }
  }

  /** Every occurrence in `text`, in order of end position. */
  search(text: string): AcHit[] {
    const hits: AcHit[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      for (;;) {
        if (node === 0) { node = this.rootNext[c]; break; }
        const nx = this.next[node].get(c);
        if (nx !== undefined) { node = nx; break; }
        node = this.fail[node];
      }
      const o = this.out[node];
      for (let j = 0; j < o.length; j++) {
        const id = o[j];
        hits.push({ start: i + 1 - this.lengths[id], end: i + 1, pattern: id });
      }
    }
    return hits;
  }
}
