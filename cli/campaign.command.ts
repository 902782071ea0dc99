/** `campaign create|list|show|pause|resume|delete|run`. */
import { CampaignService, type CampaignView } from '../app/campaign.service.js';
import type { Campaign } from '../store/campaign.repository.js';
import { UsageError, withContainer } from './cli.context.js';
import { followRun, printRun } from './run.command.js';
import { printTable } from './table.format.js';

/** Options of `campaign create` (and `campaign update`). */
export interface CampaignOptions {
  asset?: string[]; all?: boolean; platform?: string[]; keyword?: string[]; url?: string[]; depth?: number;
  cron?: string; tz?: string; paused?: boolean; description?: string; noSchedule?: boolean;
}

function fieldsOf(o: CampaignOptions): Partial<Campaign> {
  if (o.all && o.asset?.length) throw new UsageError('give either --all or --asset, not both');
  const out: Partial<Campaign> = {};
  if (o.asset?.length) out.assetIds = o.asset;
  if (o.all) out.assetIds = null;
  if (o.platform?.length) out.platforms = o.platform;
  if (o.keyword?.length) out.keywords = o.keyword;
  if (o.url?.length) out.urls = o.url;
  if (o.depth !== undefined) out.depth = o.depth;
  if (o.cron !== undefined) out.cron = o.cron;
  if (o.noSchedule) out.cron = null;
  if (o.tz !== undefined) out.timezone = o.tz;
  if (o.description !== undefined) out.description = o.description;
  return out;
}

function describe(x: CampaignView): string[] {
  return [
    `campaign ${x.name} (id ${x.id}) ${x.enabled ? 'enabled' : 'paused'}${x.running ? ', running now' : ''}`,
    `  register entries: ${x.assetIds ? x.assetIds.join(', ') || '(none)' : 'all'}`,
    `  platforms: ${x.platforms.join(', ')}; depth: ${x.depth ?? 'config default'}`,
    `  extra keywords: ${x.keywords.join(', ') || '(none)'}; item URLs: ${x.urls.length}`,
    `  schedule: ${x.cron ? `${x.cron} (${x.timezone})` : 'on demand only'}; next run: ${x.nextRunAt ? x.nextRunAt.toISOString() : '-'}`,
  ];
}

export async function campaignCreate(file: string | undefined, name: string, o: CampaignOptions): Promise<void> {
  await withContainer(file, {}, async (c) => {
    const svc = new CampaignService(c);
    const created = await svc.create({ name, ...fieldsOf(o), enabled: !o.paused });
    for (const l of describe(await svc.view(created))) console.log(l);
  });
}

export async function campaignUpdate(file: string | undefined, ref: string, o: CampaignOptions): Promise<void> {
  const patch = fieldsOf(o);
  if (!Object.keys(patch).length) throw new UsageError('nothing to change; give at least one option (see campaign update --help)');
  await withContainer(file, {}, async (c) => {
    const svc = new CampaignService(c);
    for (const l of describe(await svc.view(await svc.update(ref, patch)))) console.log(l);
  });
}

export async function campaignList(file: string | undefined): Promise<void> {
  await withContainer(file, {}, async (c) => {
    const list = await new CampaignService(c).list();
    printTable(['id', 'name', 'state', 'schedule', 'next run', 'platforms', 'entries', 'last run'], list.map((x) => [
      String(x.id), x.name, x.running ? 'running' : x.enabled ? 'enabled' : 'paused', x.cron ? `${x.cron} ${x.timezone}` : 'on demand',
      x.nextRunAt ? x.nextRunAt.toISOString().slice(0, 19).replace('T', ' ') : '-', x.platforms.join(','),
      x.assetIds ? String(x.assetIds.length) : 'all', x.lastRun ? `${x.lastRun.id} ${x.lastRun.status}` : '-',
    ]));
    console.log(`${list.length} campaign(s)`);
  });
}

export async function campaignShow(file: string | undefined, ref: string): Promise<void> {
  await withContainer(file, {}, async (c) => {
    const svc = new CampaignService(c);
    const x = await svc.view(await svc.find(ref));
    for (const l of describe(x)) console.log(l);
    if (x.lastRun) printRun(x.lastRun);
  });
}

export async function campaignSetEnabled(file: string | undefined, ref: string, enabled: boolean): Promise<void> {
  await withContainer(file, {}, async (c) => {
    const svc = new CampaignService(c);
    const x = await svc.view(await svc.setEnabled(ref, enabled));
    console.log(`campaign ${x.name} ${enabled ? `resumed; next run ${x.nextRunAt?.toISOString() ?? '- (no schedule)'}` : 'paused'}`);
  });
}

export async function campaignDelete(file: string | undefined, ref: string): Promise<void> {
  await withContainer(file, {}, async (c) => {
    const x = await new CampaignService(c).remove(ref);
    console.log(`campaign ${x.name} deleted (its runs stay in the history)`);
  });
}

export async function campaignRun(file: string | undefined, ref: string, o: { wait: boolean; progress: boolean; graceSeconds?: number }): Promise<void> {
  await withContainer(file, {}, async (c) => {
    const { runId, plan } = await new CampaignService(c).runNow(ref);
    console.log(`run ${runId} of campaign ${plan.campaign?.name} started: ${plan.platforms.join(', ')}; ${plan.keywords.length} keywords, ${plan.seeds.length} item URLs`);
    if (o.wait) await followRun(c, runId, o);
  });
}
