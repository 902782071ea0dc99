/** scan queue: start a run, finish a run, and the daily retention (`maintenance`, wired in app/). */
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, type FinishScanJob, type StartScanJob } from '../jobs.js';
import type { Pipeline } from '../pipeline.js';

export function scanProcessor(pipeline: Pipeline, maintenance?: () => Promise<unknown>) {
  return async (job: Job<StartScanJob | FinishScanJob>) => {
    if (job.name === JobName.StartScan) {
      try {
        return { runId: await pipeline.startScan(job.data as StartScanJob) ?? null };
      } catch (err) {
        // The pipeline marked the run failed with the reason; a retry would start a closed run.
        throw new UnrecoverableError((err as Error).message);
      }
    }
    if (job.name === JobName.FinishScan) return pipeline.finishScan(job.data as FinishScanJob);
    if (job.name === JobName.PruneRuns && maintenance) return maintenance();
    throw new Error(`scan queue: unknown job ${job.name}`);
  };
}
