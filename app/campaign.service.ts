/**
 * Campaigns for the API and the command line: create, change, pause, resume,
 * delete, run now. Every change is checked (platforms, register entries,
 * item URLs, cron and time zone, each refused with the valid values named)
 * and applied to the campaign's BullMQ job scheduler in the same call.
 * Every change and "run now" is written to the audit log with who did it
 * (an account from the API, `cli` from the command line); a deleted
 * campaign's last state is kept in its audit row.
 */
import { conflict, invalid, notFound } from '../domain/errors.js';
import { audit, CLI_ACTOR, type Actor } from '../enforcement/account.service.js';
import { inTransaction } from '../store/database.js';
import { checkAssetIds, resolvePlatforms, resolveUrls } from '../queue/scan.plan.js';
import { listRuns, type RunView } from '../store/campaign-run.repository.js';
import {
  campaignByName, deleteCampaign, getCampaign, insertCampaign, listCampaigns, runningRunOf, updateCampaign, type Campaign, type CampaignInput,
} from '../store/campaign.repository.js';
import { loadRegistry } from '../store/registry.repository.js';
import { CampaignScheduler, checkSchedule } from './campaign.scheduler.js';
import type { Container } from './container.js';
import { platformCatalog } from './pipeline.wiring.js';
import { startRun, type StartedRun } from './run.starter.js';

/** A campaign with when it runs next and its latest run. */
export interface CampaignView extends Campaign {
  /** Next firing of its job scheduler (absent when paused or unscheduled). */
  nextRunAt: Date | null;
  lastRun: RunView | null;
  running: boolean;
}

/** The fields of a change; `null` clears a nullable field. */
export type CampaignPatch = Partial<Omit<Campaign, 'id' | 'createdAt' | 'updatedAt'>>;

export class CampaignService {
  readonly scheduler: CampaignScheduler;

  constructor(private readonly c: Container) {
    this.scheduler = new CampaignScheduler(c.queues);
  }

  /** A campaign by id or name; unknown ones are refused with the known names listed. */
  async find(ref: string | number): Promise<Campaign> {
    const byId = typeof ref === 'number' || /^\d+$/.test(ref) ? await getCampaign(this.c.db, Number(ref)) : undefined;
    const found = byId ?? (typeof ref === 'string' ? await campaignByName(this.c.db, ref) : undefined);
    if (found) return found;
    const names = (await listCampaigns(this.c.db)).map((x) => x.name);
    throw notFound(`campaign ${ref} (known: ${names.length ? names.join(', ') : 'none yet'})`);
  }

  async list(): Promise<CampaignView[]> {
    return Promise.all((await listCampaigns(this.c.db)).map((x) => this.view(x)));
  }

  async view(x: Campaign): Promise<CampaignView> {
    const state = await this.scheduler.state(x.id);
    const { runs } = await listRuns(this.c.db, { campaignId: x.id, limit: 1 });
    return { ...x, nextRunAt: state?.next ?? null, lastRun: runs[0] ?? null, running: Boolean(await runningRunOf(this.c.db, x.id)) };
  }

  async create(input: CampaignInput, actor: Actor = CLI_ACTOR): Promise<Campaign> {
    await this.check(input);
    let created: Campaign;
    try {
      created = await inTransaction(this.c.db, async (q) => {
        const row = await insertCampaign(q, input, actor.id);
        await audit(q, actor, new Date(), 'campaign.create', 'campaign', row.id, { campaign: row });
        return row;
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict(`a campaign named ${input.name} exists already`, 'campaign_exists');
      throw err;
    }
    await this.scheduler.apply(created);
    return created;
  }

  async update(ref: string | number, patch: CampaignPatch, actor: Actor = CLI_ACTOR): Promise<Campaign> {
    const current = await this.find(ref);
    await this.check({ ...current, ...patch });
    let updated: Campaign | undefined;
    try {
      updated = await inTransaction(this.c.db, async (q) => {
        const row = await updateCampaign(q, current.id, patch);
        if (!row) return undefined;
        const before = Object.fromEntries(Object.keys(patch).map((k) => [k, current[k as keyof Campaign]]));
        await audit(q, actor, new Date(), 'campaign.update', 'campaign', row.id, { name: row.name, before, after: patch });
        return row;
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict(`a campaign named ${patch.name} exists already`, 'campaign_exists');
      throw err;
    }
    if (!updated) throw notFound(`campaign ${ref}`);
    await this.scheduler.apply(updated);
    return updated;
  }

  /** Pauses (removes its schedule) or resumes a campaign. */
  setEnabled(ref: string | number, enabled: boolean, actor: Actor = CLI_ACTOR): Promise<Campaign> {
    return this.update(ref, { enabled }, actor);
  }

  /** Deletes the campaign and its schedule; its runs stay in the history, its last state in the audit row. */
  async remove(ref: string | number, actor: Actor = CLI_ACTOR): Promise<Campaign> {
    const x = await this.find(ref);
    await this.scheduler.remove(x.id);
    await inTransaction(this.c.db, async (q) => {
      if (await deleteCampaign(q, x.id)) await audit(q, actor, new Date(), 'campaign.delete', 'campaign', x.id, { campaign: x });
    });
    return x;
  }

  /** Runs the campaign now (refused with 409 while a run of it is in progress). */
  async runNow(ref: string | number, trigger: 'manual' | 'demo' = 'manual', actor: Actor = CLI_ACTOR): Promise<StartedRun> {
    const x = await this.find(ref);
    return startRun(this.c, { campaignId: x.id, trigger, actor });
  }

  private async check(x: CampaignInput): Promise<void> {
    const catalog = platformCatalog(this.c);
    if (x.platforms) resolvePlatforms(catalog, x.platforms);
    if (x.urls?.length) resolveUrls(catalog, x.urls);
    if (x.assetIds) checkAssetIds(await loadRegistry(this.c.db), x.assetIds);
    if (x.cron) checkSchedule(x.cron, x.timezone ?? 'Asia/Shanghai');
    else if (x.timezone) checkSchedule('0 0 * * *', x.timezone);
    if (x.assetIds && !x.assetIds.length && !x.keywords?.length && !x.urls?.length) {
      throw invalid('a campaign needs register entries (or all of them), keywords or item URLs', [{ where: 'body', field: 'assetIds', message: 'empty' }]);
    }
  }
}
