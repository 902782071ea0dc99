/**
 * The whole pipeline at scale: the demo marketplace (in this process), one
 * worker process per stage (search, listing, detect) on the real Postgres and
 * Redis, one scan of N listings. Prints wall time, listings/s, CPU
 * core-seconds per listing in total and per stage, peak memory of the Node
 * workers and of Chromium (and whether it grows over the run), writes the
 * same figures as JSON, and ends with `core-seconds per listing X`.
 *
 *   npx tsx bench/scan.bench.ts [--size 1000] [--seed 42] [--out bench/results/scan-1000.json] [--profile DIR] [--db ipwatch_bench]
 *
 * Stage CPU comes from /proc: each stage runs in its own process, so a
 * process's CPU is its stage's; Chromium is the listing (and search) worker's
 * child tree; OCR is the detect worker's tesseract threads; "database" is the
 * CPU of the Postgres backends of the run's own database, the server's
 * background writers and the Redis it queues on (other databases' work on a
 * shared server is left out; run the benchmark on a quiet machine all the same).
 */
import { printGroundTruthCheck } from '../cli/demo.report.js';
import { verdictsOfRun } from '../store/verdict.repository.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { createLogger } from '../app/logger.js';
import { openScanSession, startAndWait } from '../app/scan.session.js';
import { PROJECT_ROOT, loadConfig } from '../config/config.loader.js';
import { startMarketplace } from '../demo/marketplace/marketplace.server.js';
import { demoSearchDepth } from '../demo/search.depth.js';
import { loadRegistryFile } from '../detector/registry.loader.js';
import { prepareDatabase } from '../cli/admin.command.js';
import { QueueName } from '../queue/jobs.js';
import { searchKeywords } from '../kinds/kind.registry.js';
import { runCounts } from '../store/scan-run.repository.js';
import { captureTotals } from '../store/stats.repository.js';
import { descendants, pidsMatching, processCpu, pssMb, rssMb, threadCpu } from './proc.sampler.js';

const { values: args } = parseArgs({ options: {
  size: { type: 'string', default: '1000' }, seed: { type: 'string', default: '42' }, out: { type: 'string' },
  /** Write a V8 CPU profile of each worker process into this folder (open in Chrome DevTools). */
  profile: { type: 'string' },
  /** Database the run recreates (default ipwatch_bench); two benchmarks at once need two. */
  db: { type: 'string', default: 'ipwatch_bench' },
} });
const size = Number(args.size);
const seed = Number(args.seed);

type Role = 'search' | 'listing' | 'detect';
const ROLES: Record<Role, string[]> = { search: ['scan', 'search'], listing: ['listing', 'evidence'], detect: ['detect'] };

