/**
 * Prometheus metrics (prom-client), one registry per container, exposed at
 * `/metrics`. Two sources:
 *  - this process's own work, as counters and histograms (so a sum over
 *    processes is the deployment's): jobs done per queue
 *    (`rate(ipwatch_jobs_total[1m])` is jobs per second), how long jobs
 *    waited in their queue, crawl and detect latency (fed through the
 *    workers' JobObserver); requests to each platform by outcome (the
 *    crawler's RequestCounter hook), captures and flags (suspect verdicts)
 *    per platform;
 *  - the shared state (queue depths, oldest waiting job, disk free, run
 *    figures from Postgres: app/cluster.gauges.ts), registered only when
 *    {@link Metrics.exportClusterGauges} is called, by one process of the
 *    deployment (the API; see the README's operations part).
 * A worker process started with `worker --metrics-port` serves its own
 * (without the shared gauges unless started with `--cluster-gauges`).
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestCounter } from '../crawler/request.counter.js';
import { QueueName } from '../queue/jobs.js';
import type { CrawlPort, JudgePort } from '../queue/ports.js';
import type { JobObserver } from '../queue/worker.js';
import { registerClusterGauges, type ClusterSource } from './cluster.gauges.js';

/** Latency buckets in seconds: from a fast JSON page to a slow browser capture. */
export const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Queue wait buckets in seconds: from a free worker to a backlog of hours. */
export const WAIT_BUCKETS = [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600];

export class Metrics {
  readonly registry = new Registry();
  private readonly jobs: Counter<'queue' | 'name' | 'outcome'>;
  private readonly crawl: Histogram<'queue' | 'outcome'>;
  private readonly detect: Histogram<'outcome'>;
  private readonly wait: Histogram<'queue'>;
  private readonly requests: Counter<'platform' | 'outcome'>;
  private readonly captures: Counter<'platform'>;
  private readonly flags: Counter<'platform'>;
  private cluster = false;

  constructor(private readonly source: ClusterSource) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'ipwatch_process_' });
    this.jobs = new Counter({ name: 'ipwatch_jobs_total', help: 'Jobs ended by this process\'s workers, by queue, job name and outcome', labelNames: ['queue', 'name', 'outcome'], registers });
    this.crawl = new Histogram({ name: 'ipwatch_crawl_duration_seconds', help: 'Time to fetch one search page or capture one listing', labelNames: ['queue', 'outcome'], buckets: LATENCY_BUCKETS, registers });
    this.detect = new Histogram({ name: 'ipwatch_detect_duration_seconds', help: 'Time to judge one capture', labelNames: ['outcome'], buckets: LATENCY_BUCKETS, registers });
    this.wait = new Histogram({ name: 'ipwatch_queue_wait_seconds', help: 'How long jobs this process took had waited in their queue (processedOn - timestamp)', labelNames: ['queue'], buckets: WAIT_BUCKETS, registers });
    this.requests = new Counter({ name: 'ipwatch_requests_total', help: 'Requests this process made to each platform, by outcome (2xx, 3xx, 4xx, 429, 5xx, blocked, error)', labelNames: ['platform', 'outcome'], registers });
    this.captures = new Counter({ name: 'ipwatch_captures_total', help: 'Listings this process captured, by platform', labelNames: ['platform'], registers });
    this.flags = new Counter({ name: 'ipwatch_flags_total', help: 'Suspect verdicts this process reached, by platform', labelNames: ['platform'], registers });
  }

  /** Registers the shared gauges (app/cluster.gauges.ts) in this process; idempotent. Call it in one process only. */
  exportClusterGauges(): void {
    if (this.cluster) return;
    this.cluster = true;
    registerClusterGauges(this.registry, this.source);
  }

  /** Whether this process exports the shared gauges. */
  get exportsClusterGauges(): boolean { return this.cluster; }

  /** Feeds the job counter, the queue wait and the latency histograms; hand it to the workers. */
  readonly observer: JobObserver = {
    jobDone: (queue, name, outcome, durationMs) => {
      this.jobs.inc({ queue, name, outcome });
      const s = durationMs / 1000;
      if (queue === QueueName.Search || queue === QueueName.Listing) this.crawl.observe({ queue, outcome }, s);
      else if (queue === QueueName.Detect) this.detect.observe({ outcome }, s);
    },
    jobStarted: (queue, _name, waitMs) => this.wait.observe({ queue }, waitMs / 1000),
  };

  /** Counts the crawler's requests by platform and outcome; the container hands it to the fetcher and the browser guard. */
  readonly requestCounter: RequestCounter = {
    request: (platform, outcome) => this.requests.inc({ platform, outcome }),
  };

  /** `port` with each capture counted for its platform. */
  countCaptures(port: CrawlPort): CrawlPort {
    return {
      ...port,
      capture: async (platform, listingId, card) => {
        const r = await port.capture(platform, listingId, card);
        this.captures.inc({ platform });
        return r;
      },
    };
  }

  /** `port` with each suspect verdict counted for its platform. */
  countFlags(port: JudgePort): JudgePort {
    return {
      judge: async (captureId) => {
        const r = await port.judge(captureId);
        if (r.verdict.suspect) this.flags.inc({ platform: r.verdict.platform });
        return r;
      },
    };
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
