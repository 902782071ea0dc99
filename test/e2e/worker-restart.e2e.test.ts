/**
 * A restart in the middle of a run: the workers are closed (graceful stop,
 * unfinished jobs handed back) and new ones opened, which resume the running
 * run from Postgres; the run finishes with the same totals as the ground
 * truth of an undisturbed scan (every listing once, the suspect ones flagged).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerService } from '../../app/pipeline.wiring.js';
import { startAndWait } from '../../app/scan.session.js';
import type { Workers } from '../../queue/worker.js';
import { getRun, runCounts, runProgress } from '../../store/scan-run.repository.js';
import { startHarness, type Harness } from '../support/scan.harness.js';

let h: Harness;
let w: Workers | undefined;

async function until(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

beforeAll(async () => {
  h = await startHarness({ size: 60, seed: 13, latencyMs: 30, workers: false });
}, 120_000);
afterAll(async () => {
  await w?.close(1000);
  await h?.close();
});

describe('workers restarted mid-run', () => {
  it('resume the run, which finishes with the totals of an undisturbed scan', async () => {
    const c = h.session.c;
    w = await startWorkerService(c);
    const runId = await startAndWait(c, [], 'manual', { wait: false });
    await until(async () => {
      const p = await runProgress(c.db, runId);
      return p.detected >= 5 && p.open > 10;
    }, 240_000);
    const { handedBack } = await w.close(500);
    // Nothing is left locked by the closed workers: each job finished or was handed back to wait.
    let active = 0;
    for (const q of Object.values(c.queues.byName)) active += (await q.getJobCounts('active')).active;
    expect({ active, handedBackOrNone: handedBack >= 0 }).toEqual({ active: 0, handedBackOrNone: true });
    const atStop = await runProgress(c.db, runId);
    expect(atStop.open).toBeGreaterThan(0);
    expect((await getRun(c.db, runId))?.status).toBe('running');

    w = await startWorkerService(c); // resumes running runs from Postgres
    await until(async () => (await getRun(c.db, runId))?.status === 'finished', 300_000);

    const counts = await runCounts(c.db, runId);
    const sum = (f: (x: (typeof counts)[number]) => number) => counts.reduce((a, x) => a + f(x), 0);
    const listings = h.market.catalog.listings;
    expect(sum((x) => x.failed + x.blocked + x.pagesFailed + x.pagesBlocked)).toBe(0);
    expect(sum((x) => x.listings)).toBe(listings.length);
    expect(sum((x) => x.detected)).toBe(listings.length);
    expect(sum((x) => x.flagged)).toBe(listings.filter((l) => l.truth.suspect).length);
    const { rows: [db] } = await c.db.query(`SELECT (SELECT count(*) FROM listings)::int AS listings, (SELECT count(*) FROM captures)::int AS captures,
      (SELECT count(*) FROM verdicts)::int AS verdicts`);
    expect(db).toEqual({ listings: listings.length, captures: listings.length, verdicts: listings.length });
  }, 500_000);
});
