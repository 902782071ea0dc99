/**
 * A ready-to-scan system in one process: database migrated, register imported,
 * platforms synced, workers running. Used by the demo command and the
 * end-to-end tests; production runs `migrate`, `import-registry` and `worker` instead.
 */
import { registerSchema } from '../kinds/kind.registry.js';
import path from 'node:path';
import type { AppConfig } from '../config/config.schema.js';
import { loadRegistryFile } from '../detector/registry.loader.js';
import type { Workers } from '../queue/worker.js';
import { syncPlatforms } from '../store/platform.repository.js';
import { importRegistry } from '../store/registry.repository.js';
import { createContainer, type Container } from './container.js';
import type { Logger } from './logger.js';
import { startPipelineWorkers } from './pipeline.wiring.js';
import type { RunTrigger } from '../queue/jobs.js';
import { startRun, waitForRun, type RunRequest, type WatchOptions } from './run.starter.js';

export interface ScanSession {
  c: Container;
  /** In-process workers; absent when the session was opened with `workers: false` (workers run elsewhere). */
  workers?: Workers;
  /** Runs a scan of these platforms (default all enabled, or the campaign's) and waits for it to finish. */
  scan(platforms?: string[], onProgress?: (line: string) => void, opts?: Omit<StartAndWaitOptions, 'onProgress'>): Promise<number>;
  close(): Promise<void>;
}

export async function openScanSession(config: AppConfig, opts: { logger?: Logger; resetQueues?: boolean; workers?: boolean } = {}): Promise<ScanSession> {
  const c = createContainer(config, { logger: opts.logger });
  const registry = await loadRegistryFile(path.resolve(config.rootDir, config.registryPath), registerSchema());
  await importRegistry(c.db, registry);
  await syncPlatforms(c.db, config.platforms);
  if (opts.resetQueues) await c.queues.obliterate();
  const workers = opts.workers === false ? undefined : startPipelineWorkers(c);
  return {
    c, workers,
    scan: (platforms = [], onProgress, more = {}) => startAndWait(c, platforms, 'demo', { ...more, onProgress }),
    async close() {
      await workers?.close();
      await c.close();
    },
  };
}

/** Extra choices of a run started by startAndWait. */
export interface StartAndWaitOptions extends Omit<RunRequest, 'platforms' | 'trigger'> {
  wait?: boolean;
  onProgress?: (line: string) => void;
  /** Told once when a queue has no worker (the run is failed after `watch.noWorkerGraceMs`). */
  onNoWorker?: (queues: string[]) => void;
  watch?: Pick<WatchOptions, 'noWorkerGraceMs' | 'intervalMs' | 'onProgress'>;
}

/** Enqueues a run and (unless told not to) waits for the workers to finish it. */
export async function startAndWait(c: Container, platforms: string[], trigger: RunTrigger, opts: StartAndWaitOptions = {}): Promise<number> {
  const { wait, onProgress, onNoWorker, watch, ...req } = opts;
  const { runId } = await startRun(c, { ...req, platforms, trigger });
  if (wait === false) return runId;
  let last = '';
  let printedAt = 0;
  await waitForRun(c, runId, {
    ...watch, onNoWorker,
    onProgress: (p) => {
      watch?.onProgress?.(p);
      const line = `run ${runId}: search pages ${p.searchDone + p.searchFailed}/${p.searchDone + p.searchFailed + p.searchQueued}, listings detected ${p.detected}, gone ${p.gone}, failed ${p.failed}, queued ${p.listingsQueued + p.captured}`;
      const started = p.searchDone + p.searchFailed + p.searchQueued + p.listingsQueued > 0;
      if (started && line !== last && onProgress && Date.now() - printedAt >= 5000) { onProgress(line); printedAt = Date.now(); last = line; }
    },
  });
  return runId;
}
