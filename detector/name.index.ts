/**
 * The candidate index: one Aho-Corasick automaton over the folded,
 * normalised names and aliases of every trademark and GI, built once per
 * register. A listing field is scanned once, whatever the register's size;
 * each raw hit is then checked (look-alike substitutions, Latin word edges).
 */
import type { Registry } from '../domain/registry.schema.js';
import { AhoCorasick } from './aho-corasick.js';
import { isAsciiDigit, isAsciiLetter, isCjk, type NormText, type TextNormalizer } from './text.normalizer.js';

/** One registered spelling. */
export interface NameEntry {
  kind: 'tm' | 'gi';
  /** Index into registry.trademarks or registry.geoIndications. */
  idx: number;
  /** As registered. */
  name: string;
  /** Light compact form (for counting substitutions). */
  compact: string;
  alias: boolean;
  /** Edge character classes, for Latin word boundaries: 'l' letter, 'd' digit, 'c' other. */
  head: 'l' | 'd' | 'c';
  tail: 'l' | 'd' | 'c';
}

/** A verified occurrence of a name in a field. */
export interface NameHit {
  entry: NameEntry;
  /** Compact offsets [start, end). */
  start: number;
  end: number;
  /** Look-alike substitutions needed. */
  subs: number;
  /** The original text of the occurrence. */
  quote: string;
  split: boolean;
  traditional: boolean;
  fullwidth: boolean;
}

const edge = (c: number): 'l' | 'd' | 'c' => (isAsciiLetter(c) ? 'l' : isAsciiDigit(c) ? 'd' : 'c');

export interface NameIndexOptions { maxSubs: number; minLookalikeLength: number }

export class NameIndex {
  private readonly ac: AhoCorasick;
  private readonly entries: NameEntry[][] = [];

  constructor(registry: Registry, private readonly norm: TextNormalizer, private readonly opts: NameIndexOptions) {
    const byKey = new Map<string, number>();
    const patterns: string[] = [];
    const add = (kind: 'tm' | 'gi', idx: number, name: string, alias: boolean) => {
      const { compact, folded } = norm.key(name);
      if (folded.length < 2) return;
      let id = byKey.get(folded);
      if (id === undefined) { id = patterns.length; patterns.push(folded); byKey.set(folded, id); this.entries.push([]); }
      const list = this.entries[id];
      if (list.some((e) => e.kind === kind && e.idx === idx)) return;
      list.push({ kind, idx, name, compact, alias, head: edge(compact.charCodeAt(0)), tail: edge(compact.charCodeAt(compact.length - 1)) });
    };
    registry.trademarks.forEach((t, i) => { add('tm', i, t.mark, false); t.aliases.forEach((a) => add('tm', i, a, true)); });
    registry.geoIndications.forEach((g, i) => { add('gi', i, g.name, false); g.aliases.forEach((a) => add('gi', i, a, true)); });
    this.ac = new AhoCorasick(patterns);
  }

  /** Number of distinct folded keys in the automaton. */
  get size(): number { return this.ac.size; }

  /** Verified name occurrences in a normalised field. */
  find(nt: NormText): NameHit[] {
    const out: NameHit[] = [];
    if (!nt.folded) return out;
    for (const h of this.ac.search(nt.folded)) {
      for (const entry of this.entries[h.pattern]) {
        const hit = this.verify(nt, entry, h.start, h.end);
        if (hit) out.push(hit);
      }
    }
    return out;
  }

  private verify(nt: NormText, entry: NameEntry, start: number, end: number): NameHit | undefined {
    let subs = 0;
    for (let i = start; i < end; i++) if (nt.compact.charCodeAt(i) !== entry.compact.charCodeAt(i - start)) subs++;
    if (subs > this.opts.maxSubs) return undefined;
    if (subs > 0 && entry.compact.length < this.opts.minLookalikeLength) return undefined;
    // Latin / digit names must not continue a longer word (anta in fantasy, 361 in 3610).
    if (entry.head !== 'c' && start > 0 && !nt.gap[start] && edge(nt.compact.charCodeAt(start - 1)) === entry.head) return undefined;
    if (entry.tail !== 'c' && end < nt.compact.length && !nt.gap[end] && edge(nt.compact.charCodeAt(end)) === entry.tail) return undefined;
    const a = nt.pos[start], b = nt.pos[end - 1] + 1;
    const quote = nt.original.slice(a, b);
    let split = false, traditional = false, fullwidth = false;
    for (let i = start + 1; i < end; i++) if (nt.gap[i]) { split = true; break; }
    for (let i = start; i < end; i++) {
      const o = nt.original.charCodeAt(nt.pos[i]);
      if (o >= 0xff01 && o <= 0xff5e) fullwidth = true;
      else if (isCjk(o) && nt.light.charCodeAt(nt.pos[i]) !== o) traditional = true;
    }
    return { entry, start, end, subs, quote, split, traditional, fullwidth };
  }
}
