/**
 * GI rule (FORMATS §4): a GI name (or close spelling) claimed for a product
 * whose origin lies outside the protected region; or a GI special-mark claim
 * by a shop that is not an authorized user.
 */
import type { GeoIndication, Registry } from '../domain/registry.schema.js';
import type { Match, SignalName } from '../domain/verdict.js';
import type { DetectorConfig } from './detector.config.js';
import { referentialWord, swallowingWord } from './inside-word.rule.js';
import { listingGoods, type ContextTools, type ListingContext } from './listing.context.js';
import type { DetectInput, Signal, SignalContext, SignalFactory } from './signal.js';
import { formatPlace, formatRegion, placeInRegion, resolvePlace, resolveRegion, type Place, type Region } from '../domain/region.resolver.js';
import { sellerKey } from './text.normalizer.js';
import { describeForm, goodsFit, round } from './trademark.signal.js';
import { sanitizeEvidence } from './unicode.hygiene.js';

/** Where the origin of a listing was read from. */
export interface Origin { place: Place; source: string; text: string }

const ORIGIN_PHRASE = /(?:原产地|产地|产区|出产地|生产地|原产于|原产自|产自|产于|出产于|来自于)\s*[:是为在]?\s*([\u3400-\u9fff]{2,14})/g;

/** The listing's origin: an origin attribute, else an origin phrase, else the shop location. */
export function listingOrigin(ctx: ListingContext, config: DetectorConfig): Origin | undefined {
  const attrs = ctx.listing.attributes ?? {};
  for (const k of config.originAttributeKeys) {
    const v = attrs[k];
    const place = resolvePlace(v);
    if (v && place) return { place, source: `属性“${k}”`, text: v };
  }
  for (const f of ctx.fields) {
    if (f.signal !== 'title' && f.signal !== 'description' && f.signal !== 'ocr') continue;
    for (const m of f.text.light.matchAll(ORIGIN_PHRASE)) {
      const place = resolvePlace(m[1]);
      if (place) return { place, source: `${f.label}“${f.text.original.slice(m.index!, m.index! + m[0].length)}”`, text: m[1] };
    }
  }
  ctx.imageFallbacks.add('origin');
  const loc = ctx.listing.shop?.location;
  const place = resolvePlace(loc);
  if (loc && place) return { place, source: '店铺所在地', text: loc };
  return undefined;
}

export class GiSignal implements Signal {
  readonly name = 'gi';
  private readonly regions: Region[];
  private readonly users: Array<Set<string>>;
  private readonly classes: number[][];
  private readonly phrases: Array<{ phrase: string; key: string }>;

  private readonly packaging: string[];

  constructor(private readonly registry: Registry, private readonly config: DetectorConfig, private readonly tools: ContextTools) {
    this.packaging = config.packagingWords.map(sellerKey);
    this.regions = registry.geoIndications.map((g) => resolveRegion(g.region));
    this.users = registry.geoIndications.map((g) => new Set(g.authorizedUsers.map(sellerKey)));
    this.classes = registry.geoIndications.map((g) => tools.goods.classesOf(g.category));
    this.phrases = [...config.specialMarkPhrases].sort((a, b) => b.length - a.length).map((phrase) => ({ phrase, key: sellerKey(phrase) }));
  }

  evaluate(_input: DetectInput, sc: SignalContext): Match[] {
    const ctx = sc.listing, hits = sc.names.gi;
    if (hits.size === 0) return [];
    const w = this.config.weights;
    const out: Match[] = [];
    let origin: Origin | undefined | null = null;
    const claim = this.specialMarkClaim(ctx);
    for (const [idx, list] of hits) {
      const gi = this.registry.geoIndications[idx];
      if (ctx.shopKey && this.users[idx].has(ctx.shopKey)) continue;
      const fit = goodsFit(listingGoods(ctx, list, this.tools), this.classes[idx], [gi.category], [sellerKey(gi.category)], this.packaging);
      // Best occurrence: title first, fewest substitutions.
      let best: { fh: (typeof list)[number]; s: number; note: string } | undefined;
      for (const fh of list) {
        let s = 1;
        let note = '';
        if (fh.hit.subs > 0) s *= w.lookalike / w.exact;
        note = describeForm(fh.hit);
        if (fh.field.signal !== 'title') s *= fh.field.signal === 'ocr' ? w.ocrFactor : w.descriptionFactor;
        const swallow = swallowingWord(fh.field, fh.hit.start, fh.hit.end, this.tools);
        if (swallow) s *= w.insideWord;
        const ref = referentialWord(fh.field, fh.hit.start, fh.hit.end, this.config.referentialWords, this.config.referentialSuffixes, this.config.specialMarkPhrases);
        if (ref) { s *= w.referential; note += `（“${ref}”表明只是提及）`; }
        if (fit.kind === 'mismatch') s *= w.goodsMismatch;
        if (!best || s > best.s) best = { fh, s, note };
      }
      if (!best) continue;
      const named = `${best.fh.field.label}含“${best.fh.hit.quote.trim()}”${best.note}`;
      if (origin === null) origin = listingOrigin(ctx, this.config);
      const region = this.regions[idx];
      const rel = placeInRegion(origin?.place, region);
      if (rel === 'outside' && origin) {
        const s = round(Math.min(0.99, w.giOrigin * best.s));
        if (s >= this.config.reportThreshold) out.push({
          assetId: gi.id, assetType: 'gi', signal: 'origin', score: s,
          evidence: sanitizeEvidence(`${named}，即地理标志“${gi.name}”；${origin.source}${origin.source === '店铺所在地' ? '' : `指向`}${formatPlace(origin.place)}，不在保护范围${formatRegion(region)}`),
        });
      }
      if (claim) {
        const s = round(Math.min(0.99, w.giSpecialMark * best.s));
        if (s >= this.config.reportThreshold) out.push({
          assetId: gi.id, assetType: 'gi', signal: claim.signal, score: s,
          evidence: sanitizeEvidence(`${claim.label}称“${claim.phrase}”，${named}；店铺“${ctx.listing.shop?.name ?? ''}”不是“${gi.name}”地理标志专用标志的授权使用人`),
        });
      }
    }
    return out;
  }

  private specialMarkClaim(ctx: ListingContext): { phrase: string; signal: SignalName; label: string } | undefined {
    for (const f of ctx.fields) {
      for (const p of this.phrases) if (p.key && f.text.compact.includes(p.key)) return { phrase: p.phrase, signal: f.signal, label: f.label };
    }
    return undefined;
  }
}

export type { GeoIndication };

/** The GI kind's text signals (kinds/gi.kind.ts). */
export const giSignals: SignalFactory = ({ registry, config, tools }) => [new GiSignal(registry, config, tools)];
