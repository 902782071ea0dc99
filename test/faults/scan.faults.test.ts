/**
 * Fault tests on real services (issue 13): a scan disturbed by a killed
 * crawl worker, a killed detect worker, a Redis restart that loses every
 * queued job, and a Postgres restart plus cut connections, each compared with
 * an undisturbed scan of the same seed: the same listings, the same verdicts
 * (suspect flag and matched assets), the same notices, and never two notice
 * items for one listing. Redis and Postgres are private instances this file
 * starts and stops (test/faults/support/own.services.ts).
 *
 * Run: TEST_TEMPLATE_DB=ipwatch_tpl_faults npx vitest run test/faults
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMarketplace } from '../../demo/marketplace/marketplace.server.js';
import { openFaultScan, type FaultScan, type Marketplace } from './support/fault.harness.js';
import { startOwnPostgres, startOwnRedis, type OwnPostgres, type OwnRedis } from './support/own.services.js';
import { confirmAllFlagged, createAndSendNotices, noticeOutcome, scanOutcome, type NoticeOutcome, type ScanOutcome } from './support/scan.outcome.js';
import { recordFigures } from './support/figures.js';
import { createPipeline, runRecords } from '../../app/pipeline.wiring.js';
import { crawlPort } from '../../app/crawl.port.js';
import { evidenceService } from '../../app/evidence.service.js';
import { judgeService } from '../../app/judge.service.js';
import { RunReconciler } from '../../queue/run.reconciler.js';
import { startWorkers } from '../../queue/worker.js';
import { getRun } from '../../store/scan-run.repository.js';

const SEED = Number(process.env.FAULTS_SEED ?? 13);
const SIZE = Number(process.env.FAULTS_SIZE ?? 60);
const SCAN_TIMEOUT = Number(process.env.FAULTS_SCAN_TIMEOUT_MS ?? 300_000);
const NOW = new Date('2026-11-22T08:00:00Z');

let redis: OwnRedis;
let pg: OwnPostgres;
let market: Marketplace;
let reference: { outcome: ScanOutcome; notices: NoticeOutcome; ms: number };
const scans: FaultScan[] = [];

async function scan(workers?: Record<string, unknown>): Promise<FaultScan> {
  const s = await openFaultScan({ pg, redis, market }, { workers });
  scans.push(s);
  return s;
}

/** Waits for a condition on the run's progress (the fault's trigger point). */
async function when(s: FaultScan, runId: number, cond: (p: Awaited<ReturnType<FaultScan['progress']>>) => boolean, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond(await s.progress(runId))) {
    if (Date.now() > end) throw new Error(`trigger not reached: ${JSON.stringify(await s.progress(runId))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The disturbed scan's listings, verdicts and notices equal the reference's; nothing was stored or sent twice. */
async function expectSameAsReference(s: FaultScan): Promise<{ outcome: ScanOutcome; notices: NoticeOutcome }> {
  const db = s.session.c.db;
  const outcome = await scanOutcome(db);
  expect(outcome.lines).toEqual(reference.outcome.lines);
  expect(outcome.listings).toBe(market.catalog.listings.length);
  expect(outcome.distinctListings).toBe(outcome.listings);
  expect(outcome.captures).toBe(reference.outcome.captures);
  expect(outcome.verdicts).toBe(reference.outcome.verdicts);
  expect(outcome.unjudged).toBe(0);
  await confirmAllFlagged(db, NOW);
  await createAndSendNotices(db, NOW);
  // Asking again (a retried request, a second officer) sends nothing new.
  expect(await createAndSendNotices(db, NOW)).toEqual([]);
  const notices = await noticeOutcome(db);
  expect(new Set(notices.items).size).toBe(notices.items.length);
  expect(notices.items).toEqual(reference.notices.items);
  expect(notices.sent).toBe(reference.notices.sent);
  return { outcome, notices };
}

beforeAll(async () => {
  [redis, pg] = await Promise.all([startOwnRedis(), startOwnPostgres()]);
  market = await startMarketplace({ seed: SEED, size: SIZE, host: '127.0.0.1', port: 0, latencyMs: 20 });
  const t0 = Date.now();
  const s = await scan();
  s.worker('all');
  const runId = await s.start();
  await s.waitFinished(runId, SCAN_TIMEOUT);
  const db = s.session.c.db;
  const outcome = await scanOutcome(db);
  await confirmAllFlagged(db, NOW);
  await createAndSendNotices(db, NOW);
  reference = { outcome, notices: await noticeOutcome(db), ms: Date.now() - t0 };
  recordFigures('reference', { ms: reference.ms, listings: outcome.listings, flagged: outcome.flagged, noticeItems: reference.notices.items.length, notices: reference.notices.notices });
  await s.close();
}, 420_000);

afterAll(async () => {
  for (const s of scans) await s.close().catch(() => {});
  await market?.close();
  await redis?.stop();
  await pg?.stop();
});

describe('scan faults', () => {
  it('the reference scan flags listings and sends notices', () => {
    expect(reference.outcome.listings).toBe(market.catalog.listings.length);
    expect(reference.outcome.flagged).toBeGreaterThan(0);
    expect(reference.notices.items.length).toBe(reference.outcome.flagged);
    expect(new Set(reference.notices.items).size).toBe(reference.notices.items.length);
  });

  it('a crawl (listing) worker killed with SIGKILL mid-scan', async () => {
    const t0 = Date.now();
    const s = await scan();
    s.worker('scan+search+detect+evidence', ['scan', 'search', 'detect', 'evidence']);
    const victim = s.worker('listing-1', ['listing']);
    const runId = await s.start();
    // Mid-run: some listings done, work still queued (captures are quick now that clean listings take no screenshot).
    await when(s, runId, (p) => p.detected + p.captured >= 5 && p.listingsQueued + p.searchQueued > 5);
    await victim.kill();
    const atKill = await s.progress(runId);
    s.worker('listing-2', ['listing']);
    await s.waitFinished(runId, SCAN_TIMEOUT);
    const ms = Date.now() - t0;
    const p = await s.progress(runId);
    expect(p.failed + p.searchFailed).toBe(0);
    await expectSameAsReference(s);
    recordFigures('kill-listing-worker', { ms, openAtKill: atKill.listingsQueued + atKill.searchQueued + atKill.captured, ...s.logs() });
  }, 420_000);

  it('a detect worker killed with SIGKILL mid-scan', async () => {
    const t0 = Date.now();
    const s = await scan();
    s.worker('scan+search+listing+evidence', ['scan', 'search', 'listing', 'evidence']);
    const victim = s.worker('detect-1', ['detect']);
    const runId = await s.start();
    await when(s, runId, (p) => p.detected >= 5 && p.captured >= 2);
    await victim.kill();
    const atKill = await s.progress(runId);
    s.worker('detect-2', ['detect']);
    await s.waitFinished(runId, SCAN_TIMEOUT);
    const ms = Date.now() - t0;
    const p = await s.progress(runId);
    expect(p.failed + p.searchFailed).toBe(0);
    await expectSameAsReference(s);
    recordFigures('kill-detect-worker', { ms, inDetectAtKill: atKill.captured, ...s.logs() });
  }, 420_000);

  it('Redis restarted mid-scan (every queued job lost): the reconciler re-enqueues the open work from Postgres', async () => {
    const t0 = Date.now();
    const s = await scan();
    s.worker('all-1');
    s.worker('all-2');
    const runId = await s.start();
    await when(s, runId, (p) => p.detected >= 8 && p.listingsQueued + p.searchQueued > 8);
    const atRestart = await s.progress(runId);
    const restartAt = Date.now();
    await redis.restart(1000);
    expect(await s.session.c.queues.pending()).toBeLessThan(atRestart.listingsQueued + atRestart.searchQueued + atRestart.captured);
    await s.waitFinished(runId, SCAN_TIMEOUT);
    const ms = Date.now() - t0;
    // Each worker's reconciler also resumes running runs once at its start (the marker is not set yet): count only what followed the restart.
    const logs = s.logs(restartAt);
    const reset = logs.resumed.filter((r) => r.cause === 'redis-reset');
    expect(reset.length).toBeGreaterThan(0);
    expect(reset.reduce((a, r) => a + (r.pages ?? 0) + (r.captures ?? 0) + (r.detects ?? 0), 0)).toBeGreaterThan(0);
    const p = await s.progress(runId);
    expect(p.failed + p.searchFailed).toBe(0);
    await expectSameAsReference(s);
    recordFigures('redis-restart', { ms, openAtRestart: atRestart.listingsQueued + atRestart.searchQueued + atRestart.captured, ...logs });
  }, 420_000);

  it('Postgres restarted and its connections cut mid-scan: jobs retry, the pool reconnects, notices are sent once', async () => {
    const t0 = Date.now();
    const s = await scan();
    const workers = [s.worker('all-1'), s.worker('all-2')];
    const runId = await s.start();
    await when(s, runId, (p) => p.detected >= 5 && p.listingsQueued + p.searchQueued > 8);
    await pg.restart(1500);
    let cut = 0;
    let cuts = 0;
    await s.waitFinished(runId, SCAN_TIMEOUT, async (p) => {
      // Then cut every connection twice more, while work is still open.
      if (cuts < 2 && p.detected >= 15 + 10 * cuts && p.open > 5) { cut += await pg.terminateBackends(s.name); cuts++; }
    });
    const ms = Date.now() - t0;
    const logs = s.logs();
    expect(logs.jobFailures).toBeGreaterThan(0);
    // No worker died of it (a connection lost under a checked-out client used to end the process).
    expect(workers.map((w) => w.child.exitCode ?? w.child.signalCode)).toEqual([null, null]);
    const p = await s.progress(runId);
    expect(p.failed + p.searchFailed).toBe(0);

    // Notices under a cut: creating them while connections are terminated either commits whole or not at all; retried, it sends each listing once.
    const db = s.session.c.db;
    await confirmAllFlagged(db, NOW);
    // The first two attempts run under a stream of cuts (every connection terminated every 20 ms); the third runs clean.
    let noticeAttempts = 0;
    let noticeCuts = 0;
    for (;;) {
      noticeAttempts++;
      let done = false;
      const cutter = (async () => {
        while (!done && noticeAttempts <= 2) { noticeCuts += await pg.terminateBackends(s.name); await new Promise((r) => setTimeout(r, 20)); }
      })();
      try {
        await createAndSendNotices(db, NOW);
        break;
      } catch {
        if (noticeAttempts > 5) throw new Error('notices never created');
      } finally {
        done = true;
        await cutter;
      }
    }
    // The pool drops the clients that were cut as their sockets close; let it see them all before comparing.
    for (let i = 0; i < 5; i++) { try { await db.query('SELECT 1'); break; } catch { /* a client cut above */ } }
    const { notices } = await expectSameAsReference(s);
    expect(notices.sent).toBe(notices.notices);
    recordFigures('postgres-restart-and-cuts', { ms, connectionsCut: cut, cuts, noticeAttempts, noticeCuts, ...logs });
  }, 420_000);

  it('without the reconciler, the same Redis restart leaves the run open for good; a reconciler started later finishes it', async () => {
    const t0 = Date.now();
    const s = await scan();
    const c = s.session.c;
    // The workers exactly as app/pipeline.wiring.ts builds them, minus the reconciler.
    const pipeline = createPipeline(c);
    const workers = startWorkers({ connection: c.redis, prefix: c.config.queuePrefix, install: c.install, pipeline, crawl: crawlPort(c), judge: judgeService(c), evidence: evidenceService(c), settings: c.config.workers, logger: c.logger });
    try {
      const runId = await s.start();
      await when(s, runId, (p) => p.detected >= 8 && p.listingsQueued + p.searchQueued > 8);
      await redis.restart(1000);
      // Jobs in flight at the restart finish and queue what follows them; then the workers, back on Redis, find nothing
      // left to take: no job pending and no progress for five stalled-job intervals in a row, while work is still open.
      let stuck = await s.progress(runId);
      let still = 0;
      for (let i = 0; i < 90 && still < 5; i++) {
        await new Promise((r) => setTimeout(r, c.config.workers.stalledIntervalMs));
        const p = await s.progress(runId);
        if ((await c.queues.pending()) === 0 && JSON.stringify(p) === JSON.stringify(stuck)) still++;
        else { still = 0; stuck = p; }
      }
      expect(still).toBe(5);
      expect((await getRun(c.db, runId))?.status).toBe('running');
      expect(stuck.open).toBeGreaterThan(0);

      const reconciler = new RunReconciler({ runs: runRecords(c.db), queues: c.queues, pipeline, intervalMs: c.config.workers.stalledIntervalMs, logger: c.logger }).start();
      try {
        await s.waitFinished(runId, SCAN_TIMEOUT);
      } finally {
        reconciler.stop();
      }
      const ms = Date.now() - t0;
      expect(reconciler.figures.redisResets).toBe(1);
      expect(reconciler.figures.pages + reconciler.figures.captures + reconciler.figures.detects).toBe(stuck.searchQueued + stuck.listingsQueued + stuck.captured);
      await expectSameAsReference(s);
      recordFigures('redis-restart-without-reconciler', { ms, openWhileStuck: stuck.open, ...reconciler.figures });
    } finally {
      await workers.close();
    }
  }, 420_000);
});
