/**
 * Crash safety: a worker process killed with SIGKILL in the middle of a crawl
 * loses no queued item, and the work redone by the next worker creates no
 * duplicate listing, capture or verdict.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAndWait } from '../../app/scan.session.js';
import { PROJECT_ROOT } from '../../config/config.loader.js';
import { getRun, runProgress } from '../../store/scan-run.repository.js';
import { startHarness, type Harness } from '../support/scan.harness.js';

let h: Harness;
let configFile: string;
const children: ChildProcess[] = [];

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'cli/main.ts'), 'worker'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, IPWATCH_CONFIG: configFile, DOTENV_CONFIG_QUIET: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d) => { if (process.env.DEBUG_WORKER) process.stderr.write(d); });
  children.push(child);
  return child;
}

async function until(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

beforeAll(async () => {
  h = await startHarness({ size: 60, seed: 11, latencyMs: 120, workers: false, overrides: { workers: { backoffMs: 50, lockDurationMs: 3000, stalledIntervalMs: 1000, listingConcurrency: 4 } } });
  const dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-crash-'));
  configFile = path.join(dir, 'ipwatch.json');
  const base = JSON.parse((await import('node:fs')).readFileSync(path.join(PROJECT_ROOT, 'config/ipwatch.json'), 'utf8'));
  writeFileSync(configFile, JSON.stringify({ ...base, ...h.overrides, browser: { ...base.browser, ...(h.overrides.browser as object) }, workers: { ...base.workers, ...(h.overrides.workers as object) } }));
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await h?.close();
});

describe('a worker killed mid-crawl', () => {
  it('loses no item and duplicates nothing once another worker takes over', async () => {
    const first = startWorkerProcess();
    const runId = await startAndWait(h.session.c, [], 'manual', { wait: false });
    // Kill it hard once it is in the middle of capturing.
    await until(async () => {
      const p = await runProgress(h.database.db, runId);
      // Mid-run: some listings done, work still queued (captures are quick now that clean listings take no screenshot).
      return p.detected + p.captured >= 5 && p.listingsQueued + p.searchQueued > 5;
    }, 120_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await runProgress(h.database.db, runId);
    expect(atKill.listingsQueued + atKill.searchQueued).toBeGreaterThan(0);

    startWorkerProcess();
    await until(async () => (await getRun(h.database.db, runId))?.status === 'finished', 240_000);

    const p = await runProgress(h.database.db, runId);
    expect(p.failed).toBe(0);
    expect(p.searchFailed).toBe(0);
    const { rows: [counts] } = await h.database.db.query(`SELECT
      (SELECT count(*) FROM listings)::int AS listings,
      (SELECT count(DISTINCT (platform, platform_listing_id)) FROM listings)::int AS distinct_listings,
      (SELECT count(*) FROM captures)::int AS captures,
      (SELECT count(*) FROM verdicts)::int AS verdicts,
      (SELECT count(*) FROM listings WHERE status = 'active' AND current_capture_id IS NOT NULL)::int AS captured`);
    const expected = h.market.catalog.listings.length;
    expect(counts.listings).toBe(expected);
    expect(counts.distinct_listings).toBe(expected);
    expect(counts.captured).toBe(expected);
    expect(counts.captures).toBe(expected); // one capture each: a redone job stored nothing twice
    expect(counts.verdicts).toBe(expected);
  }, 400_000);
});
