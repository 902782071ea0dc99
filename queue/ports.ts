/**
 * What the processors may touch: narrow ports, built once in app/ from the
 * container. A processor does one step of work through these and hands the
 * outcome to the pipeline, which alone does the bookkeeping.
 */
import type { CaptureResult } from '../crawler/platform.crawler.js';
import type { SearchResults } from '../crawler/page.extractor.js';
import type { Verdict } from '../domain/verdict.js';

/** The web, per platform id. */
export interface CrawlPort {
  /** One results page of one keyword. */
  search(platform: string, keyword: string, page: number): Promise<SearchResults & { url: string }>;
  /** One listing by the platform's listing id (the pipeline tells which), with what its search card showed. */
  capture(platform: string, listingId: string, card?: Record<string, unknown>): Promise<CaptureResult>;
  /** The platform answered "blocked" to this session: retire it (only it), so the retry gets a fresh one. */
  retireSession(platform: string, err: unknown): Promise<void>;
}

/** Judging one stored capture: the detector with every registered signal (text, OCR, images). */
export interface JudgePort {
  judge(captureId: number): Promise<{ verdict: Verdict; version: string }>;
}

/** Costly evidence drawn after the fact: the screenshot of a flagged capture, from its stored bytes. */
export interface EvidencePort {
  /** Draws and stores the capture's screenshot; throws a crawl error (with its retry policy) when it cannot. */
  renderScreenshot(captureId: number): Promise<{ sha256: string }>;
  /** Records that the screenshot could not be drawn, so the evidence list says so. */
  recordFailure(captureId: number, error: string): Promise<void>;
}
