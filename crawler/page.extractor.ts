/**
 * Reads search results and item fields out of documents as the platform
 * config describes: HTML through CSS selectors, JSON through dotted paths,
 * data embedded in scripts, and extra API documents, all by name. The same
 * code serves HTTP-fetched and browser-rendered pages.
 */
import * as cheerio from 'cheerio';
import type { AttributesSource, FieldSource, FieldSources, PlatformConfig, ScriptSource } from '../config/platform.schema.js';
import { ExtractionError, SelectorBrokenError } from './errors.js';
import { cleanDeep, cleanText } from './text.cleaner.js';
import { canonicalItemUrl, listingIdFromUrl, listingIdProblem } from './url.template.js';
import { applyReplacements, parsePriceRange } from './value.transform.js';

export { canonicalItemUrl, fillTemplate, listingIdFromUrl } from './url.template.js';

export type Doc = { kind: 'html'; $: cheerio.CheerioAPI; text: string } | { kind: 'json'; data: unknown };
/** Documents of one page by name: `page`, embedded scripts, extra sources. */
export type Docs = Map<string, Doc>;

/** The fields of an item page, before they become a FORMATS §2 listing. */
export interface ItemFields {
  title: string;
  description: string;
  /** The lowest price shown (a range's low end). */
  price: number | null;
  /** The highest price shown; equals `price` unless the page shows a range. */
  priceMax: number | null;
  /** Currency read from the page, when the config names a currency field. */
  currency?: string;
  shop: { id: string; name: string; location: string };
  attributes: Record<string, string>;
  images: string[];
}

/** What a search-result card shows, kept to fill what the item page lacks. */
export type CardFields = Partial<Pick<ItemFields, 'title' | 'price' | 'priceMax' | 'currency' | 'images'>> & {
  shop?: Partial<ItemFields['shop']>;
};

/** A result card that was refused (and skipped): which card of which page, and why. */
export interface RefusedCard {
  /** The logical page number and the card's position on it (1-based). */
  page: number;
  card: number;
  /** The id the card gave, when it gave one. */
  listingId?: string;
  reason: string;
  /** One line for the run's record and the log: `card 2 of page 1 (<url>) refused: …`. */
  message: string;
}

export interface SearchResults {
  items: Array<{ listingId: string; url: string; card?: CardFields }>;
  /** Cards refused on this page; the other cards (and the next-page link) are kept. */
  refused: RefusedCard[];
  hasNext: boolean;
  /** `empty`: the platform answered "no results" (not a block, not a broken selector). */
  outcome: 'results' | 'empty';
}

/** Strips a JSONP `callback( … )` wrapper (and a leading comment or `/**\/`). */
export function unwrapJsonp(text: string): string {
  const m = text.match(/^[\s;]*(?:\/\*.*?\*\/\s*)?[\w$.]+\s*\(([\s\S]*)\)[\s;]*$/);
  return m ? m[1] : text;
}

export function parseDoc(body: string, format: 'html' | 'json' | 'jsonp', platform: string, url: string): Doc {
  if (format === 'html') return { kind: 'html', $: cheerio.load(body), text: body };
  try {
    return { kind: 'json', data: JSON.parse(format === 'jsonp' ? unwrapJsonp(body) : body) };
  } catch (err) {
    throw new ExtractionError(`malformed JSON${format === 'jsonp' ? 'P' : ''}: ${(err as Error).message}`, platform, url);
  }
}

/** The page plus each embedded script blob that is present in it. */
export function pageDocs(body: string, format: 'html' | 'json' | 'jsonp', scripts: Record<string, ScriptSource>, platform: string, url: string): Docs {
  const docs: Docs = new Map([['page', parseDoc(body, format, platform, url)]]);
  for (const [name, s] of Object.entries(scripts)) {
    const m = body.match(new RegExp(s.pattern, 's'));
    if (!m) continue;
    try {
      docs.set(name, parseDoc(m[1] ?? m[0], s.parse, platform, url));
    } catch (err) {
      throw new ExtractionError(`embedded script "${name}": ${(err as Error).message.split(' [')[0]}`, platform, url, `scripts.${name}`);
    }
  }
  return docs;
}

