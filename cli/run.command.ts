/**
 * `scan` (a one-off run, or a campaign's, followed with a progress bar),
 * `runs` (the history) and `runs <id>` (one run's figures by platform).
 */
import cliProgress from 'cli-progress';
import type { Container } from '../app/container.js';
import { waitForRun, startRun } from '../app/run.starter.js';
import { CampaignService } from '../app/campaign.service.js';
import { RUN_STATES } from '../domain/vocabulary.js';
import { listRuns, runView, type RunView } from '../store/campaign-run.repository.js';
import type { RunProgress } from '../store/scan-run.repository.js';
import { RunFailedError, UsageError, withContainer } from './cli.context.js';
import { printTable } from './table.format.js';

/** Options of `scan`. */
export interface ScanOptions {
  platform?: string[]; url?: string[]; keyword?: string[]; depth?: number; campaign?: string; urlsOnly?: boolean;
  wait: boolean; progress: boolean; graceSeconds?: number;
}

/** Items closed and known: search pages plus listings. */
export function progressOf(p: RunProgress): { done: number; total: number } {
  const pagesClosed = p.searchDone + p.searchFailed + p.searchEmpty + p.searchBlocked;
  const listingsClosed = p.detected + p.gone + p.failed + p.blocked;
  return { done: pagesClosed + listingsClosed, total: pagesClosed + p.searchQueued + listingsClosed + p.listingsQueued + p.captured };
}

/** Follows a run to its end with a progress bar (or plain lines without a terminal); throws RunFailedError when it fails. */
export async function followRun(c: Container, runId: number, o: { progress: boolean; graceSeconds?: number }): Promise<void> {
  const tty = o.progress && process.stderr.isTTY;
  const bar = tty ? new cliProgress.SingleBar({
    format: 'run {runId} |{bar}| {value}/{total} pages+listings | flagged {flagged} | gone {gone} | failed {failed} | blocked {blocked}',
    hideCursor: true, stream: process.stderr,
  }, cliProgress.Presets.shades_classic) : undefined;
  let last = 0;
  bar?.start(1, 0, { runId, flagged: 0, gone: 0, failed: 0, blocked: 0 });
  try {
    const status = await waitForRun(c, runId, {
      noWorkerGraceMs: (o.graceSeconds ?? 10) * 1000,
      onNoWorker: (queues) => { bar?.stop(); console.error(`warning: no worker alive on queue(s) ${queues.join(', ')}; start one with \`ipwatch worker\` (the run fails in ${o.graceSeconds ?? 10} s otherwise)`); },
      onProgress: (p) => {
        const { done, total } = progressOf(p);
        if (bar) { bar.setTotal(Math.max(1, total)); bar.update(done, { runId, flagged: p.flagged, gone: p.gone, failed: p.failed, blocked: p.blocked }); }
        else if (o.progress && Date.now() - last >= 5000) { last = Date.now(); console.error(`run ${runId}: ${done}/${total} pages+listings, flagged ${p.flagged}, failed ${p.failed}`); }
      },
    });
    bar?.stop();
    const run = await runView(c.db, runId);
    if (run) printRun(run);
    if (status === 'failed') throw new RunFailedError(runId, run?.error ?? 'unknown reason');
  } finally {
    bar?.stop();
  }
}

export async function scanCommand(file: string | undefined, o: ScanOptions): Promise<void> {
  if (o.urlsOnly && !o.url?.length) throw new UsageError('--urls-only needs at least one --url');
  await withContainer(file, {}, async (c) => {
    const campaignId = o.campaign ? (await new CampaignService(c).find(o.campaign)).id : undefined;
    const { runId, plan } = await startRun(c, {
      trigger: 'manual', platforms: o.platform, urls: o.url, keywords: o.keyword, depth: o.depth, campaignId, urlsOnly: o.urlsOnly,
    });
    console.log(`run ${runId} started: ${plan.platforms.join(', ')}; ${plan.keywords.length} keywords, ${plan.seeds.length} item URLs${plan.campaign ? ` (campaign ${plan.campaign.name})` : ''}`);
    if (o.wait) await followRun(c, runId, o);
  });
}

const FIGURES: Array<[string, (c: RunView['counts'][number]) => number]> = [
  ['pages', (c) => c.pagesDone + c.pagesEmpty], ['pages failed', (c) => c.pagesFailed], ['pages blocked', (c) => c.pagesBlocked],
  ['listings', (c) => c.listings], ['new', (c) => c.listingsNew], ['changed', (c) => c.changed], ['detected', (c) => c.detected],
  ['flagged', (c) => c.flagged], ['gone', (c) => c.gone], ['failed', (c) => c.failed], ['blocked', (c) => c.blocked], ['open', (c) => c.open],
];

/** One run: its state and a table of figures by platform, then errors by kind. */
export function printRun(run: RunView, log: (s: string) => void = console.log): void {
  const took = run.finishedAt ? ` in ${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)} s` : '';
  log(`run ${run.id} ${run.status}${took}; ${run.trigger}${run.campaign ? `, campaign ${run.campaign}` : ''}; started ${run.startedAt.toISOString()}${run.error ? `; ${run.error}` : ''}`);
  const cols = [...run.counts.map((c) => c.platform), 'total'];
  printTable(['', ...cols], FIGURES.map(([label, f]) => [label, ...run.counts.map((c) => String(f(c))), String(run.counts.reduce((a, c) => a + f(c), 0))]), log);
  const errors = new Map<string, number>();
  for (const c of run.counts) for (const [k, n] of Object.entries(c.errors ?? {})) errors.set(`${c.platform} ${k}`, n);
  if (errors.size) log(`errors by kind: ${[...errors].map(([k, n]) => `${k} ${n}`).join(', ')}`);
}

export async function runsCommand(file: string | undefined, id: number | undefined, o: { campaign?: string; status?: string; limit: number }): Promise<void> {
  if (o.status && !(RUN_STATES as readonly string[]).includes(o.status)) throw new UsageError(`unknown status ${o.status}; valid: ${RUN_STATES.join(', ')}`);
  await withContainer(file, { redis: false }, async (c) => {
    if (id !== undefined) {
      const run = await runView(c.db, id);
      if (!run) throw new UsageError(`no run ${id}`);
      printRun(run);
      return;
    }
    const campaignId = o.campaign ? (await new CampaignService(c).find(o.campaign)).id : undefined;
    const { total, runs } = await listRuns(c.db, { campaignId, status: o.status, limit: o.limit });
    const sum = (r: RunView, f: (x: RunView['counts'][number]) => number) => String(r.counts.reduce((a, x) => a + f(x), 0));
    printTable(['run', 'campaign', 'status', 'started', 'took', 'pages', 'listings', 'new', 'changed', 'gone', 'flagged', 'failed', 'blocked'], runs.map((r) => [
      String(r.id), r.campaign ?? '-', r.status, r.startedAt.toISOString().slice(0, 19).replace('T', ' '),
      r.finishedAt ? `${((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(0)} s` : '-',
      sum(r, (x) => x.pagesDone + x.pagesEmpty), sum(r, (x) => x.listings), sum(r, (x) => x.listingsNew), sum(r, (x) => x.changed),
      sum(r, (x) => x.gone), sum(r, (x) => x.flagged), sum(r, (x) => x.failed), sum(r, (x) => x.blocked + x.pagesBlocked),
    ]));
    console.log(`${runs.length} of ${total} run(s)`);
  });
}
