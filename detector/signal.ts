/**
 * The detector's plug-in seam. Every rule — trademark, GI, patent marking,
 * and image signals added from outside — is a {@link Signal}: it reads one
 * {@link DetectInput} (through the shared {@link SignalContext}) and returns
 * matches. The detector scores all matches together (verdict.scorer.ts).
 */
import type { ListingInput } from '../domain/listing.schema.js';
import type { Registry } from '../domain/registry.schema.js';
import type { Match } from '../domain/verdict.js';
import type { DetectorConfig } from './detector.config.js';
import type { ContextTools, ListingContext } from './listing.context.js';
import type { NameHits } from './name.hits.js';

/** One image of a listing: at least one of bytes or path; ref is the string as in listing.images (URL or feed path). */
export interface ListingImage { ref: string; sha256?: string; path?: string; bytes?: Uint8Array }

/** Median price of listings of the same mark and goods across a scan (fed by the pipeline). */
export interface PeerPrice {
  /** The asset (trademark id) the peers use. */
  assetId: string;
  /** Nice class of the peers' goods; absent: any goods. */
  niceClass?: number;
  /** Median price (CNY). */
  median: number;
  /** How many listings the median is over. */
  count?: number;
}

/** What the detector judges: the listing and, optionally, its images, text read from them and peer prices. */
export interface DetectInput {
  listing: ListingInput;
  images?: ListingImage[];
  /** Image ref → text read from it (OCR); judged as signal `ocr`. */
  ocrText?: Record<string, string>;
  /** Medians of the same mark and goods across the scan, for the price-anomaly rule. */
  peerPrices?: PeerPrice[];
}

/** What every signal may read about the input, computed once per input. */
export interface SignalContext {
  readonly config: DetectorConfig;
  /** Normalised text fields, copy words, shop key, capture date. */
  readonly listing: ListingContext;
  /** Registered names (marks, GIs) found in the text fields, per asset. */
  readonly names: NameHits;
}

/** A detector signal. Text signals are synchronous; image signals may be async. */
export interface Signal {
  readonly name: string;
  /** True when `evaluate` returns a Promise: `detect()` (sync) skips the signal, `judge()` awaits it. */
  readonly async?: boolean;
  /**
   * True for an analysis too costly to run once the listing is decided (logo
   * matching): `judge(input, { costly: false })` skips it. Signals that must see
   * every listing (the reuse check stores every photo's hash) leave it unset.
   */
  readonly costly?: boolean;
  evaluate(input: DetectInput, ctx: SignalContext): Match[] | Promise<Match[]>;
}

/** A signal that reads only its input, as the image signals do: it can run outside a detector (image/feed.images.ts). */
export type ContextFreeSignal = Omit<Signal, 'evaluate'> & { evaluate(input: DetectInput): Match[] | Promise<Match[]> };

/** What a kind of right's signal factory is handed: the whole register (a kind's rules may read other kinds' entries), the config and the shared text tools. */
export interface SignalEnv { registry: Registry; config: DetectorConfig; tools: ContextTools }

/** Builds a kind of right's text signals once per register (kinds/<kind>.kind.ts names its factory). */
export type SignalFactory = (env: SignalEnv) => Signal[];