async function main() {
  const t0 = Date.now();
  const market = await startMarketplace({ seed, size, host: '127.0.0.1', port: 0 });
  const base = loadConfig({});
  const registry = await loadRegistryFile(path.resolve(base.rootDir, base.registryPath));
  const depth = Math.max(base.crawler.maxPagesPerKeyword, demoSearchDepth(market, base.platforms.filter((p) => p.enabled), searchKeywords(registry)));
  const dbUrl = new URL(base.databaseUrl);
  dbUrl.pathname = `/${args.db}`;
  const evidenceDir = mkdtempSync(path.join(tmpdir(), 'ipwatch-bench-ev-'));
  const overrides = {
    databaseUrl: dbUrl.toString(), queuePrefix: `bench-${randomBytes(4).toString('hex')}`, evidenceDir, logLevel: 'warn',
    platformBaseUrls: { 'demo-mall': market.url, 'demo-shop': market.url, 'demo-mobile': market.url },
    browser: { ...base.browser, offlineHostRules: true },
    crawler: { ...base.crawler, maxPagesPerKeyword: depth },
  };
  const config = loadConfig({ env: {}, overrides });
  await prepareDatabase(config, { recreate: true });
  const session = await openScanSession(config, { logger: createLogger('warn', 'bench'), resetQueues: true, workers: false });
  const configFile = path.join(mkdtempSync(path.join(tmpdir(), 'ipwatch-bench-')), 'ipwatch.json');
  const raw = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'config/ipwatch.json'), 'utf8'));
  writeFileSync(configFile, JSON.stringify({ ...raw, ...overrides }));

  const workers = new Map<Role, ChildProcess>();
  for (const role of Object.keys(ROLES) as Role[]) {
    const prof = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile, role)}`] : [];
    const child = spawn(process.execPath, [...prof, '--import', 'tsx', path.join(PROJECT_ROOT, 'cli/main.ts'), 'worker', '-q', ...ROLES[role]], {
      cwd: PROJECT_ROOT, env: { ...process.env, IPWATCH_CONFIG: configFile, DOTENV_CONFIG_QUIET: 'true' }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.set(role, child);
  }
  await waitForWorkers(config.redisUrl, config.queuePrefix);

  const cpuOf = (role: Role) => {
    const pid = workers.get(role)!.pid!;
    const kids = descendants(pid);
    return { node: processCpu(pid), chromium: kids.reduce((a, k) => a + processCpu(k), 0), threads: threadCpu(pid) };
  };
  // This run's share of the servers: the backends of its own database, the servers' shared background
  // processes, and the Redis it queues on; not other databases' backends or other Redis instances.
  const redisPort = new URL(config.redisUrl).port || '6379';
  const ours = new RegExp(`postgres: \\S+: \\S+ ${args.db} |postgres: \\S+: (checkpointer|background writer|walwriter|autovacuum)|redis-server \\S+:${redisPort}\\b`);
  const servers = () => pidsMatching(ours).reduce((a, p) => a + processCpu(p), 0);
  const before = { search: cpuOf('search'), listing: cpuOf('listing'), detect: cpuOf('detect'), servers: servers() };

  const mem: Array<{ t: number; node: number; chromium: number }> = [];
  const sampler = setInterval(() => {
    let node = 0;
    let chromium = 0;
    for (const child of workers.values()) {
      node += rssMb(child.pid!);
      for (const k of descendants(child.pid!)) chromium += pssMb(k);
    }
    mem.push({ t: Date.now(), node, chromium });
  }, 1000);

  const s0 = Date.now();
  const runId = await startAndWait(session.c, [], 'manual', { onProgress: (l) => console.error(`  ${l}`) });
  const wall = (Date.now() - s0) / 1000;
  clearInterval(sampler);

  const after = { search: cpuOf('search'), listing: cpuOf('listing'), detect: cpuOf('detect'), servers: servers() };
  const counts = await runCounts(session.c.db, runId);
  const listings = counts.reduce((a, c) => a + c.listings, 0);
  const failed = counts.reduce((a, c) => a + c.failed + c.blocked, 0);
  const flagged = counts.reduce((a, c) => a + c.flagged, 0);
  const { screenshots } = await captureTotals(session.c.db);
  // A faster pipeline that judges worse is no gain: the verdicts against the catalogue's ground truth.
  const truth = printGroundTruthCheck(market, await verdictsOfRun(session.c.db, runId), (l) => console.log(l));

  const d = (r: Role, k: 'node' | 'chromium') => after[r][k] - before[r][k];
  const threadDelta = (r: Role) => {
    const out = new Map<string, number>();
    for (const [name, v] of after[r].threads) out.set(name, v - (before[r].threads.get(name) ?? 0));
    return out;
  };
  const detectThreads = threadDelta('detect');
  // The main thread runs the detector and the database client; every other thread of the detect worker
  // (tesseract.js workers, libvips, OpenCV) reads images.
  const detectMain = detectThreads.get('main') ?? 0;
  const detectOther = [...detectThreads].filter(([n]) => n !== 'main').reduce((a, [, v]) => a + v, 0);
  const stages: Record<string, number> = {
    search: d('search', 'node') + d('search', 'chromium'),
    'fetch + evidence': d('listing', 'node'),
    'render + screenshot (Chromium)': d('listing', 'chromium'),
    'OCR + image matching (worker threads)': detectOther,
    detect: detectMain,
    'database (Postgres + Redis servers)': after.servers - before.servers,
  };
  const total = Object.values(stages).reduce((a, b) => a + b, 0);
  const half = Math.floor(mem.length / 2);
  const peak = (xs: typeof mem, k: 'node' | 'chromium') => xs.reduce((a, m) => Math.max(a, m[k]), 0);
  const result = {
    size, seed, depth, catalog: market.catalog.listings.length, listings, failed, flagged, screenshots,
    groundTruth: { truePositives: truth.tp, falsePositives: truth.fp, missed: truth.fn, trueNegatives: truth.tn, notCrawled: truth.notCrawled },
    wallSeconds: +wall.toFixed(1), listingsPerSecond: +(listings / wall).toFixed(2),
    coreSecondsPerListing: +(total / Math.max(1, listings)).toFixed(4),
    stages: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, { coreSeconds: +v.toFixed(1), perListing: +(v / Math.max(1, listings)).toFixed(4) }])),
    detectThreads: Object.fromEntries([...detectThreads].map(([k, v]) => [k, +v.toFixed(1)])),
    memoryMb: {
      nodePeak: +peak(mem, 'node').toFixed(0), chromiumPeak: +peak(mem, 'chromium').toFixed(0),
      nodePeakFirstHalf: +peak(mem.slice(0, half), 'node').toFixed(0), nodePeakSecondHalf: +peak(mem.slice(half), 'node').toFixed(0),
      chromiumPeakFirstHalf: +peak(mem.slice(0, half), 'chromium').toFixed(0), chromiumPeakSecondHalf: +peak(mem.slice(half), 'chromium').toFixed(0),
    },
    totalSeconds: +((Date.now() - t0) / 1000).toFixed(1),
  };

  console.log(`scan of ${listings} listings (catalog ${result.catalog}, search depth ${depth}): ${result.wallSeconds} s wall, ${result.listingsPerSecond} listings/s, ${failed} failed, ${flagged} flagged, ${screenshots} screenshots`);
  console.log('stage                                   core-s   per listing');
  for (const [k, v] of Object.entries(result.stages)) console.log(`${k.padEnd(40)}${String(v.coreSeconds).padStart(7)}   ${v.perListing.toFixed(4)}`);
  console.log(`detect worker threads: ${JSON.stringify(result.detectThreads)}`);
  console.log(`memory: Node workers peak ${result.memoryMb.nodePeak} MB (first half ${result.memoryMb.nodePeakFirstHalf}, second ${result.memoryMb.nodePeakSecondHalf}); Chromium peak ${result.memoryMb.chromiumPeak} MB (first half ${result.memoryMb.chromiumPeakFirstHalf}, second ${result.memoryMb.chromiumPeakSecondHalf})`);
  const out = args.out ?? path.join(PROJECT_ROOT, 'bench/results', `scan-${size}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`figures written to ${path.relative(PROJECT_ROOT, out)}`);

  for (const child of workers.values()) child.kill('SIGTERM');
  await Promise.all([...workers.values()].map((c) => new Promise((r) => { if (c.exitCode !== null) r(null); else c.once('exit', r); })));
  await session.c.queues.obliterate().catch(() => {});
  await session.close();
  await market.close();
  rmSync(evidenceDir, { recursive: true, force: true });
  console.log(`core-seconds per listing ${result.coreSecondsPerListing}`);
}

/** Resolves once every queue has a worker connected (the worker processes are up). */
async function waitForWorkers(redisUrl: string, prefix: string): Promise<void> {
  const url = new URL(redisUrl);
  const queues = Object.values(QueueName).map((n) => new Queue(n, { connection: { host: url.hostname, port: Number(url.port || 6379) }, prefix }));
  try {
    const end = Date.now() + 120_000;
    while (Date.now() < end) {
      const n = await Promise.all(queues.map((q) => q.getWorkersCount()));
      if (n.every((x) => x > 0)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('workers did not start within 120 s');
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
