/**
 * Prometheus metrics (prom-client), one registry per container, exposed at
 * `/metrics`. Two sources:
 *  - this process's workers (jobs done per queue as counters, so
 *    `rate(ipwatch_jobs_total[1m])` is jobs per second; crawl and detect
 *    latency histograms), fed through the workers' JobObserver;
 *  - the shared state, read at scrape time: queue depths and workers per queue
 *    from Redis, runs by state and campaign and the run counters by platform
 *    (pages, listings, new, changed, gone, flagged, failed, blocked, errors by
 *    kind) from Postgres.
 * A worker process started with `worker --metrics-port` serves its own.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QueueName } from '../queue/jobs.js';
import type { Queues } from '../queue/queues.js';
import type { JobObserver } from '../queue/worker.js';
import { runTotals } from '../store/campaign-run.repository.js';
import type { Db } from '../store/database.js';
import { queueDepths, workersByQueue } from './queue.monitor.js';

/** Latency buckets in seconds: from a fast JSON page to a slow browser capture. */
export const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const RUN_FIGURES = ['pages', 'listings', 'listingsNew', 'changed', 'gone', 'flagged', 'failed', 'blocked', 'pagesFailed', 'pagesBlocked'] as const;

export class Metrics {
  readonly registry = new Registry();
  private readonly jobs: Counter<'queue' | 'name' | 'outcome'>;
  private readonly crawl: Histogram<'queue' | 'outcome'>;
  private readonly detect: Histogram<'outcome'>;

  constructor(source: { db: Db; queues: Queues }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'ipwatch_process_' });
    this.jobs = new Counter({ name: 'ipwatch_jobs_total', help: 'Jobs ended by this process\'s workers, by queue, job name and outcome', labelNames: ['queue', 'name', 'outcome'], registers });
    this.crawl = new Histogram({ name: 'ipwatch_crawl_duration_seconds', help: 'Time to fetch one search page or capture one listing', labelNames: ['queue', 'outcome'], buckets: LATENCY_BUCKETS, registers });
    this.detect = new Histogram({ name: 'ipwatch_detect_duration_seconds', help: 'Time to judge one capture', labelNames: ['outcome'], buckets: LATENCY_BUCKETS, registers });

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

  /** Feeds the job counter and the latency histograms; hand it to the workers. */
  readonly observer: JobObserver = {
    jobDone: (queue, name, outcome, durationMs) => {
      this.jobs.inc({ queue, name, outcome });
      const s = durationMs / 1000;
      if (queue === QueueName.Search || queue === QueueName.Listing) this.crawl.observe({ queue, outcome }, s);
      else if (queue === QueueName.Detect) this.detect.observe({ outcome }, s);
    },
  };

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
