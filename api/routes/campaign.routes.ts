/**
 * Campaigns (what is scanned, where, on which schedule) and runs (how each
 * went, by platform). Officers and admins; registered when the API is given
 * the operations port (`ops`), which the `api` command and the demo do.
 */
import { z } from 'zod';
import { RUN_STATES } from '../../domain/vocabulary.js';
import type { Operations } from '../../app/operations.js';
import type { Campaign } from '../../store/campaign.repository.js';
import { listRuns, runView } from '../../store/campaign-run.repository.js';
import { notFound } from '../../domain/errors.js';
import { STAFF, defineRoute, type AnyRoute } from '../route.registry.js';
import { actor, idParam, limit, offset, type RouteDeps } from './common.js';

const name = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, '须为小写字母、数字和连字符，至多 63 个 (lower-case letters, digits and dashes, at most 63)');
const item = (max: number) => z.string().trim().min(1, '不能为空 must not be empty').max(max).refine((v) => !/[\u0000-\u001f]/.test(v), '不得包含控制字符 control characters are not allowed');
const url = item(2000).refine((v) => { try { return ['http:', 'https:'].includes(new URL(v).protocol); } catch { return false; } }, '应为 http(s) 网址 expected an http(s) URL');

const campaignFields = z.object({
  description: z.string().max(2000).optional(),
  /** null = the whole register. */
  assetIds: z.array(item(100)).max(10_000).nullable().optional(),
  platforms: z.array(item(100)).min(1).max(100).optional(),
  keywords: z.array(item(200)).max(1000).optional(),
  urls: z.array(url).max(10_000).optional(),
  depth: z.number().int().min(1).max(100).nullable().optional(),
  cron: item(200).nullable().optional(),
  timezone: item(100).optional(),
  enabled: z.boolean().optional(),
});

const createBody = campaignFields.extend({ name }).strict();
const patchBody = createBody.partial().strict().refine((b) => Object.keys(b).length > 0, '请至少修改一项 give at least one field to change');

const runBody = z.object({
  platforms: z.array(item(100)).max(100).optional(),
  urls: z.array(url).max(10_000).optional(),
  keywords: z.array(item(200)).max(1000).optional(),
  depth: z.number().int().min(1).max(100).optional(),
  /** Capture only the URLs: no search, no re-check of known listings. */
  urlsOnly: z.boolean().optional(),
}).strict().refine((b) => !b.urlsOnly || (b.urls?.length ?? 0) > 0, '只扫指定链接时须给出链接 urlsOnly needs urls');

const runsQuery = z.object({
  campaign: z.coerce.number().int().positive().optional(),
  status: z.enum(RUN_STATES).optional(),
  limit: limit(50, 500), offset,
}).strict();

const campaignIdOf = async (ops: Operations, id: number): Promise<Campaign> => ops.campaigns.find(id);

export function campaignRoutes({ db }: RouteDeps, ops: Operations): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/campaigns', access: STAFF, tags: ['campaigns'], summary: 'Campaigns with their next scheduled run and latest run',
      async handler() { return { campaigns: await ops.campaigns.list() }; },
    }),
    defineRoute({
      method: 'POST', url: '/api/campaigns', access: STAFF, tags: ['campaigns'], body: createBody,
      summary: 'Create a campaign: register entries (null = all), platforms (["*"] = all), keywords, item URLs, depth, cron + time zone',
      description: '`cron`: five fields (`0 2 * * *` = 02:00 every night) or six with seconds first; in `timezone` (default Asia/Shanghai). Without `cron` the campaign runs only on demand. Unknown platforms, register entries or URLs of no enabled platform are refused with the valid values named.',
      async handler({ body, account, req, reply }) {
        const created = await ops.campaigns.create(body, actor(account, req));
        reply.code(201);
        return { campaign: await ops.campaigns.view(created) };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/campaigns/:id', access: STAFF, tags: ['campaigns'], params: idParam, summary: 'One campaign',
      async handler({ params }) { return { campaign: await ops.campaigns.view(await campaignIdOf(ops, params.id)) }; },
    }),
    defineRoute({
      method: 'PATCH', url: '/api/campaigns/:id', access: STAFF, tags: ['campaigns'], params: idParam, body: patchBody,
      summary: 'Change a campaign (its schedule follows at once)',
      async handler({ params, body, account, req }) { return { campaign: await ops.campaigns.view(await ops.campaigns.update(params.id, body, actor(account, req))) }; },
    }),
    defineRoute({
      method: 'DELETE', url: '/api/campaigns/:id', access: STAFF, tags: ['campaigns'], params: idParam,
      summary: 'Delete a campaign and its schedule (its runs stay in the history)',
      async handler({ params, account, req }) { await ops.campaigns.remove(params.id, actor(account, req)); return { ok: true }; },
    }),
    defineRoute({
      method: 'POST', url: '/api/campaigns/:id/pause', access: STAFF, tags: ['campaigns'], params: idParam, summary: 'Pause: remove the schedule (run now still works)',
      async handler({ params, account, req }) { return { campaign: await ops.campaigns.view(await ops.campaigns.setEnabled(params.id, false, actor(account, req))) }; },
    }),
    defineRoute({
      method: 'POST', url: '/api/campaigns/:id/resume', access: STAFF, tags: ['campaigns'], params: idParam, summary: 'Resume: put the schedule back',
      async handler({ params, account, req }) { return { campaign: await ops.campaigns.view(await ops.campaigns.setEnabled(params.id, true, actor(account, req))) }; },
    }),
    defineRoute({
      method: 'POST', url: '/api/campaigns/:id/run', access: STAFF, tags: ['campaigns'], params: idParam,
      summary: 'Run the campaign now (409 campaign_running while a run of it is in progress)',
      async handler({ params, account, req, reply }) {
        const r = await ops.campaigns.runNow(params.id, 'manual', actor(account, req));
        reply.code(202);
        return { runId: r.runId, platforms: r.plan.platforms, keywords: r.plan.keywords.length, urls: r.plan.seeds.length };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/campaigns/:id/runs', access: STAFF, tags: ['runs'], params: idParam, query: runsQuery.omit({ campaign: true }),
      summary: 'The campaign\'s runs, newest first, with figures by platform',
      async handler({ params, query }) {
        const c = await campaignIdOf(ops, params.id);
        return listRuns(db, { ...query, campaignId: c.id });
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/runs', access: STAFF, tags: ['runs'], query: runsQuery,
      summary: 'Runs, newest first: start, end, state, and by platform pages, listings, new, changed, gone, flagged, blocked, failed, errors by kind',
      async handler({ query }) { return listRuns(db, { ...query, campaignId: query.campaign }); },
    }),
    defineRoute({
      method: 'GET', url: '/api/runs/:id', access: STAFF, tags: ['runs'], params: idParam, summary: 'One run with its figures by platform',
      async handler({ params }) {
        const run = await runView(db, params.id);
        if (!run) throw notFound(`run ${params.id}`);
        return { run };
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/runs', access: STAFF, tags: ['runs'], body: runBody,
      summary: 'Start a one-off run: platforms (default all), item URLs to capture and judge, extra keywords, depth',
      async handler({ body, account, req, reply }) {
        const r = await ops.startRun({ ...body, actor: actor(account, req) });
        reply.code(202);
        return { runId: r.runId, platforms: r.plan.platforms, keywords: r.plan.keywords.length, urls: r.plan.seeds.length };
      },
    }),
  ];
}
