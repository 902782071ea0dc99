/**
 * What the API may operate besides the review store: campaigns and runs,
 * health, metrics and the queues (for the Bull Board dashboard). Built once
 * from the container; the API receives it as `ops`.
 */
import type { Queue } from 'bullmq';
import type { RunTrigger } from '../queue/jobs.js';
import { CampaignService } from './campaign.service.js';
import type { Container } from './container.js';
import { healthReport, type HealthReport } from './health.service.js';
import { startRun, type RunRequest, type StartedRun } from './run.starter.js';

/** The operations port of the API. */
export interface Operations {
  campaigns: CampaignService;
  /** A one-off run (platforms, item URLs, keywords, depth). */
  startRun(req: Omit<RunRequest, 'trigger'> & { trigger?: RunTrigger }): Promise<StartedRun>;
  health(): Promise<HealthReport>;
  /** Prometheus exposition of this process, with the deployment's shared gauges. */
  metrics(): Promise<{ contentType: string; body: string }>;
  /** The pipeline's queues, for the dashboard. */
  queues(): Queue[];
}

export function createOperations(c: Container): Operations {
  // The API is the one process that exports the deployment's shared gauges (app/cluster.gauges.ts).
  c.metrics.exportClusterGauges();
  return {
    campaigns: new CampaignService(c),
    startRun: (req) => startRun(c, { trigger: 'manual', ...req }),
    health: () => healthReport(c),
    metrics: () => c.metrics.render(),
    queues: () => Object.values(c.queues.byName),
  };
}
