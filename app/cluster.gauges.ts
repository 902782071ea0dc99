/**
 * The deployment's shared state as Prometheus metrics, read at scrape time:
 * queue depths, workers and the oldest waiting job's age per queue (Redis),
 * free disk space where the evidence is stored, and the run figures from
 * Postgres. Every process would read the same values, so only ONE process
 * registers them (the API by default: app/operations.ts; a worker only with
 * `worker --cluster-gauges`, for a deployment without the API); summing a
 * metric over the scraped processes then counts each value once.
 */
import { statfs } from 'node:fs/promises';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Queues } from '../queue/queues.js';
import { runTotals } from '../store/campaign-run.repository.js';
import type { Db } from '../store/database.js';
import { oldestWaitingAt, queueDepths, workersByQueue } from './queue.monitor.js';

/** Where the shared state is read from. */
export interface ClusterSource {
  db: Db;
  queues: Queues;
  /** The evidence store's directory (its file system's free space is reported). */
  evidenceDir: string;
}

const RUN_FIGURES = ['pages', 'listings', 'listingsNew', 'changed', 'gone', 'flagged', 'failed', 'blocked', 'pagesFailed', 'pagesBlocked'] as const;

/** Registers the shared gauges on `registry` (call once per registry). */
export function registerClusterGauges(registry: Registry, source: ClusterSource, now: () => number = Date.now): void {
  const registers = [registry];
  new Gauge({
    name: 'ipwatch_queue_jobs', help: 'Jobs in each queue by state', labelNames: ['queue', 'state'], registers,
    async collect() {
      this.reset();
      for (const [queue, counts] of Object.entries(await queueDepths(source.queues))) {
        for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
      }
    },
  });
  new Gauge({
    name: 'ipwatch_queue_workers', help: 'Workers connected to each queue (all processes)', labelNames: ['queue'], registers,
    async collect() {
      this.reset();
      for (const [queue, n] of Object.entries(await workersByQueue(source.queues))) this.set({ queue }, n);
    },
  });
  new Gauge({
    name: 'ipwatch_queue_oldest_waiting_seconds', help: 'Age of the oldest job waiting in each queue (0 when none waits)', labelNames: ['queue'], registers,
    async collect() {
      this.reset();
      const t = now();
      for (const [queue, at] of Object.entries(await oldestWaitingAt(source.queues))) this.set({ queue }, at === null ? 0 : Math.max(0, (t - at) / 1000));
    },
  });
  new Gauge({
    name: 'ipwatch_evidence_disk_free_bytes', help: 'Free bytes (for unprivileged users) on the file system of the evidence directory', registers,
    async collect() {
      // A missing directory reports nothing rather than failing the whole scrape; /api/health says why.
      this.reset();
      const s = await statfs(source.evidenceDir).catch(() => undefined);
      if (s) this.set(s.bavail * s.bsize);
    },
  });
  // Database totals are read once per scrape and shared by the metrics below.
  let totals: Promise<Awaited<ReturnType<typeof runTotals>>> | undefined;
  let totalsAt = 0;
  const readTotals = () => {
    if (!totals || Date.now() - totalsAt > 1000) { totals = runTotals(source.db); totalsAt = Date.now(); }
    return totals;
  };
  new Gauge({
    name: 'ipwatch_runs', help: 'Scan runs by state and campaign (campaign "" = not from a campaign)', labelNames: ['status', 'campaign'], registers,
    async collect() {
      this.reset();
      for (const r of (await readTotals()).runs) this.set({ status: r.status, campaign: r.campaign }, r.n);
    },
  });
  new Counter({
    name: 'ipwatch_run_items_total', help: 'Run counters summed over all runs, by platform and figure (pages, listings, listingsNew, changed, gone, flagged, failed, blocked, pagesFailed, pagesBlocked)',
    labelNames: ['platform', 'figure'], registers,
    async collect() {
      this.reset();
      for (const p of (await readTotals()).platforms) for (const f of RUN_FIGURES) this.inc({ platform: p.platform, figure: f }, p[f]);
    },
  });
  new Counter({
    name: 'ipwatch_run_errors_total', help: 'Failed or blocked items over all runs, by platform and error kind (a throttle that never let go is RateLimitedError)', labelNames: ['platform', 'kind'], registers,
    async collect() {
      this.reset();
      for (const e of (await readTotals()).errors) this.inc({ platform: e.platform, kind: e.kind }, e.n);
    },
  });
  new Counter({
    name: 'ipwatch_blocked_total', help: 'Pages and listings a platform blocked (login wall, captcha, block status; a throttle is not a block), over all runs', labelNames: ['platform'], registers,
    async collect() {
      this.reset();
      for (const p of (await readTotals()).platforms) this.inc({ platform: p.platform }, p.blocked + p.pagesBlocked);
    },
  });
}