/** Dotted path with `[]` to map over arrays: `data.items`, `data.props[].name`. */
export function jsonPath(data: unknown, path: string): unknown {
  let cur: unknown = data;
  const parts = path.split('.').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const mapAll = part.endsWith('[]');
    const key = mapAll ? part.slice(0, -2) : part;
    if (cur === null || cur === undefined) return undefined;
    cur = key ? (cur as Record<string, unknown>)[key] : cur;
    if (mapAll) {
      if (!Array.isArray(cur)) return undefined;
      const rest = parts.slice(i + 1).join('.');
      return rest ? cur.map((el) => jsonPath(el, rest)) : cur;
    }
  }
  return cur;
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

function finish(v: string, src: FieldSource): string {
  const replaced = applyReplacements(clean(v), src.replace);
  if (!src.pattern) return replaced;
  const m = replaced.match(new RegExp(src.pattern));
  return m ? clean(m[1] ?? m[0]) : '';
}

/** A node of an HTML result or an element of a JSON result list: what card fields are read relative to. */
export type Scope = { kind: 'html'; node: cheerio.Cheerio<any> } | { kind: 'json'; data: unknown };

/** Reads one field source; lists come back as arrays, scalars as one-element arrays. */
export function readField(docs: Docs, src: FieldSource, scope?: Scope): string[] {
  const doc = docs.get(src.from ?? 'page');
  const useScope = scope && !src.from;
  const fromJson = (data: unknown): string[] => {
    if (src.paths) {
      const parts = src.paths.map((p) => jsonPath(data, p)).filter((x) => x !== undefined && x !== null && x !== '');
      return [finish(parts.map(String).join(src.join ?? ' '), src)].filter(Boolean);
    }
    const v = jsonPath(data, src.path ?? '');
    const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    const out = list.map((x) => finish(typeof x === 'object' ? JSON.stringify(x) : String(x), src)).filter((x) => x !== '');
    return src.join !== undefined && out.length ? [out.join(src.join)] : out;
  };
  if (useScope && scope.kind === 'json') return fromJson(scope.data);
  if (!doc) return [];
  if (doc.kind === 'json') return src.selector ? [] : fromJson(doc.data);
  if (!src.selector) return [];
  const $ = doc.$;
  const nodes = useScope && scope.kind === 'html' ? scope.node.find(src.selector) : $(src.selector);
  const picked = src.all ? nodes.toArray() : nodes.toArray().slice(0, 1);
  const attrs = src.attrs ?? (src.attr ? [src.attr] : []);
  const out = picked.map((n) => {
    const el = $(n);
    let v = '';
    for (const a of attrs) { v = el.attr(a) ?? ''; if (v) break; }
    if (!attrs.length) v = el.text();
    return finish(v, src);
  }).filter((x) => x !== '');
  return src.join !== undefined && out.length ? [out.join(src.join)] : out;
}

/** Several sources tried in order; the first that yields anything wins. */
export function readSources(docs: Docs, srcs: FieldSources | undefined, scope?: Scope, all = false): string[] {
  if (!srcs) return [];
  for (const src of Array.isArray(srcs) ? srcs : [srcs]) {
    const v = readField(docs, all ? { ...src, all: true } : src, scope);
    if (v.length) return v;
  }
  return [];
}

/** True when a selector matches or (for a non-selector string) the text contains it. */
export function hasMarker(doc: Doc | undefined, marker: string): boolean {
  if (!doc) return false;
  if (doc.kind === 'json') return Boolean(jsonPath(doc.data, marker));
  try {
    if (doc.$(marker).length > 0) return true;
  } catch { /* not a selector: a text marker */ }
  return doc.text.includes(marker);
}

