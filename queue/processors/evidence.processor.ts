/** evidence queue: draw the screenshot of a flagged capture from its stored HTML and images. */
import type { Job } from 'bullmq';
import type { RenderEvidenceJob } from '../jobs.js';
import type { Pipeline } from '../pipeline.js';
import type { EvidencePort } from '../ports.js';
import { withRetryPolicy } from '../retry.policy.js';

export function evidenceProcessor(evidence: EvidencePort, pipeline: Pipeline) {
  return (job: Job<RenderEvidenceJob>, token?: string) => withRetryPolicy(job, token, async () => {
    const shot = await evidence.renderScreenshot(job.data.captureId);
    await pipeline.rendered(job.data);
    return shot;
  }, {
    // A screenshot that cannot be drawn does not undo the verdict: the listing is done, its evidence says what is missing.
    onFinal: async (f) => {
      await evidence.recordFailure(job.data.captureId, f.message);
      await pipeline.rendered(job.data, f);
    },
  });
}
