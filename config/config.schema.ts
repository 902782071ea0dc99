/**
 * The whole configuration, parsed once at start from `config/ipwatch.json`
 * (or the file named by IPWATCH_CONFIG) plus a few environment overrides,
 * validated here, frozen, and passed in to every part. Unknown keys are errors.
 */
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { detectorConfigSchema } from '../detector/detector.config.js';

/**
 * Cores of this machine: the defaults of every pool (browser pages, workers
 * per queue) follow it, so a bigger machine does more without a config change.
 */
export const CORES = Math.max(1, availableParallelism());
import type { PlatformConfig } from './platform.schema.js';

/** Hosts only this machine can reach. */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** proxy-addr's named ranges, accepted by Fastify's trustProxy. */
const TRUST_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IPv4 / IPv6 address, or one with a `/prefix` in range. */
function isAddressOrCidr(s: string): boolean {
  const [addr, prefix, ...rest] = s.split('/');
  const v = isIP(addr);
  if (!v || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (v === 4 ? 32 : 128));
}

const scheduleSchema = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/),
  /** Five-field cron pattern, e.g. `0 2 * * *` for 02:00 every night. */
  cron: z.string().refine((c) => {
    try { CronExpressionParser.parse(c); return c.trim().split(/\s+/).length === 5; } catch { return false; }
  }, 'not a valid five-field cron pattern'),
  /** Platform ids to scan, or `*` for every enabled platform. */
  platforms: z.array(z.string()).min(1).default(['*']),
  timezone: z.string().default('Asia/Shanghai'),
}).strict();

