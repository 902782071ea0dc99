/** A verdict on one listing (shared/FORMATS.md §3). */
import type { AssetType } from './registry.schema.js';

/** Where a hit came from. */
export type Signal = 'title' | 'description' | 'attributes' | 'ocr' | 'image' | 'origin' | 'patent-number';
/** The same, under the name the detector uses (its `Signal` is the plug-in interface in detector/signal.ts). */
export type SignalName = Signal;

/** One reason a listing is suspect, naming the asset it infringes. */
export interface Match {
  assetId: string;
  assetType: AssetType;
  signal: Signal;
  /** 0..1, how sure this one match is. */
  score: number;
  /** One sentence a reviewer can check by eye. */
  evidence: string;
  /** For image evidence: the image (as in listing.images) and where in it, in pixels. */
  imageRef?: string;
  box?: { x: number; y: number; width: number; height: number };
  /** Another listing this match was judged against (e.g. the peer whose price or picture it shares). */
  relatedListing?: { platform: string; listingId: string };
}

export interface Verdict {
  platform: string;
  listingId: string;
  suspect: boolean;
  /** 0..1, the listing's overall score (max of its matches, boosted by agreeing signals). */
  score: number;
  matches: Match[];
}
