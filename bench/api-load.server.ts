/**
 * The API under load, in its own process so its memory and event loop are
 * measured apart from the load generator. Started by api-load.bench.ts with
 * the database URL; reports its port, then its memory on request.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../api/app.js';
import { configSchema, type AppConfig } from '../config/config.schema.js';
import { createEvidenceStore } from '../store/evidence.store.js';
import { createDb } from '../store/database.js';

const databaseUrl = process.argv[2];
const poolSize = Number(process.argv[3] ?? 10);
const config = Object.freeze({
  ...configSchema.parse({ databaseUrl, redisUrl: 'redis://127.0.0.1:6379', api: { host: '127.0.0.1', port: 0 } }),
  rootDir: process.cwd(), platforms: [],
}) as AppConfig;
const db = createDb(databaseUrl, poolSize);
const app = await buildApp({ db, config, evidence: createEvidenceStore(await mkdtemp(path.join(tmpdir(), 'ipwatch-bench-'))), logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });

let peakRss = 0;
let lastCpu = process.cpuUsage();
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
setInterval(sample, 100).unref();

process.on('message', async (msg: { cmd: string }) => {
  if (msg.cmd === 'memory') {
    sample();
    const cpu = process.cpuUsage(lastCpu);
    lastCpu = process.cpuUsage();
    process.send!({ memory: { rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed, peakRss, peakHeap, cpuMs: (cpu.user + cpu.system) / 1000 } });
    peakRss = 0;
    peakHeap = 0;
  } else if (msg.cmd === 'stop') {
    await app.close();
    await db.end();
    process.exit(0);
  }
});
const address = app.server.address();
process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
