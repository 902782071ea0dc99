/**
 * A whole system for end-to-end tests: the demo marketplace on port 0, a
 * fresh database, a unique queue prefix, real Chromium, real workers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openScanSession, type ScanSession } from '../../app/scan.session.js';
import { createLogger } from '../../app/logger.js';
import { loadConfig } from '../../config/config.loader.js';
import type { AppConfig } from '../../config/config.schema.js';
import { startMarketplace } from '../../demo/marketplace/marketplace.server.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface Harness {
  config: AppConfig;
  session: ScanSession;
  market: Awaited<ReturnType<typeof startMarketplace>>;
  database: TestDatabase;
  /** The config values the harness set over config/ipwatch.json (to hand to worker processes). */
  overrides: Record<string, unknown>;
  close(): Promise<void>;
}

export async function startHarness(opts: { size?: number; seed?: number; latencyMs?: number; overrides?: Record<string, unknown>; workers?: boolean; imageFamilies?: number } = {}): Promise<Harness> {
  const market = await startMarketplace({ seed: opts.seed ?? 42, size: opts.size ?? 60, host: '127.0.0.1', port: 0, latencyMs: opts.latencyMs, imageFamilies: opts.imageFamilies });
  const database = await createTestDatabase();
  const evidenceDir = mkdtempSync(path.join(tmpdir(), 'ipwatch-ev-'));
  const overrides = {
      databaseUrl: database.url,
      queuePrefix: `t-${randomBytes(4).toString('hex')}`,
      evidenceDir,
      logLevel: 'warn',
      platformBaseUrls: { 'demo-mall': market.url, 'demo-shop': market.url, 'demo-mobile': market.url },
      browser: { offlineHostRules: true, pages: 3 },
      workers: { backoffMs: 50, lockDurationMs: 5000, stalledIntervalMs: 1000 },
      ...opts.overrides,
  };
  const config = loadConfig({ env: {}, overrides });
  const session = await openScanSession(config, { logger: createLogger('warn', 'test'), resetQueues: true, workers: opts.workers });
  return {
    config, session, market, database, overrides,
    async close() {
      await session.c.queues.obliterate().catch(() => {});
      await session.close();
      await market.close();
      await database.drop();
      rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}
