/**
 * The renderer's in-page functions under tsx, the way the workers run them:
 * tsx keeps function names by wrapping named inner functions in a helper that
 * does not exist in the page, so a function that works under vitest's
 * transform can throw in production. Real Chromium, demo-shop searches with
 * several infinite-scroll batches, each scrolled to its end.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

describe('page renderer under tsx', () => {
  it('scrolls a client-rendered search through every batch', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/crawler/support/scroll-under-tsx.ts'], { cwd: root, timeout: 120_000 });
    const results = JSON.parse(stdout.trim().split('\n').pop()!) as Array<{ keyword: string; found: number; total: number }>;
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.total, r.keyword).toBeGreaterThan(24); // more than two batches
      expect(r.found, r.keyword).toBe(r.total);
    }
  }, 150_000);
});
