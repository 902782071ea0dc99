/**
 * Issue 23 (operations): metrics per platform, queue wait and job age, disk
 * free, and the shared gauges exported by one process only. Real Redis and
 * Postgres, prom-client's real registry, real HTTP fetches against a local
 * marketplace answering 200, 404, 403 (a block status), a login redirect and
 * 429, a real BullMQ job through a real worker.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { registerClusterGauges } from '../../app/cluster.gauges.js';
import { createContainer, type Container } from '../../app/container.js';
import { crawlPort } from '../../app/crawl.port.js';
import { createLogger } from '../../app/logger.js';
import { createOperations } from '../../app/operations.js';
import { startPipelineWorkers } from '../../app/pipeline.wiring.js';
import { startRun } from '../../app/run.starter.js';
import { loadConfig } from '../../config/config.loader.js';
import { QueueName } from '../../queue/jobs.js';
import { syncPlatforms } from '../../store/platform.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { until } from '../support/wait.js';

let server: Server;
let base: string;
let database: TestDatabase;
let evidenceDir: string;
let platformsDir: string;
const hits = new Map<string, number>();
const containers: Container[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const key = u.pathname.startsWith('/mall/search') ? `q=${u.searchParams.get('q')}` : u.pathname.startsWith('/shop/search') ? `shop q=${u.searchParams.get('q')}` : u.pathname;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    if (key === 'q=down') { res.writeHead(502).end('bad gateway'); return; }
    if (key === 'q=reset') { req.socket.destroy(); return; }
    if (key === 'q=gone') { res.writeHead(404).end('no such page'); return; }
    if (key === 'shop q=blocked') { res.writeHead(403, { 'content-type': 'text/html' }).end('<html><body>forbidden</body></html>'); return; }
    if (key === 'q=blocked') { res.writeHead(403).end('forbidden'); return; }
    if (key === 'q=login') { res.writeHead(302, { location: '/member/login.jhtml?redirect=x' }).end(); return; }
    if (key === 'q=throttled') { res.writeHead(429, { 'retry-after': '1' }).end('slow down'); return; }
    if (u.pathname === '/robots.txt') { res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n'); return; }
    if (u.pathname.startsWith('/mall/item/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><h1 class="item-title">普洱茶 tea</h1><span class="item-price">12.00</span></body></html>');
      return;
    }
    if (key.startsWith('shop q=')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><ul><li class="goods-card"><a href="/shop/item/S1">t</a></li></ul></body></html>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><ul><li class="result-item"><a class="result-link" href="/mall/item/M1.html">t</a></li></ul></body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  database = await createTestDatabase();
  evidenceDir = mkdtempSync(path.join(tmpdir(), 'ipwatch-metrics-ev-'));
  // The demo mall, with a login page to be sent to (a block).
  platformsDir = mkdtempSync(path.join(tmpdir(), 'ipwatch-metrics-pl-'));
  const mall = JSON.parse(readFileSync('config/platforms/demo-mall.json', 'utf8'));
  writeFileSync(path.join(platformsDir, 'demo-mall.json'), JSON.stringify({ ...mall, block: { ...mall.block, loginUrls: ['/member/login'] } }));
  // The demo shop, crawled in Chromium (its requests go through the browser guard).
  writeFileSync(path.join(platformsDir, 'demo-shop.json'), readFileSync('config/platforms/demo-shop.json'));
});
afterAll(async () => {
  for (const c of containers) { await c.queues.obliterate().catch(() => {}); await c.close(); }
  await database.drop();
  rmSync(evidenceDir, { recursive: true, force: true });
  rmSync(platformsDir, { recursive: true, force: true });
  await new Promise<void>((r) => server.close(() => r()));
});

/** A process's container; processes of one deployment share the queue prefix. */
function container(queuePrefix = `t-${randomBytes(4).toString('hex')}`): Container {
  const config = loadConfig({
    env: {},
    overrides: {
      databaseUrl: database.url, queuePrefix, evidenceDir, logLevel: 'warn',
      platformsDir, platformBaseUrls: { 'demo-mall': base, 'demo-shop': base },
      browser: { offlineHostRules: true, pages: 1 }, crawler: { downloadImages: false },
    },
  });
  const c = createContainer(config, { logger: createLogger('warn', 'test') });
  containers.push(c);
  return c;
}

