/**
 * One reader of the retry policy: what a failure means (retry, wait and how
 * long, rotate the session, give up; a block, a throttle, a gone listing) is
 * read only by `retryPolicyOf` in crawler/errors.ts. Anywhere else, code that
 * reads an error's `retry` or `retryAfterMs` field, or tells a throttle or a
 * gone listing by its class, would be a second reader that can drift from the
 * first (a `retryAfterMs` duck-typed on any error, a 429 counted as a block).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config/config.loader.js';
import { projectFiles } from '../support/source.files.js';

const READER = path.join('crawler', 'errors.ts');

const sources = (dir: string) => projectFiles(dir, /\.ts$/, ['test']);

/** What a second reader looks like: the policy fields read, or the classes that carry a decision told apart. */
const SECOND_READER = [
  /\.retry\b(?!\s*\()/, // err.retry (job.retry(...) is BullMQ's call, not the field)
  /\.retryAfterMs\b/,
  /\binstanceof\s+(?:RateLimitedError|ListingGoneError)\b/,
];

describe('retry policy', () => {
  it('is read only by retryPolicyOf (crawler/errors.ts)', () => {
    const files = sources(PROJECT_ROOT).map((abs) => path.relative(PROJECT_ROOT, abs));
    expect(files).toContain(READER);
    const found: string[] = [];
    for (const file of files) {
      if (file === READER) continue;
      readFileSync(path.join(PROJECT_ROOT, file), 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\*|\/\/)/.test(line)) return; // comments may name the fields
        if (SECOND_READER.some((re) => re.test(line))) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
