/** scan queue: start a run, finish a run. */
import type { Job } from 'bullmq';
import { JobName, type FinishScanJob, type StartScanJob } from '../jobs.js';
import type { Pipeline } from '../pipeline.js';

export function scanProcessor(pipeline: Pipeline) {
  return async (job: Job<StartScanJob | FinishScanJob>) => {
    if (job.name === JobName.StartScan) return { runId: await pipeline.startScan(job.data as StartScanJob) };
    if (job.name === JobName.FinishScan) return pipeline.finishScan(job.data as FinishScanJob);
    throw new Error(`scan queue: unknown job ${job.name}`);
  };
}