function readCard(platform: PlatformConfig, docs: Docs, scope: Scope, pageUrl: string): CardFields | undefined {
  const c = platform.search.card;
  if (!c) return undefined;
  const one = (s?: FieldSources) => readSources(docs, s, scope)[0];
  const range = parsePriceRange(one(c.price), platform.item.fields.priceDecimal);
  const images = readSources(docs, c.images, scope, true).map((src) => absolute(src, pageUrl)).filter(Boolean);
  const card: CardFields = {
    title: one(c.title), price: range?.min, priceMax: range?.max, currency: one(c.currency),
    shop: { id: one(c.shopId), name: one(c.shopName), location: one(c.shopLocation) },
    images: images.length ? images : undefined,
  };
  // Stored as jsonb: without undefined keys, and cleaned like the captured listing (a NUL or a lone surrogate would make the page unstorable).
  return cleanDeep(JSON.parse(JSON.stringify(card)) as CardFields);
}

function absolute(src: string, base: string): string {
  try { return new URL(src, base).toString(); } catch { return ''; }
}

/** One results page. `page` is the logical page number asked for (for `pages` pagination). */
export function extractSearch(platform: PlatformConfig, bodyOrDocs: string | Docs, pageUrl: string, page = platform.search.firstPage): SearchResults {
  const cfg = platform.search;
  const docs = typeof bodyOrDocs === 'string' ? pageDocs(bodyOrDocs, cfg.format, cfg.scripts, platform.id, pageUrl) : bodyOrDocs;
  const doc = docs.get(cfg.from);
  const items: SearchResults['items'] = [];
  const refused: RefusedCard[] = [];
  const seen = new Set<string>();
  let position = 0;
  // Each card on its own: a bad one is refused and reported, the rest of the page is kept.
  const add = (readId: () => string | undefined, scope: Scope) => {
    const card = ++position;
    let listingId: string | undefined;
    try {
      listingId = readId();
      if (!listingId || seen.has(listingId)) return;
      const problem = listingIdProblem(platform, listingId);
      if (problem) throw new Error(problem);
      const fields = readCard(platform, docs, scope, pageUrl);
      seen.add(listingId);
      items.push({ listingId, url: canonicalItemUrl(platform, listingId), card: fields });
    } catch (err) {
      const reason = (err as Error).message;
      const what = listingId === undefined ? '' : `listing id ${JSON.stringify(listingId)} `;
      refused.push({ page, card, listingId, reason, message: cleanText(`card ${card} of page ${page} (${pageUrl}) refused: ${what}${reason}`) });
    }
  };
  const linkId = (href: string | undefined) => (href ? listingIdFromUrl(platform, absolute(href, pageUrl)) : undefined);
  if (doc?.kind === 'json') {
    const arr = jsonPath(doc.data, cfg.items);
    if (Array.isArray(arr)) for (const el of arr) {
      const scope: Scope = { kind: 'json', data: el };
      add(() => (cfg.id ? readField(docs, cfg.id, scope)[0] : linkId(cfg.link ? readField(docs, cfg.link, scope)[0] : undefined)), scope);
    }
  } else if (doc) {
    doc.$(cfg.items).each((_, n) => {
      const scope: Scope = { kind: 'html', node: doc.$(n) };
      add(() => (cfg.id ? readField(docs, cfg.id, scope)[0] : linkId(cfg.link ? readField(docs, cfg.link, scope)[0] : scope.node.attr('href'))), scope);
    });
  }
  if (!items.length && !refused.length) {
    const page0 = docs.get('page');
    if (cfg.emptyMarker && !hasMarker(page0, cfg.emptyMarker)) {
      throw new SelectorBrokenError(`no results at ${cfg.from === 'page' ? '' : `${cfg.from}:`}${cfg.items} and no "no results" marker`, platform.id, pageUrl, 'search.items');
    }
    return { items, refused, hasNext: false, outcome: 'empty' };
  }
  let hasNext = false;
  const p = cfg.pagination;
  if (p.type === 'link' && doc?.kind === 'html') hasNext = doc.$(p.selector).length > 0;
  if (p.type === 'json' && doc?.kind === 'json') hasNext = Boolean(jsonPath(doc.data, p.hasMorePath));
  if (p.type === 'pages') {
    const total = Number(readField(docs, p.totalPages)[0]);
    hasNext = Number.isFinite(total) && page - cfg.firstPage + 1 < total;
  }
  return { items, refused, hasNext, outcome: 'results' };
}

