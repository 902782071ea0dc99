/**
 * Logo matching read once per image content: the outcome of matching an
 * image against one logo index (hits, or the guard's refusal) is kept by the
 * image's SHA-256 and the index's key, so a re-scan that sees the same photo
 * again costs a lookup, not a match. Concurrent matches of one image share
 * one computation.
 */
import { createHash } from 'node:crypto';
import type { LogoIndex } from './logo.index.js';

/**
 * Version of the matching code, part of every index key: bump it when
 * matching (features, voting, verification, thresholds) changes what an image yields.
 */
export const LOGO_MATCHER_VERSION = 'logo-matcher-3';

/** What matching one image yields. */
export type LogoMatchResult = Awaited<ReturnType<LogoIndex['matchBytes']>>;

/** Where outcomes are kept (Postgres in the pipeline: store/logo-match.repository.ts). */
export interface LogoMatchStore {
  get(sha256: string, indexKey: string): Promise<LogoMatchResult | undefined>;
  put(sha256: string, indexKey: string, result: LogoMatchResult): Promise<void>;
}

/** Counters, for benchmarks and logs. */
export interface LogoMatchStats { hits: number; matched: number }

/** A logo matcher with the index's interface, answering from the store when it can. */
export class CachedLogoMatcher implements Pick<LogoIndex, 'matchBytes'> {
  private readonly inflight = new Map<string, Promise<LogoMatchResult>>();
  readonly stats: LogoMatchStats = { hits: 0, matched: 0 };

  /** `indexKey` must change whenever the index's logos or the matcher do (see {@link LOGO_MATCHER_VERSION}). */
  constructor(private readonly index: Pick<LogoIndex, 'matchBytes'>, readonly indexKey: string, private readonly store: LogoMatchStore) {}

  matchBytes(bytes: Uint8Array): Promise<LogoMatchResult> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    let p = this.inflight.get(sha256);
    if (!p) {
      p = this.matchOnce(sha256, bytes).finally(() => this.inflight.delete(sha256));
      this.inflight.set(sha256, p);
    }
    return p;
  }

  private async matchOnce(sha256: string, bytes: Uint8Array): Promise<LogoMatchResult> {
    const kept = await this.store.get(sha256, this.indexKey);
    if (kept) { this.stats.hits++; return kept; }
    const result = await this.index.matchBytes(bytes);
    this.stats.matched++;
    await this.store.put(sha256, this.indexKey, result);
    return result;
  }
}
