/**
 * Reads search results and item fields out of a page (HTML through CSS
 * selectors, JSON through dotted paths) as the platform config describes.
 * The same code serves HTTP-fetched and browser-rendered pages.
 */
import * as cheerio from 'cheerio';
import type { FieldSource, PlatformConfig } from '../config/platform.schema.js';
import { ExtractionError } from './errors.js';

type Doc = { kind: 'html'; $: cheerio.CheerioAPI } | { kind: 'json'; data: unknown };

/** The fields of an item page, before they become a FORMATS §2 listing. */
export interface ItemFields {
  title: string;
  description: string;
  price: number | null;
  shop: { id: string; name: string; location: string };
  attributes: Record<string, string>;
  images: string[];
}

export interface SearchResults {
  items: Array<{ listingId: string; url: string }>;
  hasNext: boolean;
}

export function parseDoc(body: string, format: 'html' | 'json', platform: string, url: string): Doc {
  if (format === 'html') return { kind: 'html', $: cheerio.load(body) };
  try {
    return { kind: 'json', data: JSON.parse(body) };
  } catch (err) {
    throw new ExtractionError(`malformed JSON: ${(err as Error).message}`, platform, url);
  }
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

function applyPattern(v: string, pattern?: string): string {
  if (!pattern) return v;
  const m = v.match(new RegExp(pattern));
  return m ? (m[1] ?? m[0]) : '';
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Reads one field source; lists come back as arrays, scalars as one-element arrays. */
function readField(doc: Doc, src: FieldSource, scope?: cheerio.Cheerio<any>): string[] {
  if (doc.kind === 'json' || src.path) {
    const base = doc.kind === 'json' ? doc.data : undefined;
    const v = jsonPath(scope ? (scope as unknown) : base, src.path ?? '');
    const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    return list.map((x) => applyPattern(typeof x === 'object' ? JSON.stringify(x) : String(x), src.pattern)).filter((x) => x !== '');
  }
  const $ = doc.$;
  const nodes = scope ? scope.find(src.selector!) : $(src.selector!);
  const picked = src.all ? nodes.toArray() : nodes.toArray().slice(0, 1);
  const attrs = src.attrs ?? (src.attr ? [src.attr] : []);
  return picked.map((n) => {
    const el = $(n);
    let v = '';
    for (const a of attrs) { v = el.attr(a) ?? ''; if (v) break; }
    if (!attrs.length) v = el.text();
    return applyPattern(clean(v), src.pattern);
  }).filter((x) => x !== '');
}

export function fillTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in vars)) throw new Error(`template variable {${k}} has no value`);
    return k === 'keyword' ? encodeURIComponent(String(vars[k])) : String(vars[k]);
  });
}

export function listingIdFromUrl(platform: PlatformConfig, url: string): string | undefined {
  const m = url.match(new RegExp(platform.item.idPattern));
  return m ? (m[1] ?? m[0]) : undefined;
}

/** Canonical item URL for a listing id: the one URL a listing is cited by. */
export function canonicalItemUrl(platform: PlatformConfig, listingId: string): string {
  return new URL(fillTemplate(platform.item.url, { id: listingId }), platform.baseUrl).toString();
}

export function extractSearch(platform: PlatformConfig, body: string, pageUrl: string): SearchResults {
  const cfg = platform.search;
  const doc = parseDoc(body, cfg.format, platform.id, pageUrl);
  const items: SearchResults['items'] = [];
  const seen = new Set<string>();
  const add = (listingId: string | undefined) => {
    if (!listingId || seen.has(listingId)) return;
    seen.add(listingId);
    items.push({ listingId, url: canonicalItemUrl(platform, listingId) });
  };
  if (doc.kind === 'json') {
    const arr = jsonPath(doc.data, cfg.items);
    if (!Array.isArray(arr)) throw new ExtractionError(`no result array at ${cfg.items}`, platform.id, pageUrl, 'search.items');
    for (const el of arr) {
      if (cfg.id) add(readField({ kind: 'json', data: el }, cfg.id)[0]);
      else if (cfg.link) { const href = readField({ kind: 'json', data: el }, cfg.link)[0]; if (href) add(listingIdFromUrl(platform, new URL(href, pageUrl).toString())); }
    }
  } else {
    const $ = doc.$;
    $(cfg.items).each((_, n) => {
      const scope = $(n);
      if (cfg.id) { add(readField(doc, cfg.id, scope)[0]); return; }
      const href = cfg.link ? readField(doc, cfg.link, scope)[0] : scope.attr('href');
      if (href) add(listingIdFromUrl(platform, new URL(href, pageUrl).toString()));
    });
  }
  let hasNext = false;
  const p = cfg.pagination;
  if (p.type === 'link' && doc.kind === 'html') hasNext = doc.$(p.selector).length > 0;
  if (p.type === 'json' && doc.kind === 'json') hasNext = Boolean(jsonPath(doc.data, p.hasMorePath));
  return { items, hasNext };
}

/** True when the page carries the platform's "listing gone" marker. */
export function hasGoneMarker(platform: PlatformConfig, body: string, url: string): boolean {
  const marker = platform.item.goneMarker;
  if (!marker) return false;
  const doc = parseDoc(body, platform.item.format, platform.id, url);
  return doc.kind === 'html' ? doc.$(marker).length > 0 : Boolean(jsonPath(doc.data, marker));
}

export function parsePrice(s: string | undefined): number | null {
  if (!s) return null;
  const m = s.replace(/,/g, '').match(/\d+(?:\.\d+)?/);
  return m ? Number(m[0]) : null;
}

export function extractItem(platform: PlatformConfig, body: string, pageUrl: string): ItemFields {
  const f = platform.item.fields;
  const doc = parseDoc(body, platform.item.format, platform.id, pageUrl);
  const one = (src?: FieldSource) => (src ? readField(doc, src)[0] ?? '' : '');
  const title = one(f.title);
  if (!title) throw new ExtractionError('no title found on the item page', platform.id, pageUrl, 'item.fields.title');
  const attributes: Record<string, string> = {};
  if (f.attributes) {
    if (doc.kind === 'json') {
      const rows = jsonPath(doc.data, f.attributes.rows);
      if (Array.isArray(rows)) for (const r of rows) {
        const k = clean(String(jsonPath(r, f.attributes.name) ?? ''));
        const v = clean(String(jsonPath(r, f.attributes.value) ?? ''));
        if (k) attributes[k] = v;
      }
    } else {
      const $ = doc.$;
      $(f.attributes.rows).each((_, n) => {
        const k = clean($(n).find(f.attributes!.name).first().text()).replace(/[:：]$/, '');
        const v = clean($(n).find(f.attributes!.value).first().text());
        if (k) attributes[k] = v;
      });
    }
  }
  const images = f.images ? readField(doc, { ...f.images, all: true }) : [];
  return {
    title,
    description: one(f.description),
    price: parsePrice(one(f.price)),
    shop: { id: one(f.shopId), name: one(f.shopName), location: one(f.shopLocation) },
    attributes,
    images: [...new Set(images.map((src) => new URL(src, pageUrl).toString()))],
  };
}
