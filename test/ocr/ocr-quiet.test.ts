/**
 * Starting OCR prints nothing: tesseract's start-up complaints (a language
 * file it looks for and the npm package does not ship) must not reach the
 * demo's or a worker's output. Runs the real pool in a child process and
 * reads what it wrote.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('OCR start-up', () => {
  it('reads an image without writing to stderr', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ipwatch-tessdata-'));
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join('test', 'ocr', 'support', 'ocr-start.run.ts'), dir], { timeout: 120_000 });
      expect(stdout).toContain('read done');
      expect(stderr).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
