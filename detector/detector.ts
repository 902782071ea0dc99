/**
 * The detector: the rules of FORMATS §4 as a registry of signals over one
 * listing. Build it once per register with {@link createDetector}; `detect`
 * runs the synchronous (text) signals with no I/O, for the batch command and
 * the benchmark; `judge` also awaits asynchronous signals (images) and
 * scores everything together.
 */
import type { Registry } from '../domain/registry.schema.js';
import type { Match, Verdict } from '../domain/verdict.js';
import { parseDetectorConfig, type DetectorConfig } from './detector.config.js';
import { GoodsTaxonomy } from './goods.taxonomy.js';
import { buildContext, isBrandKey, prepareCopyWords, type ContextTools } from './listing.context.js';
import { compileFoldTable, lookalikeTables } from './lookalike.table.js';
import { findNames } from './name.hits.js';
import { NameIndex } from './name.index.js';
import type { DetectInput, Signal, SignalContext, SignalFactory } from './signal.js';
import { SignalRegistry } from './signal.registry.js';
import { TextNormalizer } from './text.normalizer.js';
import { BUILTIN_TEXT_SIGNALS } from './text.signals.js';
import { scoreVerdict } from './verdict.scorer.js';
import { WordSegmenter } from './word.segmenter.js';

export interface Detector {
  /** Runs the synchronous signals (text rules); pure, no I/O. */
  detect(input: DetectInput): Verdict;
  /** Runs every registered signal, awaiting asynchronous ones (images), and scores all matches together; `costly: false` leaves out the costly ones ({@link Signal.costly}). */
  judge(input: DetectInput, options?: { costly?: boolean }): Promise<Verdict>;
  /**
   * Whether the listing's text alone makes it suspect in a way its images
   * cannot undo: the text rules flag it and read nothing from a fallback that
   * image text could change (ListingContext.imageFallbacks). Text read from
   * images and logos can then only add matches, so a scan may skip them.
   */
  textDecides(input: DetectInput): boolean;
  /** The registered signals, in order. */
  readonly signals: SignalRegistry;
}

/** Options beyond the config. */
export interface DetectorOptions {
  /** Each kind of right's text signal factory, in order (the app passes every installed kind's; default: the built-in kinds'). */
  kinds?: readonly SignalFactory[];
  /** Extra signals (the image/logo signals) run after the kinds' text signals. */
  signals?: Signal[];
}

/** Builds the detector for a register: normaliser, name index, segmenter words, goods table, signals. */
export function createDetector(registry: Registry, config?: Partial<DetectorConfig> | DetectorConfig, options: DetectorOptions = {}): Detector {
  const cfg = parseDetectorConfig(config ?? {});
  const reg: Registry = { ...registry, trademarks: registry.trademarks ?? [], geoIndications: registry.geoIndications ?? [], patents: registry.patents ?? [] };
  const norm = new TextNormalizer(compileFoldTable(lookalikeTables(cfg)));
  const index = new NameIndex(reg, norm, { maxSubs: cfg.maxLookalikeSubstitutions, minLookalikeLength: cfg.minLookalikeNameLength });
  const goods = new GoodsTaxonomy(cfg.goodsKeywords);
  const segmenter = WordSegmenter.shared();
  // Registered names and product nouns become segmenter words, so 八马茶叶 reads 八马/茶叶 and 移动电源 stays one word.
  const light = (s: string) => norm.normalize(s).light.replace(/\s+/g, '');
  const names = [...reg.trademarks.flatMap((t) => [t.mark, ...t.aliases]), ...reg.geoIndications.flatMap((g) => [g.name, ...g.aliases])].map(light);
  segmenter.addWords(goods.words(names), cfg.segmenterNameFreq, 'n');
  segmenter.addWords([...names, ...cfg.extraWords.map(light)], cfg.segmenterNameFreq);
  const tools: ContextTools = { norm, goods, segmenter, copy: prepareCopyWords(cfg.copyWords, norm), config: cfg };

  const kindSignals = (options.kinds ?? BUILTIN_TEXT_SIGNALS).flatMap((make) => make({ registry: reg, config: cfg, tools }));
  const signals = new SignalRegistry([...kindSignals, ...(options.signals ?? [])]);
  const context = (input: DetectInput): SignalContext => {
    const listing = buildContext(input.listing, input.ocrText, tools);
    // Homophone and radical-swap spellings are read where a seller names the goods (title, brand attribute, image text), not in free-text descriptions.
    return { config: cfg, listing, names: findNames(listing.fields, index, (f) => f.signal === 'title' || f.signal === 'ocr' || isBrandKey(f.key, cfg)) };
  };
  const textMatches = (input: DetectInput, sc: SignalContext): Match[] => {
    const matches: Match[] = [];
    for (const s of signals.sync()) {
      const r = s.evaluate(input, sc);
      if (Array.isArray(r)) matches.push(...r);
      else void Promise.resolve(r).catch(() => undefined); // an undeclared async signal: judge() runs it
    }
    return matches;
  };
  const verdict = (input: DetectInput, matches: Match[]) => scoreVerdict(input.listing.platform, input.listing.listingId, matches, cfg);

  return {
    signals,
    detect(input) {
      return verdict(input, textMatches(input, context(input)));
    },
    async judge(input, options = {}) {
      const sc = context(input);
      const run = options.costly === false ? signals.all().filter((s) => !s.costly) : signals.all();
      const results = await Promise.all(run.map((s) => s.evaluate(input, sc)));
      return verdict(input, results.flat());
    },
    textDecides(input) {
      const textOnly = { listing: input.listing, peerPrices: input.peerPrices };
      const sc = context(textOnly);
      return verdict(textOnly, textMatches(textOnly, sc)).suspect && sc.listing.imageFallbacks.size === 0;
    },
  };
}

export type { DetectorConfig, DetectInput, Signal };