/** The value of one sample in an exposition text, undefined when absent. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of body.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean);
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

const SHARED = ['ipwatch_queue_jobs', 'ipwatch_queue_workers', 'ipwatch_queue_oldest_waiting_seconds', 'ipwatch_evidence_disk_free_bytes', 'ipwatch_runs', 'ipwatch_run_items_total', 'ipwatch_blocked_total'];

describe('metrics per platform', () => {
  it('counts the crawler\'s requests by platform and outcome, and captures and flags by platform', async () => {
    const c = container();
    const mall = c.platform('demo-mall');
    // The capture first: a block retires the platform's session.
    await c.metrics.countCaptures(crawlPort(c)).capture('demo-mall', 'M1');
    for (const q of ['ok', 'gone', 'down', 'reset', 'blocked', 'login', 'throttled']) await c.crawler.search(mall, q, 1).catch(() => undefined);
    const judge = c.metrics.countFlags({
      judge: async (captureId) => ({ verdict: { platform: captureId === 1 ? 'demo-mall' : 'other-mall', listingId: 'M1', suspect: captureId !== 3, score: 0.9, matches: [] }, version: 't' }),
    });
    for (const id of [1, 2, 3]) await judge.judge(id);

    const body = (await c.metrics.render()).body;
    expect([...hits.keys()].sort()).toEqual(['/mall/item/M1.html', '/robots.txt', 'q=blocked', 'q=down', 'q=gone', 'q=login', 'q=ok', 'q=reset', 'q=throttled']);
    const req = (outcome: string) => sample(body, 'ipwatch_requests_total', { platform: 'demo-mall', outcome });
    expect(hits.get('q=ok')).toBe(1);
    expect(req('2xx')).toBe(hits.get('q=ok')! + hits.get('/mall/item/M1.html')! + hits.get('/robots.txt')!);
    expect(req('4xx')).toBe(hits.get('q=gone'));
    expect(req('5xx')).toBe(hits.get('q=down'));
    // A connection dropped before any answer.
    expect(req('error')).toBe(hits.get('q=reset'));
    // A block status and a redirect to the login page are blocks, not 4xx and 3xx.
    expect(req('blocked')).toBe(hits.get('q=blocked')! + hits.get('q=login')!);
    expect(req('3xx')).toBeUndefined();
    expect(req('429')).toBe(hits.get('q=throttled'));
    expect(req('429')).toBe(1);
    expect(sample(body, 'ipwatch_requests_total', { platform: 'other-mall' })).toBeUndefined();
    expect(sample(body, 'ipwatch_captures_total', { platform: 'demo-mall' })).toBe(1);
    expect(sample(body, 'ipwatch_flags_total', { platform: 'demo-mall' })).toBe(1);
    expect(sample(body, 'ipwatch_flags_total', { platform: 'other-mall' })).toBe(1);
  });

  it('counts a browser page\'s requests (through the guard) by platform and outcome', async () => {
    const c = container();
    const shop = c.platform('demo-shop');
    expect(shop.fetchMode).toBe('browser');
    const robots = hits.get('/robots.txt') ?? 0;
    await c.crawler.search(shop, 'ok', 1).catch(() => undefined);
    await c.crawler.search(shop, 'blocked', 1).catch(() => undefined);
    const body = (await c.metrics.render()).body;
    expect(hits.get('shop q=ok')).toBe(1);
    expect(hits.get('shop q=blocked')).toBeGreaterThan(0);
    expect(sample(body, 'ipwatch_requests_total', { platform: 'demo-shop', outcome: 'blocked' })).toBe(hits.get('shop q=blocked'));
    expect(sample(body, 'ipwatch_requests_total', { platform: 'demo-shop', outcome: '2xx' })).toBe(1 + (hits.get('/robots.txt') ?? 0) - robots);
  });

  it('observes a real job\'s queue wait (processedOn - timestamp) per queue, and the oldest waiting job\'s age', async () => {
    const c = container();
    const api = createOperations(container(c.config.queuePrefix));
    await syncPlatforms(c.db, c.config.platforms);
    const w = startPipelineWorkers(c, { queues: [QueueName.Scan] });
    try {
      const run = await startRun(c, { platforms: ['demo-mall'], keywords: ['ok'], trigger: 'manual' });
      const body = await until(async () => {
        const b = (await c.metrics.render()).body;
        return sample(b, 'ipwatch_queue_wait_seconds_count', { queue: 'scan' }) === 1 && b;
      }, { what: 'the scan job observed' });
      const [job] = await c.queues.byName[QueueName.Scan].getJobs(['completed', 'failed', 'active'], 0, -1);
      expect(job.data.runId).toBe(run.runId);
      expect(sample(body, 'ipwatch_queue_wait_seconds_sum', { queue: 'scan' })).toBeCloseTo((job.processedOn! - job.timestamp) / 1000, 6);
      expect(sample(body, 'ipwatch_queue_wait_seconds_count', { queue: 'search' })).toBeUndefined();

      // The scan job made search jobs nobody works on; the designated process (another container, another process's view) reports the oldest one's age.
      const waiting = await until(async () => (await c.queues.byName[QueueName.Search].getJobs(['wait'], 0, -1)).length > 0 && c.queues.byName[QueueName.Search].getJobs(['wait'], 0, -1), { what: 'search jobs waiting' });
      const oldest = Math.min(...waiting.map((j) => j.timestamp));
      const shared = (await api.metrics()).body;
      expect(sample(shared, 'ipwatch_queue_oldest_waiting_seconds', { queue: 'search' })).toBeGreaterThanOrEqual(0);
      // The age itself, read at a given time: 42 s after the oldest search job was added.
      const clocked = new Registry();
      registerClusterGauges(clocked, { db: c.db, queues: c.queues, evidenceDir }, () => oldest + 42_000);
      const ages = await clocked.getSingleMetricAsString('ipwatch_queue_oldest_waiting_seconds');
      expect(sample(ages, 'ipwatch_queue_oldest_waiting_seconds', { queue: 'search' })).toBe(42);
      expect(sample(ages, 'ipwatch_queue_oldest_waiting_seconds', { queue: 'detect' })).toBe(0);
      expect(sample(shared, 'ipwatch_queue_jobs', { queue: 'search', state: 'waiting' })).toBe(waiting.length);
    } finally {
      await w.close(1000);
    }
  });
});

describe('shared gauges exported once', () => {
  it('a worker process\'s registry has no shared gauges; the API\'s has them, with the evidence disk\'s free bytes', async () => {
    const worker = container();
    const w = startPipelineWorkers(worker, { queues: [QueueName.Scan] });
    try {
      const workerBody = (await worker.metrics.render()).body;
      expect(worker.metrics.exportsClusterGauges).toBe(false);
      for (const name of SHARED) expect(workerBody, name).not.toContain(`# TYPE ${name} `);
      // Its own counters are there (a sum over processes adds them up).
      expect(workerBody).toContain('# TYPE ipwatch_requests_total counter');
      expect(workerBody).toContain('# TYPE ipwatch_queue_wait_seconds histogram');

      const api = createOperations(container(worker.config.queuePrefix));
      const apiBody = (await api.metrics()).body;
      for (const name of SHARED) expect(apiBody, name).toContain(`# TYPE ${name} `);
      expect(sample(apiBody, 'ipwatch_evidence_disk_free_bytes')).toBeGreaterThan(0);
      expect(sample(apiBody, 'ipwatch_queue_workers', { queue: 'scan' })).toBe(1);
    } finally {
      await w.close(1000);
    }
  });
});
