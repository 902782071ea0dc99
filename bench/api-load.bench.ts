/**
 * The review API under concurrent reviewers (issue 13): a fresh database of
 * its own seeded with a realistic history (100,000 listings, 10,000
 * decisions, 4,000 notice items), the API in a child process, and autocannon
 * on loopback playing 20 officers on the review queue, the statistics and a
 * mix of both. Prints throughput, p50/p99 latency and the API's memory.
 * Target: p99 < 200 ms for the queue and the statistics at 20 concurrent.
 *
 *   npx tsx bench/api-load.bench.ts [--listings 100000] [--decisions 10000]
 *     [--connections 20] [--duration 15] [--keep] [--reuse ipwatch_bench_<id>]
 *
 * The server is the one of DATABASE_URL (config/); the bench database is
 * created there and dropped at the end (unless --keep).
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../config/config.loader.js';
import { createDb } from '../store/database.js';
import { sampleListingIds, seededTotals } from '../store/load-history.repository.js';
import { dropDatabase, ensureDatabase, migrate } from '../store/migrate.js';
import { DEFAULT_SIZES, officerSessions, seedHistory } from './api-load.seed.js';

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const SIZES = { ...DEFAULT_SIZES, listings: arg('listings', DEFAULT_SIZES.listings), decisions: arg('decisions', DEFAULT_SIZES.decisions) };
const CONNECTIONS = arg('connections', 20);
const DURATION = arg('duration', 15);
const KEEP = process.argv.includes('--keep');
/** Reuse a database kept by an earlier run (--keep) instead of seeding a new one. */
const REUSE = (() => { const i = process.argv.indexOf('--reuse'); return i > 0 ? process.argv[i + 1] : undefined; })();

const QUEUE = ['/api/review/queue', '/api/review/queue?offset=50', '/api/review/queue?platform=demo-mall', '/api/review/queue?assetType=gi',
  '/api/review/queue?minScore=0.8', '/api/review/queue?offset=500', '/api/review/queue?assetId=TM-0003', '/api/review/queue?from=2026-01-01'];
const STATS = ['/api/stats?groupBy=platform', '/api/stats?groupBy=ipType,period&period=month', '/api/stats?groupBy=region',
  '/api/stats?groupBy=city&from=2026-01-01', '/api/stats?groupBy=none', '/api/stats?groupBy=platform,ipType&period=year'];

interface Scenario { name: string; paths: (listingIds: number[]) => string[] }
const SCENARIOS: Scenario[] = [
  { name: 'review queue', paths: () => QUEUE },
  { name: 'statistics', paths: () => STATS },
  // Twenty officers at work: mostly the queue and listings, now and then the statistics.
  { name: 'mixed reviewers', paths: (ids) => [...QUEUE, ...ids.slice(0, 6).map((id) => `/api/review/listings/${id}`), STATS[0], STATS[1]] },
];

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const config = loadConfig();
  const admin = new URL(config.databaseUrl);
  admin.pathname = '/postgres';
  const name = REUSE ?? `ipwatch_bench_${randomBytes(4).toString('hex')}`;
  if (!/^ipwatch_bench_[0-9a-f]+$/.test(name)) throw new Error(`--reuse takes a database made by this bench, not ${name}`);
  const url = new URL(config.databaseUrl);
  url.pathname = `/${name}`;

  let child: ReturnType<typeof fork> | undefined;
  if (!REUSE) {
    console.log(`database ${name}: migrating and seeding ${SIZES.listings} listings, ${SIZES.decisions} decisions, ${SIZES.noticeItems} notice items`);
    await ensureDatabase(admin.toString(), name);
  }
  try {
    const db = createDb(url.toString(), 4);
    const t0 = performance.now();
    if (!REUSE) await migrate(url.toString());
    const tokens = REUSE ? await officerSessions(db) : (await seedHistory(db, SIZES)).tokens;
    const counts = await seededTotals(db);
    const listingIds = await sampleListingIds(db, 10);
    await db.end();
    console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);

    child = fork(fileURLToPath(new URL('./api-load.server.ts', import.meta.url)), [url.toString(), '10'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const ask = <T>(cmd: string, key: string) => new Promise<T>((resolve) => {
      const on = (m: Record<string, unknown>) => { if (key in m) { child!.off('message', on); resolve(m[key] as T); } };
      child!.on('message', on);
      if (cmd) child!.send({ cmd });
    });
    const port = await ask<number>('', 'port');
    const base = `http://127.0.0.1:${port}`;
    const get = async (p: string) => {
      const s = performance.now();
      const r = await fetch(base + p, { headers: { authorization: `Bearer ${tokens[0]}` } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${p}: ${r.status}`);
      return performance.now() - s;
    };

    console.log('\nsingle requests, nothing cached (ms):');
    for (const p of [...QUEUE.slice(0, 3), ...STATS]) console.log(`  ${(await get(p)).toFixed(0).padStart(6)}  ${p}`);
    console.log(`  idle API memory: ${mb((await ask<{ rss: number }>('memory', 'memory')).rss)} RSS`);
    console.log(`  machine load average (1 min): ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);

    const results = [];
    for (const sc of SCENARIOS) {
      const paths = sc.paths(listingIds);
      let nextConn = 0;
      const r = await autocannon({
        url: base, connections: CONNECTIONS, duration: DURATION,
        requests: [{
          setupRequest: (req: Record<string, unknown>, ctx: Record<string, number>) => {
            ctx.conn ??= nextConn++;
            ctx.n = (ctx.n ?? ctx.conn * 3) + 1;
            return { ...req, path: paths[ctx.n % paths.length], headers: { ...(req.headers as object), authorization: `Bearer ${tokens[ctx.conn % tokens.length]}` } };
          },
        }],
      } as autocannon.Options);
      const mem = await ask<{ peakRss: number; peakHeap: number; cpuMs: number }>('memory', 'memory');
      results.push({
        scenario: sc.name, connections: CONNECTIONS, seconds: DURATION, 'req/s': Math.round(r.requests.average), requests: r.requests.total,
        'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99, 'max ms': r.latency.max, non2xx: r.non2xx, errors: r.errors + r.timeouts,
        'peak RSS': mb(mem.peakRss), 'peak heap': mb(mem.peakHeap), 'API CPU ms/req': +(mem.cpuMs / Math.max(1, r.requests.total)).toFixed(1),
        // The machine is shared: the 1-minute load average at the end of each scenario says how shared.
        'load 1m': +loadavg()[0].toFixed(1),
      });
      console.log(`\n${sc.name}: ${JSON.stringify(results.at(-1))}`);
    }
    console.log('\n');
    console.table(results);
    const over = results.filter((r) => r.scenario !== 'mixed reviewers' && r['p99 ms'] >= 200);
    console.log(over.length ? `target missed (p99 >= 200 ms): ${over.map((r) => r.scenario).join(', ')}` : 'target met: p99 < 200 ms for the review queue and the statistics');
    child.send({ cmd: 'stop' });
  } finally {
    if (child && child.exitCode === null) await new Promise((r) => { child!.once('exit', r); setTimeout(() => { child!.kill(); r(undefined); }, 3000); });
    if (!KEEP && !REUSE) {
      await dropDatabase(admin.toString(), name);
    } else console.log(`kept database ${name}`);
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
