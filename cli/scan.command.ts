/** `worker` (with graceful stop, its own /metrics and /healthz) and `schedule` (the config's schedules). */
import { startMetricsServer } from '../api/metrics.server.js';
import { workerHealth } from '../app/health.service.js';
import { startWorkerService } from '../app/pipeline.wiring.js';
import { JobName, QueueName } from '../queue/jobs.js';
import { DEFAULT_CLOSE_TIMEOUT_MS } from '../queue/worker.js';
import { UsageError, openContainer, withContainer } from './cli.context.js';

export async function workerCommand(file: string | undefined, o: { queues?: string[]; metricsPort?: number; closeTimeout?: number; clusterGauges?: boolean }): Promise<void> {
  const known = Object.values(QueueName) as string[];
  const bad = (o.queues ?? []).filter((q) => !known.includes(q));
  if (bad.length) throw new UsageError(`unknown queue ${bad.join(', ')}; valid: ${known.join(', ')}`);
  const queues = o.queues?.length ? (o.queues as QueueName[]) : undefined;
  const c = await openContainer(file, { evidence: true, workerQueues: queues ?? 'all' });
  // Only for a deployment without the API process, which otherwise exports them (README, operations: metrics).
  if (o.clusterGauges) c.metrics.exportClusterGauges();
  const w = await startWorkerService(c, { queues });
  // On api.metrics.host (default 127.0.0.1), with its bearer token when api.metrics.tokenFile is set (api/metrics.server.ts);
  // /healthz beside it answers 503 when this worker's Postgres or Redis is unreachable or a queue worker closed.
  const metrics = await startMetricsServer(c.config, () => c.metrics.render(), o.metricsPort, () => workerHealth(c, w.workers));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timeoutMs = (o.closeTimeout ?? DEFAULT_CLOSE_TIMEOUT_MS / 1000) * 1000;
    c.logger.info({ signal, timeoutMs }, 'stopping workers: active jobs finish or are handed back');
    const { handedBack } = await w.close(timeoutMs);
    await metrics?.close();
    await c.close();
    c.logger.info({ handedBack }, 'workers stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

export async function scheduleCommand(file: string | undefined): Promise<void> {
  await withContainer(file, {}, async (c) => {
    const q = c.queues.byName[QueueName.Scan];
    const wanted = new Set(c.config.schedules.map((s) => s.name));
    for (const s of c.config.schedules) {
      await q.upsertJobScheduler(`schedule-${s.name}`, { pattern: s.cron, tz: s.timezone }, {
        name: JobName.StartScan, data: await c.queues.stamp({ platforms: s.platforms, trigger: 'schedule' as const, schedule: s.name }),
      });
      console.log(`schedule ${s.name}: ${s.cron} (${s.timezone}) -> ${s.platforms.join(', ')}`);
    }
    for (const js of await q.getJobSchedulers()) {
      if (js.key.startsWith('schedule-') && !wanted.has(js.key.slice('schedule-'.length))) {
        await q.removeJobScheduler(js.key);
        console.log(`removed schedule ${js.key}`);
      }
    }
  });
}
