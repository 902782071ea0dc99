/** detect queue: judge one capture and record the verdict. */
import type { Job } from 'bullmq';
import type { DetectCaptureJob } from '../jobs.js';
import type { Pipeline } from '../pipeline.js';
import type { JudgePort } from '../ports.js';
import { withRetryPolicy } from '../retry.policy.js';

export function detectProcessor(judge: JudgePort, pipeline: Pipeline) {
  return (job: Job<DetectCaptureJob>, token?: string) => withRetryPolicy(job, token, async () => {
    const { verdict, version } = await judge.judge(job.data.captureId);
    await pipeline.detected(job.data, verdict, version);
    return { suspect: verdict.suspect, score: verdict.score };
  }, { onFinal: (f) => pipeline.listingFailed(job.data, f) });
}
