/**
 * Starting a run by hand (CLI `scan`, `campaign run`, the API's "run now")
 * and watching it. The run row is created first, so a start that fails
 * (Redis unreachable) is recorded as failed, never left `running`; the
 * watcher says within seconds when no worker is alive instead of waiting
 * silently, and marks the run failed if none turns up in the grace period.
 */
import { conflict } from '../domain/errors.js';
import { audit, CLI_ACTOR, type Actor } from '../enforcement/account.service.js';
import { JobName, QueueName, type RunTrigger, type StartScanJob } from '../queue/jobs.js';
import { planScan, type ScanPlan } from '../queue/scan.plan.js';
import { runningRunOf } from '../store/campaign.repository.js';
import { createRun, failRun, getRun, runProgress, type RunProgress } from '../store/scan-run.repository.js';
import { ConnectionError, CONNECT_TIMEOUT_MS, redactUrl, withTimeout } from './connection.check.js';
import type { Container } from './container.js';
import { platformCatalog, scanPlanSources } from './pipeline.wiring.js';
import { queuesWithoutWorker, workersByQueue } from './queue.monitor.js';

/** What to run: a campaign, and/or platforms, URLs, keywords, depth for this run only. */
export interface RunRequest extends Partial<Pick<StartScanJob, 'campaignId' | 'urls' | 'keywords' | 'depth' | 'urlsOnly'>> {
  platforms?: string[];
  trigger: RunTrigger;
  /** Who starts it, for the audit log (default: the command line). */
  actor?: Actor;
}

/** A run that was started. */
export interface StartedRun { runId: number; runKey: string; plan: ScanPlan }

/** Checks the request, records the run and enqueues its start. Throws DomainError (bad input, campaign busy) or ConnectionError. */
export async function startRun(c: Container, req: RunRequest): Promise<StartedRun> {
  const job = { platforms: req.platforms ?? [], campaignId: req.campaignId, urls: req.urls, keywords: req.keywords, depth: req.depth, urlsOnly: req.urlsOnly };
  const plan = await planScan(scanPlanSources(c.db), platformCatalog(c), job);
  if (plan.campaign) {
    const busy = await runningRunOf(c.db, plan.campaign.id);
    if (busy) throw conflict(`campaign ${plan.campaign.name} already has run ${busy.id} in progress`, 'campaign_running');
  }
  let run: { id: number; uuid: string };
  try {
    run = await createRun(c.db, plan.platforms, req.trigger, plan.campaign?.id ?? null);
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw conflict(`campaign ${plan.campaign?.name} already has a run in progress`, 'campaign_running');
    throw err;
  }
  try {
    await withTimeout(
      c.queues.enqueue(JobName.StartScan, { ...job, platforms: plan.platforms, runId: run.id, runKey: run.uuid, trigger: req.trigger }),
      CONNECT_TIMEOUT_MS, () => new Error(`no answer within ${CONNECT_TIMEOUT_MS} ms`));
  } catch (err) {
    // The run could not start: say so instead of leaving it `running` for good.
    const e = new ConnectionError('REDIS_URL', redactUrl(c.config.redisUrl), (err as Error).message);
    await failRun(c.db, run.id, `start failed: ${e.message}`);
    throw e;
  }
  await audit(c.db, req.actor ?? CLI_ACTOR, new Date(), 'run.start', 'scan_run', run.id, {
    trigger: req.trigger, campaignId: plan.campaign?.id ?? null, platforms: plan.platforms,
    keywords: req.keywords ?? [], urls: req.urls ?? [], depth: req.depth ?? null, urlsOnly: req.urlsOnly ?? false,
  });
  return { runId: run.id, runKey: run.uuid, plan };
}

/** No worker took the run within the grace period. */
export class NoWorkerError extends Error {
  constructor(readonly runId: number, readonly queues: string[], graceMs: number) {
    super(`no worker alive on queue(s) ${queues.join(', ')} for ${Math.round(graceMs / 1000)} s; run ${runId} marked failed (start one with: ipwatch worker)`);
    this.name = 'NoWorkerError';
  }
}

/** How the watcher reports. */
export interface WatchOptions {
  /** Called about every `intervalMs` with the run's figures. */
  onProgress?: (p: RunProgress & { runId: number }) => void;
  /** Called once when workers are missing (before the grace period ends). */
  onNoWorker?: (queues: string[]) => void;
  /** How long queues may have no worker before the run is failed. Default 10 s. */
  noWorkerGraceMs?: number;
  intervalMs?: number;
}

/** Waits until the run is finished or failed; returns its final status. Throws NoWorkerError when the workers are gone for good. */
export async function waitForRun(c: Container, runId: number, o: WatchOptions = {}): Promise<'finished' | 'failed'> {
  const grace = o.noWorkerGraceMs ?? 10_000;
  const interval = o.intervalMs ?? 500;
  let missingSince: number | undefined;
  let warned = false;
  let finishedSeen: number | undefined;
  for (;;) {
    const run = await getRun(c.db, runId);
    if (run?.status === 'failed') return 'failed';
    if (run?.status === 'finished') {
      // Finished when its finish-scan job (delisting confirmations, overdue marks) is done too.
      const finish = await c.queues.byName[QueueName.Scan].getJob(`finish-${run.uuid}`);
      const state = finish ? await finish.getState() : undefined;
      if (state === 'completed' || state === 'failed') return 'finished';
      finishedSeen ??= Date.now();
      if (!finish && Date.now() - finishedSeen > 30_000) return 'finished';
    }
    const missing = queuesWithoutWorker(await workersByQueue(c.queues));
    if (missing.length) {
      missingSince ??= Date.now();
      if (!warned) { o.onNoWorker?.(missing); warned = true; }
      if (Date.now() - missingSince >= grace) {
        const err = new NoWorkerError(runId, missing, grace);
        if (await failRun(c.db, runId, err.message)) {
          // Its start job must not run later on a closed run (the pipeline would ignore it anyway).
          await c.queues.byName[QueueName.Scan].remove(`start-${run?.uuid}`).catch(() => 0);
        }
        throw err;
      }
    } else {
      missingSince = undefined;
      warned = false;
    }
    o.onProgress?.({ runId, ...(await runProgress(c.db, runId)) });
    await new Promise((r) => setTimeout(r, interval));
  }
}
