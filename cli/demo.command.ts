/**
 * `demo`: the whole system on the bundled demo marketplace. It starts the
 * marketplace, the workers and the API on the local Postgres and Redis, scans,
 * lets a stand-in officer review and send notices and stand-in platforms
 * answer, re-scans to confirm delistings, and prints the statistics.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../api/app.js';
import { ensureAccount } from '../enforcement/account.service.js';
import { createLogger } from '../app/logger.js';
import { openScanSession } from '../app/scan.session.js';
import { createOperations } from '../app/operations.js';
import { loadConfig } from '../config/config.loader.js';
import { startMarketplace, type MarketplaceServer } from '../demo/marketplace/marketplace.server.js';
import { demoSearchDepth } from '../demo/search.depth.js';
import { loadRegistryFile } from '../detector/registry.loader.js';
import { searchKeywords } from '../kinds/kind.registry.js';
import { goneInRun } from '../store/scan-run.repository.js';
import { captureTotals } from '../store/stats.repository.js';
import { verdictsOfRun } from '../store/verdict.repository.js';
import { prepareDatabase } from './admin.command.js';
import { ApiClient, officerResolves, officerReviews, platformAnswers } from './demo.actors.js';
import { printGroundTruthCheck, printStats } from './demo.report.js';

const DEMO_PASSWORD = 'demo-password-2026';
/** The demo campaign's schedule once the demo's own two scans are done. */
const DEMO_CRON = '*/5 * * * *';

async function listenOrAny<T>(start: (port: number) => Promise<T>, port: number): Promise<T> {
  try { return await start(port); } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return start(0);
  }
}

