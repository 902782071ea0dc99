/**
 * Resolves free-text places ('浙江省金华市义乌市', '福州', '闽侯', '福建福州')
 * to province / city / county, and decides whether a place lies inside a GI's
 * protected region. Built once from {@link GAZETTEER}; lookups are a
 * longest-match scan over the text, so they cost microseconds.
 */
import { FOREIGN_PLACES, FORMER_NAMES, GAZETTEER } from './region.gazetteer.data.js';

/** A resolved place; absent levels were not stated (or not known). */
export interface Place {
  province?: string;
  city?: string;
  county?: string;
  /** Outside mainland-China divisions (e.g. 越南). */
  foreign?: string;
}

interface Entry { level: 'province' | 'city' | 'county' | 'foreign'; province: string; city?: string; county?: string }

const byName = new Map<string, Entry[]>();
let maxNameLen = 0;

function add(name: string, e: Entry): void {
  if (name.length < 2) return;
  const list = byName.get(name) ?? [];
  if (!list.some((x) => x.level === e.level && x.province === e.province && x.city === e.city && x.county === e.county)) list.push(e);
  byName.set(name, list);
  if (name.length > maxNameLen) maxNameLen = name.length;
}

const PROVINCE_SUFFIX = /(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|省|市)$/;
const CITY_SUFFIX = /(土家族苗族自治州|朝鲜族自治州|傣族自治州|白族自治州|哈萨克自治州|自治州|地区|盟|市)$/;
const COUNTY_SUFFIX = /(自治县|新区|区|县|市)$/;

/** Names a division is written by: the full name and the name without its suffix (if two chars or more remain). */
function forms(full: string, suffix: RegExp): string[] {
  const short = full.replace(suffix, '');
  return short.length >= 2 && short !== full ? [full, short] : [full];
}

for (const [province, cities] of Object.entries(GAZETTEER)) {
  for (const f of forms(province, PROVINCE_SUFFIX)) add(f, { level: 'province', province });
  for (const [city, counties] of Object.entries(cities)) {
    const municipality = city === province;
    if (!municipality) for (const f of forms(city, CITY_SUFFIX)) add(f, { level: 'city', province, city });
    for (const county of counties) {
      for (const f of forms(county, COUNTY_SUFFIX)) add(f, { level: 'county', province, city, county });
    }
  }
}
for (const [old, now] of Object.entries(FORMER_NAMES)) {
  const target = byName.get(now)?.find((e) => e.level === 'county' || e.level === 'city');
  if (target) for (const f of forms(old, COUNTY_SUFFIX)) add(f, target);
}
for (const f of FOREIGN_PLACES) add(f, { level: 'foreign', province: f });

const RANK = { foreign: 0, province: 1, city: 2, county: 3 } as const;

/** Every division name found in `text`, longest match first at each position. */
function mentions(text: string): Entry[][] {
  const out: Entry[][] = [];
  for (let i = 0; i < text.length;) {
    let hit = 0;
    for (let len = Math.min(maxNameLen, text.length - i); len >= 2; len--) {
      const list = byName.get(text.slice(i, i + len));
      if (list) { out.push(list); hit = len; break; }
    }
    i += hit || 1;
  }
  return out;
}

function consistent(a: Entry, b: Entry): boolean {
  if (a.level === 'foreign' || b.level === 'foreign') return a.province === b.province;
  if (a.province !== b.province) return false;
  if (a.city && b.city && a.city !== b.city) return false;
  return true;
}

/** Resolves a place written in free text; returns undefined when no known division is named. */
export function resolvePlace(text: string | undefined): Place | undefined {
  if (!text) return undefined;
  const found = mentions(text.replace(/\s+/g, ''));
  if (found.length === 0) return undefined;
  // Choose, for each mention, the reading most consistent with the other mentions.
  let best: Entry | undefined;
  let bestScore = -1;
  for (const list of found) {
    for (const e of list) {
      let support = 0;
      for (const other of found) if (other !== list && other.some((o) => consistent(e, o))) support++;
      const score = support * 10 + RANK[e.level];
      if (score > bestScore) { best = e; bestScore = score; }
    }
  }
  if (!best) return undefined;
  if (best.level === 'foreign') return { foreign: best.province };
  return { province: best.province, city: best.city, county: best.county };
}

/** A GI's protected region, resolved to gazetteer names. */
export interface Region { province?: string; city?: string; counties: Set<string> }

/** Resolves a register region ({province, city, counties}) to canonical names. */
export function resolveRegion(r: { province: string; city?: string; counties?: string[] }): Region {
  const p = resolvePlace(r.province);
  const out: Region = { province: p?.province ?? r.province, counties: new Set() };
  if (r.city) {
    const c = resolvePlace(`${out.province}${r.city}`);
    if (c?.county && !r.counties?.length) { out.city = c.city; out.counties.add(c.county); }
    else out.city = c?.city ?? r.city;
  }
  for (const k of r.counties ?? []) {
    if (k === '...' || k === '…') continue;
    const c = resolvePlace(`${out.province}${out.city ?? ''}${k}`);
    out.counties.add(c?.county ?? k);
  }
  return out;
}

export type RegionRelation = 'inside' | 'outside' | 'unknown';

/** Whether `place` lies inside `region`; 'unknown' when the place is not precise enough to tell. */
export function placeInRegion(place: Place | undefined, region: Region): RegionRelation {
  if (!place) return 'unknown';
  if (place.foreign) return 'outside';
  if (!place.province) return 'unknown';
  if (region.province && place.province !== region.province) return 'outside';
  if (region.city) {
    if (!place.city) return 'unknown';
    if (place.city !== region.city) return 'outside';
  }
  if (region.counties.size > 0) {
    if (!place.county) return region.city || place.city ? 'unknown' : 'unknown';
    if (!region.counties.has(place.county)) return 'outside';
  }
  return 'inside';
}

/** '浙江省金华市义乌市' style rendering of a place. */
export function formatPlace(p: Place | undefined): string {
  if (!p) return '未知';
  if (p.foreign) return p.foreign;
  const city = p.city && p.city !== p.province ? p.city : '';
  return `${p.province ?? ''}${city}${p.county ?? ''}`;
}

/** '福建省福州市（仓山区、晋安区…）' style rendering of a region. */
export function formatRegion(r: Region): string {
  const head = `${r.province ?? ''}${r.city && r.city !== r.province ? r.city : ''}`;
  if (r.counties.size === 0) return head;
  const list = [...r.counties];
  return `${head}${list.slice(0, 6).join('、')}${list.length > 6 ? '等' : ''}`;
}

/** What statistics write for a place that names no known division. */
export const UNKNOWN_REGION = '未知';

/**
 * Province and city of a shop location for statistics, from the same
 * gazetteer as the GI origin check ('福州' → 福建省 / 福建省福州市). The city is
 * written with its province; a municipality is its own city; unknown parts
 * are {@link UNKNOWN_REGION}.
 */
export function provinceAndCity(location: string | null | undefined): { province: string; city: string } {
  const p = resolvePlace(location ?? undefined);
  if (!p?.province) return { province: UNKNOWN_REGION, city: UNKNOWN_REGION };
  if (p.city === p.province || MUNICIPALITIES.has(p.province)) return { province: p.province, city: p.province };
  return { province: p.province, city: `${p.province}${p.city ?? UNKNOWN_REGION}` };
}

const MUNICIPALITIES = new Set(['北京市', '天津市', '上海市', '重庆市']);
