/**
 * The candidate index: Aho-Corasick automata over the registered names and
 * aliases of every trademark and GI, built once per register, so a listing
 * field is scanned a few times whatever the register's size:
 * - `fold`: the light compact text with the look-alike table folded
 *   (config/lookalikes.json) — exact spellings and hand-listed swaps;
 * - `sound`: every character as its toneless pinyin — homophone swaps;
 * - `shape`: every character as its radical-less skeleton — radical swaps;
 * - GI names also with one inserted character (武夷山岩茶 for 武夷岩茶) or one
 *   character written as its two components (山石 for 岩).
 * Each raw hit is verified: at most `maxSubs` changed characters, Latin word edges.
 */
import type { Registry } from '../domain/registry.schema.js';
import { AhoCorasick } from './aho-corasick.js';
import { encode, getShapeTable, getSoundTable, getSplitTable } from './char.similarity.js';
import { isAsciiDigit, isAsciiLetter, isCjk, type NormText, type TextNormalizer } from './text.normalizer.js';

/** How a close spelling was reached. */
export type HitForm = 'exact' | 'lookalike' | 'sound' | 'shape' | 'inserted' | 'split';

/** One registered spelling. */
export interface NameEntry {
  kind: 'tm' | 'gi';
  /** Index into registry.trademarks or registry.geoIndications. */
  idx: number;
  /** As registered. */
  name: string;
  /** Light compact form. */
  compact: string;
  alias: boolean;
  /** Edge character classes, for Latin word boundaries: 'l' letter, 'd' digit, 'c' other. */
  head: 'l' | 'd' | 'c';
  tail: 'l' | 'd' | 'c';
  /** Set on the split-character variant of a GI name. */
  variant?: 'split';
}

/** A verified occurrence of a name in a field. */
export interface NameHit {
  entry: NameEntry;
  /** Compact offsets [start, end). */
  start: number;
  end: number;
  /** Characters changed, inserted or split. */
  subs: number;
  form: HitForm;
  /** The original text of the occurrence. */
  quote: string;
  split: boolean;
  traditional: boolean;
  fullwidth: boolean;
}

const edge = (c: number): 'l' | 'd' | 'c' => (isAsciiLetter(c) ? 'l' : isAsciiDigit(c) ? 'd' : 'c');

export interface NameIndexOptions { maxSubs: number; minLookalikeLength: number }

interface Channel { ac: AhoCorasick; entries: NameEntry[][]; table?: Uint16Array; form: HitForm }

export class NameIndex {
  private readonly fold: Channel;
  private readonly sound: Channel;
  private readonly shape: Channel;
  /** GI name heads, for one inserted character: pattern id → (entry, where the name is cut, the folded rest). */
  private readonly heads: { ac: AhoCorasick; parts: Array<Array<{ entry: NameEntry; rest: string }>> };

  constructor(registry: Registry, norm: TextNormalizer, private readonly opts: NameIndexOptions) {
    const entries: NameEntry[] = [];
    const make = (kind: 'tm' | 'gi', idx: number, name: string, alias: boolean): NameEntry | undefined => {
      const { compact } = norm.key(name);
      if (compact.length < 2) return undefined;
      return { kind, idx, name, compact, alias, head: edge(compact.charCodeAt(0)), tail: edge(compact.charCodeAt(compact.length - 1)) };
    };
    registry.trademarks.forEach((t, i) => [t.mark, ...t.aliases].forEach((n, k) => { const e = make('tm', i, n, k > 0); if (e) entries.push(e); }));
    const gis: NameEntry[] = [];
    registry.geoIndications.forEach((g, i) => [g.name, ...g.aliases].forEach((n, k) => { const e = make('gi', i, n, k > 0); if (e) { entries.push(e); gis.push(e); } }));
    const split = getSplitTable();
    for (const e of gis) {
      for (let k = 0; k < e.compact.length; k++) {
        const parts = split.get(e.compact[k]);
        if (parts) entries.push({ ...e, compact: e.compact.slice(0, k) + parts + e.compact.slice(k + 1), variant: 'split' });
      }
    }
    const foldKey = (s: string) => norm.normalize(s).folded;
    this.fold = channel(entries, foldKey, 'lookalike');
    const cjkOnly = entries.filter((e) => !e.variant && /[\u3400-\u9fff]/.test(e.compact));
    this.sound = channel(cjkOnly, (s) => encode(s, getSoundTable()), 'sound', getSoundTable());
    this.shape = channel(cjkOnly, (s) => encode(s, getShapeTable()), 'shape', getShapeTable());
    const headPatterns = new Map<string, number>();
    const parts: Array<Array<{ entry: NameEntry; rest: string }>> = [];
    for (const e of gis) {
      if (e.compact.length < 4) continue;
      for (let cut = 2; cut <= e.compact.length - 2; cut++) {
        const key = foldKey(e.compact.slice(0, cut));
        let id = headPatterns.get(key);
        if (id === undefined) { id = parts.length; headPatterns.set(key, id); parts.push([]); }
        parts[id].push({ entry: e, rest: foldKey(e.compact.slice(cut)) });
      }
    }
    this.heads = { ac: new AhoCorasick([...headPatterns.keys()]), parts };
  }