export async function demoCommand(file: string | undefined, o: { serve?: boolean; size?: number }): Promise<void> {
  const t0 = Date.now();
  const base = loadConfig({ file });
  const log = (s: string) => console.log(s);
  const market: MarketplaceServer = await listenOrAny((port) => startMarketplace({
    seed: base.demo.seed, size: o.size ?? base.demo.size, host: base.demo.host, port,
    // Listings whose only sign is a logo in the photo, and clean look-alike shapes (signal `image`).
    imageFamilies: Math.max(4, Math.round((o.size ?? base.demo.size) / 15)),
  }), base.demo.port);
  log(`demo marketplace: ${market.url}  (${market.catalog.listings.length} listings on demo-mall, demo-shop, demo-mobile; seed ${base.demo.seed})`);

  const dbUrl = new URL(base.databaseUrl);
  dbUrl.pathname = '/ipwatch_demo';
  const evidenceDir = 'var/demo-evidence';
  rmSync(path.resolve(base.rootDir, evidenceDir), { recursive: true, force: true });
  // Every listing must be reachable by search, whatever --size: the depth follows the catalog.
  const registry = await loadRegistryFile(path.resolve(base.rootDir, base.registryPath));
  const depth = Math.max(base.crawler.maxPagesPerKeyword, demoSearchDepth(market, base.platforms.filter((p) => p.enabled), searchKeywords(registry)));
  const config = loadConfig({
    file,
    overrides: {
      databaseUrl: dbUrl.toString(), queuePrefix: `${base.queuePrefix}-demo`, evidenceDir, logLevel: 'warn',
      platformBaseUrls: { 'demo-mall': market.url, 'demo-shop': market.url, 'demo-mobile': market.url },
      browser: { offlineHostRules: true },
      crawler: { ...base.crawler, maxPagesPerKeyword: depth },
    },
  });
  await prepareDatabase(config, { recreate: true });
  const session = await openScanSession(config, { logger: createLogger('warn', 'demo'), resetQueues: true });
  const { c } = session;

  await ensureAccount(c.db, { username: 'officer', password: DEMO_PASSWORD, role: 'officer', displayName: '演示执法人员' });
  await ensureAccount(c.db, { username: 'admin', password: DEMO_PASSWORD, role: 'admin', displayName: '管理员' });
  for (const p of config.platforms) await ensureAccount(c.db, { username: p.id, password: DEMO_PASSWORD, role: 'platform', platform: p.id, displayName: p.name });
  // The demo's campaign: the whole register on every platform. Scans 1 and 2 are its runs; after them it runs
  // by itself every five minutes (BullMQ job scheduler) while `--serve` keeps the workers up.
  const ops = createOperations(c);
  const campaign = await ops.campaigns.create({
    name: 'demo-watch', description: '演示：全部登记权利，全部平台', assetIds: null, platforms: ['*'],
    cron: DEMO_CRON, timezone: 'Asia/Shanghai', enabled: false,
  });
  const app = await buildApp({ db: c.db, config, evidence: c.evidence, logger: false, ops });
  const apiUrl = await listenOrAny((port) => app.listen({ host: config.api.host, port }), config.api.port);
  log(`review API: ${apiUrl}  (accounts officer / admin / demo-mall / demo-shop / demo-mobile, password ${DEMO_PASSWORD})`);

  try {
    log('\n== scan 1: crawl, evidence, detection ==');
    const s1 = Date.now();
    const run1 = await session.scan([], (l) => log(`  ${l}`), { campaignId: campaign.id });
    const scanSeconds = (Date.now() - s1) / 1000;
    const verdicts = await verdictsOfRun(c.db, run1);
    const counts = await captureTotals(c.db);
    log(`scan 1 finished in ${scanSeconds.toFixed(1)} s: ${counts.listings} listings, ${counts.captures} captures, ${counts.screenshots} screenshots, ${counts.blobs} evidence files (SHA-256)`);
    const check = printGroundTruthCheck(market, verdicts, log);

    log('\n== review (stand-in officer over the API) ==');
    const officer = await new ApiClient(apiUrl).login('officer', DEMO_PASSWORD);
    const reviewed = await officerReviews(officer, market);
    log(`confirmed ${reviewed.confirmed}, dismissed ${reviewed.dismissed}; measures requested ${JSON.stringify(reviewed.measures)}`);
    const { notices } = await officer.call('POST', '/api/notices', {});
    for (const n of notices) await officer.call('POST', `/api/notices/${n.id}/send`);
    log(`takedown notices sent: ${notices.length} (one per platform)`);

    log('\n== platform replies (stand-in platform staff over the API) ==');
    for (const p of config.platforms) {
      const api = await new ApiClient(apiUrl).login(p.id, DEMO_PASSWORD);
      const r = await platformAnswers(api, market, p.id);
      log(`${p.id}: delisted ${r.delisted}, refused ${r.refused}, counter-notices ${r.countered}`);
    }

    const resolved = await officerResolves(officer);
    log(`officer: ${resolved.escalated} refusal(s) escalated to a case (立案查办), ${resolved.withdrawn} counter-notice(s) accepted`);

    log('\n== scan 2: re-scan confirms delistings ==');
    const run2 = await session.scan([], (l) => log(`  ${l}`), { campaignId: campaign.id });
    const goneNow = (await goneInRun(c.db, run2)).length;
    log(`scan 2 finished: ${goneNow} listings found gone`);

    log('\n== statistics (GET /api/stats?groupBy=platform) ==');
    const stats = await officer.call('GET', '/api/stats?groupBy=platform');
    printStats(stats as Parameters<typeof printStats>[0], log);
    log(`\nwall time ${((Date.now() - t0) / 1000).toFixed(1)} s; detection vs ground truth: precision ${check.precision.toFixed(3)}, recall ${check.recall.toFixed(3)}`);
    const armed = await ops.campaigns.view(await ops.campaigns.setEnabled(campaign.id, true));
    log(`campaign ${armed.name} runs by itself (${DEMO_CRON}, ${armed.timezone}; next ${armed.nextRunAt?.toISOString() ?? '-'}): runs at ${apiUrl}/api/runs?campaign=${armed.id}, metrics at ${apiUrl}/metrics, queues at ${apiUrl}/admin/queues`);
    log(`review page: ${apiUrl}/   (platform page: ${apiUrl}/platform, API docs: ${apiUrl}/docs)`);
    if (!o.serve) log('run `npm run demo -- --serve` to keep the marketplace and the review page running');
  } catch (err) {
    await app.close(); await session.close(); await market.close();
    throw err;
  }
  if (o.serve) {
    log('serving; press Ctrl-C to stop');
    const stop = async () => { await app.close(); await session.close(); await market.close(); process.exit(0); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  // Not serving: nothing will work its schedule, so leave none behind in Redis.
  await ops.campaigns.setEnabled(campaign.id, false);
  await app.close();
  await session.close();
  await market.close();
}
