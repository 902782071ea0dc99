/**
 * A campaign's schedule is one BullMQ job scheduler on the scan queue
 * (`upsertJobScheduler`), keyed by the campaign id: it lives in Redis, so it
 * fires whether or not this process runs, and a restart changes nothing.
 * Postgres is the source of truth: `syncAll` (at worker start) puts back what
 * Redis lost and removes schedulers of deleted or paused campaigns. The
 * scheduled job carries only the campaign id; two runs of one campaign never
 * overlap because a run is created only when none of the campaign is running
 * (see Pipeline.startScan and the unique index of migration 0005).
 */
import { CronExpressionParser } from 'cron-parser';
import { invalid } from '../domain/errors.js';
import { JobName, QueueName, type StartScanJob } from '../queue/jobs.js';
import type { Queues } from '../queue/queues.js';
import { listCampaigns, type Campaign } from '../store/campaign.repository.js';
import type { Db } from '../store/database.js';

const PREFIX = 'campaign-';
/** The job scheduler id of a campaign. */
export const schedulerId = (campaignId: number) => `${PREFIX}${campaignId}`;

/**
 * Checks a cron pattern (five fields, or six with seconds first) in a time
 * zone; throws DomainError `invalid` naming what is wrong.
 */
export function checkSchedule(cron: string, timezone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw invalid(`unknown time zone "${timezone}" (use an IANA name such as Asia/Shanghai)`, [{ where: 'body', field: 'timezone', message: 'unknown time zone' }]);
  }
  const fields = cron.trim().split(/\s+/).length;
  let ok = fields === 5 || fields === 6;
  if (ok) { try { CronExpressionParser.parse(cron, { tz: timezone }); } catch { ok = false; } }
  if (!ok) throw invalid(`not a valid cron pattern "${cron}" (five fields, e.g. "0 2 * * *" for 02:00 every night; or six with seconds first)`, [{ where: 'body', field: 'cron', message: 'not a valid cron pattern' }]);
}

/** When a scheduled campaign runs next, by BullMQ's own reckoning. */
export interface ScheduleState { id: string; next?: Date; pattern?: string; tz?: string }

export class CampaignScheduler {
  constructor(private readonly queues: Queues) {}

  private get queue() { return this.queues.byName[QueueName.Scan]; }

  /** Creates, changes or removes the campaign's scheduler to match the campaign. */
  async apply(c: Campaign): Promise<void> {
    if (!c.enabled || !c.cron) {
      await this.remove(c.id);
      return;
    }
    // Stamped with the install: the scheduler's jobs bypass Queues.enqueue, and workers refuse unstamped ones.
    const data: StartScanJob = await this.queues.stamp({ platforms: [], trigger: 'schedule', campaignId: c.id } satisfies StartScanJob);
    await this.queue.upsertJobScheduler(schedulerId(c.id), { pattern: c.cron, tz: c.timezone }, {
      name: JobName.StartScan, data, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    });
  }

  async remove(campaignId: number): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(campaignId));
  }

  /** The next time the campaign's scheduler fires; undefined when it has none. */
  async state(campaignId: number): Promise<ScheduleState | undefined> {
    const js = await this.queue.getJobScheduler(schedulerId(campaignId));
    if (!js) return undefined;
    return { id: schedulerId(campaignId), next: js.next ? new Date(js.next) : undefined, pattern: js.pattern ?? undefined, tz: js.tz ?? undefined };
  }

  /** Makes Redis match Postgres: every enabled scheduled campaign has its scheduler, nothing else does. */
  async syncAll(db: Db): Promise<{ scheduled: number; removed: number }> {
    const campaigns = await listCampaigns(db);
    for (const c of campaigns) await this.apply(c);
    const wanted = new Set(campaigns.filter((c) => c.enabled && c.cron).map((c) => schedulerId(c.id)));
    let removed = 0;
    for (const js of await this.queue.getJobSchedulers(0, -1)) {
      const key = js.key ?? js.id;
      if (key?.startsWith(PREFIX) && !wanted.has(key)) { await this.queue.removeJobScheduler(key); removed++; }
    }
    return { scheduled: wanted.size, removed };
  }
}
