/** What a family builder produces before the generator assigns platform, ids and image paths. */
import type { Registry } from '../../domain/registry.schema.js';
import type { GroundTruth, ImageShape, ImageSpec } from './catalog.types.js';
import type { Rng } from './prng.util.js';

/** Everything family builders need. */
export interface FamilyContext {
  rng: Rng;
  registry: Registry;
  /** Per-family counters, so builders can cycle through their variants and cover all of them. */
  counters: Map<string, number>;
}

/** The n-th call for `key` (0, 1, 2, …). */
export function nextCount(ctx: FamilyContext, key: string): number {
  const n = ctx.counters.get(key) ?? 0;
  ctx.counters.set(key, n + 1);
  return n;
}

/** A listing without platform, listing id, shop id and image paths. */
export interface ListingDraft {
  title: string;
  description: string;
  price: number;
  shop: { name: string; location: string };
  attributes: Record<string, string>;
  imageSpecs: ImageSpec[];
  /** The register name the listing is "about"; the platform surfaces it for that query if its title alone would not. */
  topic: string;
  /** Further queries a clean listing surfaces for as "related" noise. */
  extraTopics?: string[];
  truth: GroundTruth;
}

const BACKGROUNDS = ['#f4efe6', '#e8f1f8', '#fdf3e7', '#eef6ec', '#f7e9ef', '#ececec', '#fff8dc', '#e6eef0'];
const COLORS = ['#c0392b', '#2c3e50', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#34495e', '#b7950b', '#7f8c8d', '#1f4e79'];

/** 1–3 image recipes; the first carries `text`/`logo`, later ones are plain detail shots unless `allText`. */
export function imageSpecs(rng: Rng, shape: ImageShape, text: string[], logo?: string, allText = false): ImageSpec[] {
  const n = rng.int(1, 3);
  const color = rng.pick(COLORS);
  const out: ImageSpec[] = [];
  for (let i = 0; i < n; i++) {
    const withText = i === 0 || allText;
    const spec: ImageSpec = { shape, background: rng.pick(BACKGROUNDS), color, text: withText ? text : [], seed: rng.int(1, 1e9) };
    if (logo && withText) spec.logo = logo;
    out.push(spec);
  }
  return out;
}

/** Joins title pieces the way sellers do: with spaces, or run together. */
export function joinTitle(rng: Rng, parts: string[]): string {
  const sep = rng.pick([' ', ' ', '', ',']);
  return parts.filter((p) => p.length > 0).join(sep);
}

/** A price in [min, max] × factor, ending in .9 or .0 like shop prices. */
export function price(rng: Rng, [min, max]: [number, number], factor = 1): number {
  const v = (min + rng.next() * (max - min)) * factor;
  const whole = Math.max(1, Math.round(v));
  return rng.chance(0.6) ? whole - 0.1 : whole;
}

/** Drops the 县/市/区 suffix: 闽侯县 → 闽侯, 武夷山市 → 武夷山. */
export function shortPlace(county: string): string {
  return county.length > 2 ? county.replace(/[县市区]$/, '') : county;
}

/** `n` distinct modifiers. */
export function mods(rng: Rng, modifiers: readonly string[], min = 1, max = 3): string[] {
  return rng.sample(modifiers, rng.int(min, max));
}

/** The province part of a location: 广西壮族自治区南宁市横州市 → 广西壮族自治区, 上海市浦东新区 → 上海市. */
export function provinceOf(location: string): string {
  return /^.+?(?:省|自治区|市)/.exec(location)?.[0] ?? location;
}
