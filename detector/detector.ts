/**
 * The text detector: trademark, GI and patent-marking rules of FORMATS §4
 * over a listing's title, description, attributes and image text. Build it
 * once per register with {@link createDetector}; `detect` is pure and
 * synchronous, so pipeline workers and the batch command share it.
 */
import type { ListingInput } from '../domain/listing.schema.js';
import type { Registry } from '../domain/registry.schema.js';
import type { Verdict } from '../domain/verdict.js';
import { AhoCorasick } from './aho-corasick.js';
import { parseDetectorConfig, type DetectorConfig } from './detector.config.js';
import { GiSignal } from './gi-origin.signal.js';
import { bundledGoodsKeywords } from './goods.classes.js';
import { buildContext, prepareCopyWords, type ContextTools } from './listing.context.js';
import { compileFoldTable, lookalikeTables } from './lookalike.table.js';
import { NameIndex } from './name.index.js';
import { PatentSignal } from './patent-number.signal.js';
import { TextNormalizer, sellerKey } from './text.normalizer.js';
import { TrademarkSignal, type FieldHit } from './trademark.signal.js';
import { scoreVerdict } from './verdict.scorer.js';
import { bundledWords } from './word.lexicon.js';
import type { WordTools } from './word.context.js';

export interface Detector {
  /** Pure, synchronous, no I/O. `ocrText` maps an image ref to text read from it (signal 'ocr'), optional. */
  detect(listing: ListingInput, extra?: { ocrText?: Record<string, string> }): Verdict;
}

/** Builds the detector for a register: normaliser, name index, word tables (reads the look-alike file once). */
export function createDetector(registry: Registry, config?: Partial<DetectorConfig>): Detector {
  const cfg = parseDetectorConfig(config ?? {});
  const reg: Registry = { trademarks: registry.trademarks ?? [], geoIndications: registry.geoIndications ?? [], patents: registry.patents ?? [] };
  const norm = new TextNormalizer(compileFoldTable(lookalikeTables(cfg)));
  const index = new NameIndex(reg, norm, { maxSubs: cfg.maxLookalikeSubstitutions, minLookalikeLength: cfg.minLookalikeNameLength });

  const goodsMap = bundledGoodsKeywords();
  for (const [w, cls] of Object.entries(cfg.goodsKeywords)) goodsMap.set(sellerKey(w), cls);
  const goodsWords = [...goodsMap.keys()].map(sellerKey);
  const goodsClasses = [...goodsMap.values()];
  const goodsAc = new AhoCorasick(goodsWords);

  const names = new Set<string>();
  for (const t of reg.trademarks) [t.mark, ...t.aliases].forEach((n) => names.add(sellerKey(n)));
  for (const g of reg.geoIndications) [g.name, ...g.aliases].forEach((n) => names.add(sellerKey(n)));
  const lexicon = new Set([...bundledWords(), ...cfg.extraWords].map(sellerKey).filter((w) => w.length >= 2 && !names.has(w)));
  const words: WordTools = {
    lexicon, maxWordLen: Math.max(2, ...[...lexicon].map((w) => w.length)),
    referential: cfg.referentialWords.map(sellerKey), referentialAfter: cfg.referentialSuffixes.map(sellerKey), goodsAc, goodsClasses,
  };
  const tools: ContextTools = { norm, goodsAc, goodsWords, goodsClasses, copy: prepareCopyWords(cfg.copyWords, norm), config: cfg };

  const tm = new TrademarkSignal(reg, cfg, words);
  const gi = new GiSignal(reg, cfg, words, goodsMap, tools);
  const pt = new PatentSignal(reg, cfg);

  return {
    detect(listing, extra) {
      const ctx = buildContext(listing, extra?.ocrText, tools);
      const tmHits = new Map<number, FieldHit[]>();
      const giHits = new Map<number, FieldHit[]>();
      for (const field of ctx.fields) {
        for (const hit of index.find(field.text)) {
          const map = hit.entry.kind === 'tm' ? tmHits : giHits;
          const list = map.get(hit.entry.idx);
          if (list) list.push({ field, hit }); else map.set(hit.entry.idx, [{ field, hit }]);
        }
      }
      const matches = [
        ...(tmHits.size ? tm.evaluate(ctx, tmHits) : []),
        ...(giHits.size ? gi.evaluate(ctx, giHits) : []),
        ...pt.evaluate(ctx),
      ];
      return scoreVerdict(listing.platform, listing.listingId, matches, cfg);
    },
  };
}

export type { DetectorConfig };
