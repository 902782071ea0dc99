/**
 * Postgres is the record of a run's work; Redis only carries it. The
 * reconciler, started with the workers, puts back on the queues whatever a
 * running run still has open when Redis no longer holds it:
 *
 * - Redis lost its data (restarted without persistence, flushed, failed
 *   over): a marker key this process set is gone. Every running run is
 *   resumed at once.
 * - A run has open items but no queue holds any waiting, active or delayed
 *   job, on two ticks in a row: its jobs were lost some other way, failed
 *   for good while Postgres could not record the failure, or completed but
 *   Postgres lost their writes. The run is resumed and those jobs retried.
 *
 * Resuming is idempotent (job ids are deterministic), so any number of
 * worker processes may each run a reconciler.
 */
import { JobName, jobId, QueueName, type RunRef } from './jobs.js';
import type { Pipeline } from './pipeline.js';
import type { RunRecordPort } from './ports.js';
import type { Queues } from './queues.js';

/** What the reconciler needs; built in app/pipeline.wiring.ts. */
export interface RunReconcilerDeps {
  /** The runs' record in Postgres (the store's scan-run repository, bound in app/pipeline.wiring.ts). */
  runs: Pick<RunRecordPort, 'getRun' | 'openWork' | 'runCounts' | 'runningRuns'>;
  queues: Queues;
  pipeline: Pipeline;
  /** How often to look (the workers' stalled-job interval is a fair choice). */
  intervalMs: number;
  logger: { warn(o: object, msg: string): void };
}

/** What the reconciler did since it started (for logs and tests). */
export interface ReconcilerFigures {
  ticks: number;
  redisResets: number;
  stalls: number;
  runsResumed: number;
  pages: number;
  captures: number;
  detects: number;
  starts: number;
  failedRetried: number;
  errors: number;
}

/** The run's work exists in Postgres but not (or no longer) in Redis: why we are resuming it. */
type Cause = 'redis-reset' | 'stalled';

export class RunReconciler {
  readonly figures: ReconcilerFigures = { ticks: 0, redisResets: 0, stalls: 0, runsResumed: 0, pages: 0, captures: 0, detects: 0, starts: 0, failedRetried: 0, errors: 0 };
  private timer?: NodeJS.Timeout;
  private busy = false;
  /** Runs seen open with empty queues on the previous tick. */
  private idleBefore = new Set<number>();
  private readonly markerKey: string;
  private readonly token = `${process.pid}-${Date.now()}`;

  constructor(private readonly d: RunReconcilerDeps) {
    this.markerKey = `${d.queues.settings.prefix}:reconciler:epoch`;
  }

  start(): this {
    this.timer = setInterval(() => { void this.tick(); }, this.d.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One look at the running runs; never throws (Redis or Postgres may be down right now). */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.figures.ticks++;
    try {
      // SET NX: exactly one reconciler sees the marker missing after a reset, and that one resumes.
      const reset = (await this.d.queues.connection.set(this.markerKey, this.token, 'NX')) === 'OK';
      const runs = await this.d.runs.runningRuns();
      if (reset) {
        this.figures.redisResets++;
        this.idleBefore.clear();
        for (const run of runs) await this.recover({ runId: run.id, runKey: run.uuid }, 'redis-reset');
        return;
      }
      if (!runs.length || (await this.d.queues.pending()) > 0) { this.idleBefore.clear(); return; }
      const idle = new Set(runs.map((r) => r.id));
      for (const run of runs) {
        if (this.idleBefore.has(run.id)) {
          this.figures.stalls++;
          await this.recover({ runId: run.id, runKey: run.uuid }, 'stalled');
          idle.delete(run.id);
        }
      }
      this.idleBefore = idle;
    } catch (err) {
      this.figures.errors++;
      this.d.logger.warn({ err: (err as Error).message }, 'run reconciler: check failed (will try again)');
    } finally {
      this.busy = false;
    }
  }

  private async recover(ref: RunRef, cause: Cause): Promise<void> {
    const run = await this.d.runs.getRun(ref.runId);
    if (run?.status !== 'running') return;
    const counts = await this.d.runs.runCounts(ref.runId);
    const started = counts.some((c) => c.listings + c.pagesQueued + c.pagesDone + c.pagesEmpty + c.pagesFailed + c.pagesBlocked > 0);
    let retried = 0;
    if (cause === 'stalled') retried = await this.retryFinished(ref, started);
    if (!started) {
      // Its start-scan job was lost before it created any work; starting again is safe (same run, same job id).
      await this.d.queues.enqueue(JobName.StartScan, { ...ref, platforms: run.platforms, trigger: run.trigger as 'manual' | 'schedule' | 'demo' });
      this.figures.starts++;
      this.figures.runsResumed++;
      this.d.logger.warn({ runId: ref.runId, cause, retried }, 'run reconciler: start re-enqueued');
      return;
    }
    const n = await this.d.pipeline.resume(ref);
    this.figures.runsResumed++;
    this.figures.pages += n.pages;
    this.figures.captures += n.captures;
    this.figures.detects += n.detects;
    this.d.logger.warn({ runId: ref.runId, cause, ...n, retried }, 'run reconciler: open work re-enqueued');
  }

  /**
   * Open items whose job is kept as failed or completed, so its id blocks
   * re-enqueueing: a failed job's last attempt could not record the failure
   * (Postgres was down); a completed job's writes were lost by Postgres (a
   * failover to a replica behind the primary). Retry those jobs.
   */
  private async retryFinished(ref: RunRef, started: boolean): Promise<number> {
    const q = this.d.queues.byName;
    const ids: Array<[QueueName, string]> = [];
    if (!started) ids.push([QueueName.Scan, `start-${ref.runKey}`]);
    else {
      const w = await this.d.runs.openWork(ref.runId);
      for (const p of w.pages) ids.push([QueueName.Search, jobId.searchPage({ ...ref, ...p })]);
      for (const listingId of w.queued) ids.push([QueueName.Listing, jobId.captureListing({ ...ref, listingId })]);
      for (const c of w.captured) ids.push([QueueName.Detect, jobId.detectCapture({ ...ref, ...c })]);
    }
    let n = 0;
    for (const [queue, id] of ids) {
      const job = await q[queue].getJob(id);
      const state = job ? await job.getState() : undefined;
      if (job && (state === 'failed' || state === 'completed')) {
        await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
        n++;
      }
    }
    this.figures.failedRetried += n;
    return n;
  }
}
