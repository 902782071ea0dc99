/**
 * The one place side effects are built: Postgres, Redis, the evidence store,
 * the browser, the crawler, the detector. Everything else receives them.
 */
import sharp from 'sharp';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.schema.js';
import type { PlatformConfig } from '../config/platform.schema.js';
import { BrowserPool } from '../crawler/browser.pool.js';
import { UnknownPlatformError } from '../crawler/errors.js';
import { createEvidenceStore, type EvidenceStore } from '../store/evidence.store.js';
import { HostLimiter } from '../crawler/host.limiter.js';
import { HttpFetcher } from '../crawler/http.fetcher.js';
import { PlatformCrawler } from '../crawler/platform.crawler.js';
import { SessionPool } from '../crawler/session.pool.js';
import type { DetectorConfig } from '../detector/detector.config.js';
import { ImageTextCache } from '../ocr/image-text.cache.js';
import { OcrPool } from '../ocr/ocr.pool.js';
import { Queues, createRedis } from '../queue/queues.js';
import { createDb, type Db } from '../store/database.js';
import { recordPlatformPause } from '../store/platform-pause.repository.js';
import { installIdentity } from '../store/install.repository.js';
import { DetectorProvider } from './detector.provider.js';
import { createLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.registry.js';

export interface Container {
  config: AppConfig;
  logger: Logger;
  db: Db;
  evidence: EvidenceStore;
  redis: Redis;
  queues: Queues;
  /** This install's identity (its database's, migration 0016), read once; stamped on every job. */
  install(): Promise<string>;
  browser: BrowserPool;
  crawler: PlatformCrawler;
  detectors: DetectorProvider;
  /** Text in images: a tesseract.js pool sized to the machine behind a cache keyed by image SHA-256 (undefined when OCR is off). */
  ocr?: ImageTextCache;
  /** Prometheus metrics of this process (see app/metrics.registry.ts); the shared gauges only where exportClusterGauges() was called. */
  metrics: Metrics;
  /** The enabled platform with this id; throws UnknownPlatformError. */
  platform(id: string): PlatformConfig;
  close(): Promise<void>;
}

export function createContainer(config: AppConfig, opts: { logger?: Logger } = {}): Container {
  const logger = opts.logger ?? createLogger(config.logLevel);
  // libvips' operation cache pays off for repeated inputs; listing images are new each time, and
  // keeping it costs about 1 ms of CPU per decode (15%) and memory.
  sharp.cache(false);
  const db = createDb(config.databaseUrl, {
    max: config.database.poolSize, statementTimeoutMs: config.database.statementTimeoutMs,
    lockTimeoutMs: config.database.lockTimeoutMs, idleInTransactionTimeoutMs: config.database.idleInTransactionTimeoutMs,
  });
  const evidenceDir = path.resolve(config.rootDir, config.evidenceDir);
  const evidence = createEvidenceStore(evidenceDir);
  const redis = createRedis(config.redisUrl);
  let identity: Promise<string> | undefined;
  // Read once; a failed read (database not migrated yet) is tried again next time.
  const install = () => (identity ??= installIdentity(db).catch((err) => { identity = undefined; throw err; }));
  const queues = new Queues(redis, { prefix: config.queuePrefix, attempts: config.workers.attempts, backoffMs: config.workers.backoffMs, install });
  const metrics = new Metrics({ db, queues, evidenceDir });
  const browser = new BrowserPool({
    requests: metrics.requestCounter,
    executablePath: config.browser.executablePath, pages: config.browser.pages, offlineHostRules: config.browser.offlineHostRules,
    sandbox: config.browser.sandbox,
    onSandbox: (d) => (d.sandbox ? logger.info({ sandbox: true }, 'Chromium sandboxed') : logger.warn({ sandbox: false, reason: d.reason }, 'Chromium runs without its sandbox')),
    userAgent: config.browser.userAgent, viewport: config.browser.viewport,
  });
  const limiter = new HostLimiter();
  const http = new HttpFetcher({ limiter, userAgent: config.browser.userAgent, requests: metrics.requestCounter });
  const crawler = new PlatformCrawler({
    http, browser, limiter, downloadImages: config.crawler.downloadImages, sessions: new SessionPool(config.rootDir),
    onPlatformPaused: (platform, ms, reason) => {
      logger.warn({ platform, pausedForMs: ms, reason }, 'platform paused');
      // Recorded so the officer's page shows it (GET /api/scan-runs → pauses).
      void recordPlatformPause(db, { platform, reason, until: new Date(Date.now() + ms) }).catch((err) => logger.error({ err: (err as Error).message }, 'pause not recorded'));
    },
  });
  const detectors = new DetectorProvider(db, config.detector as Partial<DetectorConfig>, {
    logosDir: path.dirname(path.resolve(config.rootDir, config.registryPath)), images: config.images.enabled, logger,
  });
  const ocrPool = config.ocr.enabled ? new OcrPool({ tessdataDir: path.resolve(config.rootDir, config.ocr.tessdataDir), size: config.ocr.poolSize }) : undefined;
  const ocr = ocrPool ? new ImageTextCache({ db, reader: ocrPool }) : undefined;
  const platforms = new Map(config.platforms.filter((p) => p.enabled).map((p) => [p.id, p]));
  return {
    config, logger, db, evidence, redis, queues, install, browser, crawler, detectors, ocr, metrics,
    platform(id) {
      const p = platforms.get(id);
      if (!p) throw new UnknownPlatformError(id);
      return p;
    },
    async close() {
      await queues.close().catch(() => {});
      await browser.close().catch(() => {});
      await ocrPool?.close();
      redis.disconnect();
      await db.end().catch(() => {});
    },
  };
}
