/** scan, worker and schedule commands. */
import { createContainer } from '../app/container.js';
import { startAndWait } from '../app/scan.session.js';
import { startPipelineWorkers } from '../app/pipeline.wiring.js';
import { loadConfig } from '../config/config.loader.js';
import { JobName, QueueName } from '../queue/jobs.js';
import { getRun } from '../store/scan-run.repository.js';

export async function scanCommand(file: string | undefined, o: { platform?: string[]; wait: boolean }): Promise<void> {
  const c = createContainer(loadConfig({ file }));
  try {
    const runId = await startAndWait(c, o.platform ?? [], 'manual', { wait: o.wait, onProgress: (l) => console.log(l) });
    const run = await getRun(c.db, runId);
    console.log(o.wait ? `run ${runId} ${run?.status}: ${JSON.stringify(run?.stats)}` : `run ${runId} queued`);
  } finally {
    await c.close();
  }
}

export async function workerCommand(file: string | undefined, o: { queues?: string[] }): Promise<void> {
  const c = createContainer(loadConfig({ file }));
  const known = Object.values(QueueName) as string[];
  const bad = (o.queues ?? []).filter((q) => !known.includes(q));
  if (bad.length) throw new Error(`unknown queue(s): ${bad.join(', ')} (known: ${known.join(', ')})`);
  const w = startPipelineWorkers(c, { queues: o.queues as QueueName[] | undefined });
  c.logger.info({ queues: o.queues ?? known }, 'workers started');
  const stop = async () => {
    c.logger.info('stopping workers (finishing active jobs)');
    await w.close();
    await c.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

export async function scheduleCommand(file: string | undefined): Promise<void> {
  const c = createContainer(loadConfig({ file }));
  try {
    const q = c.queues.byName[QueueName.Scan];
    const wanted = new Set(c.config.schedules.map((s) => s.name));
    for (const s of c.config.schedules) {
      await q.upsertJobScheduler(`schedule-${s.name}`, { pattern: s.cron, tz: s.timezone }, {
        name: JobName.StartScan, data: { platforms: s.platforms, trigger: 'schedule', schedule: s.name },
      });
      console.log(`schedule ${s.name}: ${s.cron} (${s.timezone}) -> ${s.platforms.join(', ')}`);
    }
    for (const js of await q.getJobSchedulers()) {
      if (js.key.startsWith('schedule-') && !wanted.has(js.key.slice('schedule-'.length))) {
        await q.removeJobScheduler(js.key);
        console.log(`removed schedule ${js.key}`);
      }
    }
  } finally {
    await c.close();
  }
}
