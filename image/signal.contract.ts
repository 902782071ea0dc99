/**
 * Local copy of the detector's signal contract (detector/signal.ts, being
 * written on another branch). At merge, import these from detector/signal.ts
 * instead; the shapes are the same.
 */
import type { ListingInput } from '../domain/listing.schema.js';
import type { Match } from '../domain/verdict.js';

/** One image of a listing: its reference (URL or feed path) and its bytes or where they are. */
export interface ListingImage { ref: string; sha256?: string; path?: string; bytes?: Uint8Array }

/** What a signal sees of a listing. */
export interface DetectInput { listing: ListingInput; images?: ListingImage[]; ocrText?: Record<string, string> }

/** A detector signal. */
export interface Signal { readonly name: string; evaluate(input: DetectInput, ctx: unknown): Match[] | Promise<Match[]> }
