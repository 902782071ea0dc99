/**
 * Batch detection of a listing feed (FORMATS §1-3): registry.json +
 * listings.jsonl -> verdicts.jsonl, one verdict per valid line in input
 * order. Malformed lines are reported with their line number and field, and
 * skipped; the rest are processed. Streams, so feeds of any size fit.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { fieldPath } from '../domain/errors.js';
import { listingSchema } from '../domain/listing.schema.js';
import { createFeedImageJudge, type FeedImageJudge } from '../image/feed.images.js';
import { parseDetectorConfig, type DetectorConfig } from './detector.config.js';
import { createDetector } from './detector.js';
import { readLines } from './line.reader.js';
import { loadRegistryFile } from './registry.loader.js';
import { scoreVerdict } from './verdict.scorer.js';

export interface FeedProblem { line: number; field: string; message: string }

/** Longest listing line read (characters); a longer line is skipped with a clear error rather than parsed. */
export const DEFAULT_MAX_LINE_CHARS = 1_000_000;

/** Streams listings.jsonl -> verdicts.jsonl; malformed lines reported with line number and skipped. */
export async function detectFeed(opts: {
  registryPath: string; listingsPath: string; outPath: string; config?: Partial<DetectorConfig>;
  onProblem?: (p: FeedProblem) => void;
  /** Default {@link DEFAULT_MAX_LINE_CHARS}. */
  maxLineChars?: number;
  /** Apply the image signals (logos) to the images the feed names; default true. */
  images?: boolean;
}): Promise<{ read: number; written: number; skipped: number; suspects: number }> {
  const registry = await loadRegistryFile(opts.registryPath);
  const detector = createDetector(registry, opts.config);
  const cfg = parseDetectorConfig(opts.config ?? {});
  let current = 0;
  const images: FeedImageJudge | undefined = opts.images === false || !registry.trademarks?.some((t) => t.logo) ? undefined
    : await createFeedImageJudge({ registry, registryDir: path.dirname(opts.registryPath), feedDir: path.dirname(opts.listingsPath),
      onProblem: (p) => opts.onProblem?.({ line: current, field: 'images', message: `${p.image}: ${p.code}: ${p.message}` }) });
  const input = createReadStream(opts.listingsPath, { encoding: 'utf8' });
  const out = createWriteStream(opts.outPath, { encoding: 'utf8' });
  const outDone = new Promise<void>((resolve, reject) => { out.on('finish', resolve); out.on('error', reject); });
  const res = { read: 0, written: 0, skipped: 0, suspects: 0 };
  const max = opts.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  try {
    for await (const { no: lineNo, text, tooLong } of readLines(input, max)) {
      if (tooLong) {
        res.read++;
        res.skipped++;
        opts.onProblem?.({ line: lineNo, field: '', message: `line is ${tooLong} characters, over the limit of ${max} (one listing per line)` });
        continue;
      }
      current = lineNo;
      const line = lineNo === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (!line.trim()) continue;
      res.read++;
      let raw: unknown;
      try { raw = JSON.parse(line); } catch (e) {
        res.skipped++;
        opts.onProblem?.({ line: lineNo, field: '', message: `not valid JSON: ${(e as Error).message}` });
        continue;
      }
      const parsed = listingSchema.safeParse(raw);
      if (!parsed.success) {
        res.skipped++;
        const first = parsed.error.issues[0];
        opts.onProblem?.({ line: lineNo, field: fieldPath(first.path), message: parsed.error.issues.map((i) => `${fieldPath(i.path) || '(root)'}: ${i.message}`).join('; ') });
        continue;
      }
      let verdict = detector.detect({ listing: parsed.data });
      const imageMatches = images && parsed.data.images.length ? await images.judge(parsed.data) : [];
      if (imageMatches.length) verdict = scoreVerdict(verdict.platform, verdict.listingId, [...verdict.matches, ...imageMatches], cfg);
      if (verdict.suspect) res.suspects++;
      res.written++;
      if (!out.write(JSON.stringify(verdict) + '\n')) await once(out, 'drain');
    }
  } finally {
    out.end();
    input.destroy();
  }
  await outDone;
  return res;
}