  /** Number of distinct keys in the exact/look-alike automaton. */
  get size(): number { return this.fold.ac.size; }

  /**
   * Verified name occurrences in a normalised field (one per entry and span,
   * closest form first). `close` false reads exact and look-alike-table
   * spellings only (descriptions: free text where homophones of short names
   * are everywhere).
   */
  find(nt: NormText, close = true): NameHit[] {
    if (!nt.folded) return [];
    const out: NameHit[] = [];
    for (const h of this.fold.ac.search(nt.folded)) for (const e of this.fold.entries[h.pattern]) keep(out, this.verify(nt, e, h.start, h.end, this.fold.form));
    if (this.opts.maxSubs > 0 && close) {
      for (const ch of [this.sound, this.shape]) {
        for (const h of ch.ac.search(encode(nt.compact, ch.table!))) for (const e of ch.entries[h.pattern]) keep(out, this.verify(nt, e, h.start, h.end, ch.form));
      }
      this.insertions(nt, out);
    }
    return out;
  }

  /** A GI name's head, one extra CJK character, then the rest of the name (武夷 + 山 + 岩茶). */
  private insertions(nt: NormText, out: NameHit[]): void {
    const f = nt.folded;
    for (const h of this.heads.ac.search(f)) {
      const at = h.end + 1;
      if (at >= f.length || nt.gap[h.end] || nt.gap[at] || !isCjk(nt.compact.charCodeAt(h.end))) continue;
      for (const p of this.heads.parts[h.pattern]) {
        if (f.startsWith(p.rest, at)) keep(out, this.describe(nt, p.entry, h.start, at + p.rest.length, 1, 'inserted'));
      }
    }
  }

  private verify(nt: NormText, entry: NameEntry, start: number, end: number, form: HitForm): NameHit | undefined {
    let subs = 0;
    for (let i = start; i < end; i++) {
      const a = nt.compact.charCodeAt(i), b = entry.compact.charCodeAt(i - start);
      if (a === b) continue;
      // Sound and shape swaps are between CJK characters only.
      if (form !== 'lookalike' && (!isCjk(a) || !isCjk(b))) return undefined;
      subs++;
    }
    // An exact spelling is found by the look-alike channel already.
    if (subs === 0 && form !== 'lookalike' && !entry.variant) return undefined;
    if (entry.variant) { subs = 1; form = 'split'; }
    if (subs > this.opts.maxSubs) return undefined;
    if (subs > 0 && entry.compact.length < this.opts.minLookalikeLength) return undefined;
    if (subs > 0 && subs >= entry.compact.length) return undefined;
    // Latin / digit names must not continue a longer word (anta in fantasy, 361 in 3610).
    if (entry.head !== 'c' && start > 0 && !nt.gap[start] && edge(nt.compact.charCodeAt(start - 1)) === entry.head) return undefined;
    if (entry.tail !== 'c' && end < nt.compact.length && !nt.gap[end] && edge(nt.compact.charCodeAt(end)) === entry.tail) return undefined;
    return this.describe(nt, entry, start, end, subs, subs === 0 ? 'exact' : form);
  }

  private describe(nt: NormText, entry: NameEntry, start: number, end: number, subs: number, form: HitForm): NameHit {
    const a = nt.pos[start], b = nt.pos[end - 1] + 1;
    const quote = nt.original.slice(a, b);
    let split = false, traditional = false, fullwidth = false;
    for (let i = start + 1; i < end; i++) if (nt.gap[i] || nt.pos[i] !== nt.pos[i - 1] + 1) { split = true; break; }
    for (let i = start; i < end; i++) {
      const o = nt.original.charCodeAt(nt.pos[i]);
      if (o >= 0xff01 && o <= 0xff5e) fullwidth = true;
      else if (isCjk(o) && nt.light.charCodeAt(nt.pos[i]) !== o) traditional = true;
    }
    return { entry, start, end, subs, form, quote, split, traditional, fullwidth };
  }
}

/** Adds a hit unless the same name already sits on the same span with as few changes (hits are few: a scan beats a map). */
function keep(out: NameHit[], h: NameHit | undefined): void {
  if (!h) return;
  for (let i = 0; i < out.length; i++) {
    const o = out[i];
    if (o.entry.idx === h.entry.idx && o.entry.kind === h.entry.kind && o.start === h.start && o.end === h.end) {
      if (h.subs < o.subs) out[i] = h;
      return;
    }
  }
  out.push(h);
}

function channel(entries: NameEntry[], key: (s: string) => string, form: HitForm, table?: Uint16Array): Channel {
  const byKey = new Map<string, number>();
  const lists: NameEntry[][] = [];
  for (const e of entries) {
    const k = key(e.compact);
    let id = byKey.get(k);
    if (id === undefined) { id = lists.length; byKey.set(k, id); lists.push([]); }
    if (!lists[id].some((x) => x.kind === e.kind && x.idx === e.idx && x.compact === e.compact)) lists[id].push(e);
  }
  return { ac: new AhoCorasick([...byKey.keys()]), entries: lists, table, form };
}