/** True when the page carries the platform's "listing gone" marker. */
export function hasGoneMarker(platform: PlatformConfig, docs: Docs): boolean {
  const marker = platform.item.goneMarker;
  return marker ? hasMarker(docs.get('page'), marker) : false;
}

/** The first number of a price label (kept for callers that need one value). */
export function parsePrice(s: string | undefined): number | null {
  return parsePriceRange(s)?.min ?? null;
}

function readAttributes(docs: Docs, srcs: AttributesSource | AttributesSource[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (k: string, v: string) => { const key = clean(k).replace(/[:：]$/, '').trim(); if (key && !(key in out)) out[key] = clean(v); };
  for (const a of srcs ? (Array.isArray(srcs) ? srcs : [srcs]) : []) {
    const doc = docs.get(a.from ?? 'page');
    if (!doc) continue;
    if ('rows' in a) {
      if (doc.kind === 'json') {
        const rows = jsonPath(doc.data, a.rows);
        if (Array.isArray(rows)) for (const r of rows) put(String(jsonPath(r, a.name) ?? ''), String(jsonPath(r, a.value) ?? ''));
      } else {
        doc.$(a.rows).each((_, n) => { put(doc.$(n).find(a.name).first().text(), doc.$(n).find(a.value).first().text()); });
      }
    } else if ('entries' in a) {
      if (doc.kind !== 'json') continue;
      const v = jsonPath(doc.data, a.entries);
      for (const o of Array.isArray(v) ? v : [v]) {
        if (o === null || typeof o !== 'object' || Array.isArray(o)) continue;
        for (const [k, x] of Object.entries(o)) if (x !== null && x !== undefined) put(k, typeof x === 'object' ? JSON.stringify(x) : String(x));
      }
    } else if (doc.kind === 'html' && 'text' in a) {
      const sep = new RegExp(a.separator);
      doc.$(a.text).each((_, n) => {
        const t = clean(doc.$(n).text());
        const m = t.match(sep);
        if (m && m.index !== undefined && m.index > 0) put(t.slice(0, m.index), t.slice(m.index + m[0].length));
      });
    } else if (doc.kind === 'html' && 'labels' in a) {
      doc.$(a.labels).each((_, n) => { put(doc.$(n).text(), doc.$(n).next().text()); });
    }
  }
  return out;
}

/** The item's fields from its documents (or from one body, for JSON/HTML pages without extra sources). */
export function extractItem(platform: PlatformConfig, bodyOrDocs: string | Docs, pageUrl: string): ItemFields {
  const f = platform.item.fields;
  const docs = typeof bodyOrDocs === 'string' ? pageDocs(bodyOrDocs, platform.item.format, platform.item.scripts, platform.id, pageUrl) : bodyOrDocs;
  const one = (src?: FieldSources) => readSources(docs, src)[0] ?? '';
  const title = one(f.title);
  if (!title) throw new SelectorBrokenError('no title found on the item page', platform.id, pageUrl, 'item.fields.title');
  const range = parsePriceRange(one(f.price), f.priceDecimal);
  const images = readSources(docs, f.images, undefined, true).map((src) => absolute(src, pageUrl)).filter(Boolean);
  return {
    title,
    description: one(f.description),
    price: range?.min ?? null,
    priceMax: range?.max ?? null,
    currency: one(f.currency) || undefined,
    shop: { id: one(f.shopId), name: one(f.shopName), location: one(f.shopLocation) },
    attributes: readAttributes(docs, f.attributes),
    images: [...new Set(images)],
  };
}
