/** A verdict on one listing (shared/FORMATS.md §3). */
import type { AssetType } from './registry.schema.js';

/**
 * Where a hit came from: the name of the signal that found it. (`Signal`, without
 * `Name`, is the detector's plug-in interface in detector/signal.ts.)
 */
export type SignalName = 'title' | 'description' | 'attributes' | 'ocr' | 'image' | 'origin' | 'patent-number';

/** One reason a listing is suspect, naming the asset it infringes. */
export interface Match {
  assetId: string;
  assetType: AssetType;
  signal: SignalName;
  /** 0..1, how sure this one match is. */
  score: number;
  /** One sentence a reviewer can check by eye. */
  evidence: string;
  /** Image evidence (signal 'image'): which image of the listing (its URL or feed path). */
  imageRef?: string;
  /** Where in that image, in its own pixels, so the review page can draw it. */
  box?: { x: number; y: number; w: number; h: number };
  /** For a reused photo: the confirmed counterfeit listing it was first seen on. */
  relatedListing?: { platform: string; listingId: string; url?: string };
}

export interface Verdict {
  platform: string;
  listingId: string;
  suspect: boolean;
  /** 0..1, the listing's overall score (max of its matches, boosted by agreeing signals). */
  score: number;
  matches: Match[];
}
