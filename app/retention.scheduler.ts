/**
 * The daily retention job: one BullMQ job scheduler on the scan queue (like a
 * campaign's, app/campaign.scheduler.ts), set from config `retention` at
 * worker start, whose job makes the partitions of scan_run_listings ahead and
 * drops old ones (store/run-retention.repository.ts). `ipwatch prune` runs
 * the same thing at once.
 */
import type { AppConfig } from '../config/config.schema.js';
import { JobName, QueueName } from '../queue/jobs.js';
import type { Queues } from '../queue/queues.js';
import type { Db } from '../store/database.js';
import { pruneRuns, type PruneResult } from '../store/run-retention.repository.js';

/** The job scheduler id of the retention job (not `campaign-…`: campaign sync leaves it alone). */
export const RETENTION_SCHEDULER = 'maintenance-retention';

/** Makes the partitions ahead and drops those past config `retention.runDays`. */
export function runRetention(db: Db, config: Pick<AppConfig, 'retention'>, now?: Date): Promise<PruneResult> {
  const r = config.retention;
  return pruneRuns(db, { keepDays: r.runDays, width: r.runsPerPartition, now });
}

/** Creates or updates the daily retention job's scheduler (config `retention.cron` in `retention.timezone`). */
export async function scheduleRetention(queues: Queues, config: Pick<AppConfig, 'retention'>): Promise<void> {
  const { cron, timezone } = config.retention;
  // Stamped with the install: scheduler jobs bypass Queues.enqueue, and workers refuse unstamped ones.
  const data = await queues.stamp({});
  await queues.byName[QueueName.Scan].upsertJobScheduler(RETENTION_SCHEDULER, { pattern: cron, tz: timezone }, {
    name: JobName.PruneRuns, data, opts: { attempts: 1, removeOnComplete: { count: 30 }, removeOnFail: { count: 30 } },
  });
}