export const configSchema = z.object({
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL'),
  redisUrl: z.string().regex(/^rediss?:\/\//, 'expected a redis:// URL'),
  /** The Postgres pool of each process and the limits the server enforces on its statements (store/database.ts). */
  database: z.object({
    poolSize: z.number().int().min(1).max(200).default(10),
    /** 0: no limit. Five minutes: the longest statement the pipeline and the API run is well under a minute. */
    statementTimeoutMs: z.number().int().min(0).default(300_000),
    lockTimeoutMs: z.number().int().min(0).default(30_000),
    idleInTransactionTimeoutMs: z.number().int().min(0).default(300_000),
  }).strict().default({ poolSize: 10, statementTimeoutMs: 300_000, lockTimeoutMs: 30_000, idleInTransactionTimeoutMs: 300_000 }),
  /** Prefix of every BullMQ key, so several deployments can share one Redis. */
  queuePrefix: z.string().regex(/^[a-zA-Z0-9_-]+$/).default('ipwatch'),
  /** Root of the content-addressed evidence store (relative to the project root). */
  evidenceDir: z.string().min(1).default('var/evidence'),
  /**
   * What `/api/health` and a worker's `/healthz` count as degraded (HTTP 503,
   * app/health.service.ts): less than `minDiskFreeMb` free where evidence is
   * stored, or a run `running` with no progress for `stuckRunMinutes`.
   */
  health: z.object({
    minDiskFreeMb: z.number().int().min(0).default(512),
    stuckRunMinutes: z.number().int().min(1).default(60),
  }).strict().default({ minDiskFreeMb: 512, stuckRunMinutes: 60 }),
  /** The register of rights to import and search for. */
  registryPath: z.string().min(1).default('demo/registry.json'),
  platformsDir: z.string().min(1).default('config/platforms'),
  /**
   * Plug-in kinds of right beyond the built-in three (app/kind.plugins.ts):
   * module paths relative to the project root, each exporting `kind` (a
   * kinds/kind.ts RightKind), with its migrations in `migrations/` beside it.
   */
  kindModules: z.array(z.string().min(1)).default([]),
  /** Overrides of platform base URLs by id (the demo marketplace's port, a staging mirror). */
  platformBaseUrls: z.record(z.string(), z.string().url()).default({}),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  browser: z.object({
    /**
     * Debian's Chromium (never one Playwright downloads). Default: the old
     * headless shell (apt chromium-headless-shell), which costs about half the
     * CPU of the full browser per page load (bench/chromium.bench.ts).
     */
    executablePath: z.string().default('/usr/bin/chromium-headless-shell'),
    /** Pages kept open per worker process and reused (default: cores + 2, so rendering keeps every core busy while pages wait on the network). */
    pages: z.number().int().min(1).max(32).default(CORES + 2),
    /** Resolve only localhost/127.0.0.1, for benchmarks that load pages without the guard (`chromiumArgs(…, 'open')`). No effect on the crawler's Chromium, whose own network is always closed (crawler/browser.pool.ts), so the bundled config leaves it off. */
    offlineHostRules: z.boolean().default(false),
    /** Chromium's own sandbox: `auto` runs it where the kernel allows (not as root; user namespaces allowed), `off` never. */
    sandbox: z.enum(['auto', 'off']).default('auto'),
    /** Default user agent of platforms that set none: a real browser's, never one announcing the crawler. */
    userAgent: z.string().default('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'),
    viewport: z.object({ width: z.number().int().default(1280), height: z.number().int().default(900) }).strict().default({ width: 1280, height: 900 }),
  }).strict().prefault({}),
  crawler: z.object({
    /** Result pages per keyword and platform (depth). */
    maxPagesPerKeyword: z.number().int().min(1).max(100).default(3),
    /** Download listing images as evidence. */
    downloadImages: z.boolean().default(true),
  }).strict().prefault({}),
  workers: z.object({
    searchConcurrency: z.number().int().min(1).max(64).default(CORES),
    /** Captures in flight per worker process (default: cores x 2; most of a capture is waiting on the network). */
    listingConcurrency: z.number().int().min(1).max(64).default(CORES * 2),
    detectConcurrency: z.number().int().min(1).max(256).default(CORES * 4),
    /**
     * Back-pressure: a search page waits while the listing queue holds more
     * than this many captures, so search cannot flood capture (and Redis)
     * on a big scan.
     */
    maxBacklog: z.number().int().min(10).default(2000),
    /** Screenshots drawn for flagged listings (each takes a browser page). */
    evidenceConcurrency: z.number().int().min(1).max(16).default(2),
    /** Attempts per job before it is marked failed (backoff is exponential). */
    attempts: z.number().int().min(1).max(20).default(4),
    backoffMs: z.number().int().min(10).default(1000),
    /** A job's lock; a worker that dies loses it after this long and the job is re-delivered. */
    lockDurationMs: z.number().int().min(1000).default(30_000),
    /** How often workers look for jobs whose worker died. */
    stalledIntervalMs: z.number().int().min(500).default(30_000),
  }).strict().prefault({}),
  ocr: z.object({
    /** Read text in listing images so a mark shown only in a picture is found (signal `ocr`). */
    enabled: z.boolean().default(true),
    /** Where the language data from @tesseract.js-data/* is gathered (relative to the project root). */
    tessdataDir: z.string().default('var/tessdata'),
    /** At most this many images per listing are read. */
    maxImagesPerListing: z.number().int().min(0).max(20).default(3),
    /** tesseract.js workers (default: the machine's cores, at most 4; each takes 100-170 MB). */
    poolSize: z.number().int().min(1).max(16).optional(),
  }).strict().prefault({}),
  images: z.object({
    /** Look for registered logos (signal `image`) and photos reused from confirmed counterfeits in listing images. */
    enabled: z.boolean().default(true),
    /**
     * When to read text in images (OCR) and match logos. `undecided` (default):
     * only for listings their text does not already make suspect beyond what an
     * image could undo (Detector.textDecides) — images can then only add matches,
     * and the flagged listing's images are kept as evidence all the same; every
     * photo is still hashed for the reuse check. `always`: for every listing, so
     * each verdict also lists the image matches of listings flagged on their text.
     */
    analyse: z.enum(['undecided', 'always']).default('undecided'),
  }).strict().prefault({}),
  /** Detector thresholds and weights, validated at load by the detector's own schema (detector/detector.config.ts). */
  detector: detectorConfigSchema.prefault({}),
  api: z.object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8600),
    /** Public base URL printed in notices and the demo output. */
    publicUrl: z.string().url().optional(),
    /**
     * Mark the session cookie `Secure` (sent over https only; browsers also accept it from
     * http://localhost). Turn off only for plain-http use on a local network (IPWATCH_COOKIE_SECURE=false).
     */
    cookieSecure: z.boolean().default(true),
    /**
     * Whose X-Forwarded-For to believe (Fastify's `trustProxy`), for the client address the login
     * limits and the audit log see: the reverse proxies' addresses or CIDR ranges, or proxy-addr's
     * named ranges (`loopback`, `linklocal`, `uniquelocal`: 10/8, 172.16/12, 192.168/16, fc00::/7).
     * Unset (false): the connection's address, so a header sent straight to the API cannot fake it.
     * Neither `true` (every sender trusted) nor a hop count (Fastify 5 ignores hop counts, failing
     * closed, since they cannot tell the proxy from a direct client): both would be spoofable or unread.
     */
    trustProxy: z.union([
      z.literal(false),
      z.array(z.string().refine((s) => TRUST_NAMES.has(s) || isAddressOrCidr(s), 'expected an IP address, a CIDR range (10.0.0.0/8, fd00::/8), loopback, linklocal or uniquelocal')).min(1),
    ], { error: 'expected false or a list of proxy addresses / CIDR ranges (not true, not a hop count: both are spoofable)' }).default(false),
    /** Limits on POST /api/auth/login, checked before any password is hashed. */
    login: z.object({
      /** Attempts per client address per window (429 beyond). */
      perAddressMax: z.number().int().min(1).default(20),
      perAddressWindowMs: z.number().int().min(1000).default(60_000),
      /** Failed attempts per username and client address per window (a right password clears them; another address is not affected). */
      perAccountMax: z.number().int().min(1).default(10),
      perAccountWindowMs: z.number().int().min(1000).default(15 * 60_000),
    }).strict().prefault({}),
    /**
     * The API process's Prometheus metrics for the scraper: a listener of their own (api/metrics.server.ts),
     * off unless `port` is set. On the API port `/metrics` is for admins only. Off loopback the listener
     * needs `tokenFile`: a file holding the bearer token the scraper sends (Prometheus
     * `authorization: { credentials_file: … }`), at least 16 characters.
     */
    metrics: z.object({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).optional(),
      tokenFile: z.string().min(1).optional(),
    }).strict().prefault({})
      .refine((m) => m.port === undefined || m.tokenFile !== undefined || LOOPBACK.has(m.host), {
        message: 'a metrics listener off loopback needs api.metrics.tokenFile (a bearer token for the scraper)', path: ['tokenFile'],
      }),
  }).strict().prefault({}),
  takedown: z.object({
    /** Days a platform has to act on a notice before it is overdue. */
    deadlineDays: z.number().int().min(1).max(90).default(7),
    /** Who sends notices. */
    sender: z.string().default('福州市市场监督管理局'),
    /** Prefix of notices' document numbers: <prefix>〔<year>〕第0001号. */
    docPrefix: z.string().min(1).max(40).default('闽榕市监知通'),
    /** Contact printed on notices (person, telephone, address). */
    contact: z.string().max(500).default('联系人：知识产权科　电话：0591-00000000'),
  }).strict().prefault({}),
  schedules: z.array(scheduleSchema).default([]),
  /**
   * Retention of per-run rows (store/run-retention.repository.ts): a run's
   * scan_run_listings rows are dropped, a partition at a time, once every run
   * of the partition started more than `runDays` days ago and no open notice
   * or case needs them; a daily job (`cron` in `timezone`) does it, or `ipwatch prune`.
   */
  retention: z.object({
    runDays: z.number().int().min(1).default(180),
    /** Run ids per partition of scan_run_listings (partitions made from now on; migration 0017 used 100). */
    runsPerPartition: z.number().int().min(1).max(1_000_000).default(100),
    cron: z.string().default('30 3 * * *'),
    timezone: z.string().default('Asia/Shanghai'),
  }).strict().prefault({}),
  demo: z.object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8601),
    seed: z.number().int().default(42),
    size: z.number().int().min(10).max(20_000).default(300),
  }).strict().prefault({}),
}).strict();

export type AppConfigInput = z.input<typeof configSchema>;
export type ScheduleConfig = z.infer<typeof scheduleSchema>;

/** The validated, frozen configuration every part receives. */
export type AppConfig = Readonly<z.infer<typeof configSchema> & {
  /** Absolute project root; relative paths in the config are resolved against it. */
  rootDir: string;
  /** Every platform file, validated, with base URL overrides applied. */
  platforms: ReadonlyArray<PlatformConfig>;
}>;
