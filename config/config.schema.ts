/**
 * The whole configuration, parsed once at start from `config/ipwatch.json`
 * (or the file named by IPWATCH_CONFIG) plus a few environment overrides,
 * validated here, frozen, and passed in to every part. Unknown keys are errors.
 */
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import type { PlatformConfig } from './platform.schema.js';

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
  /** Prefix of every BullMQ key, so several deployments can share one Redis. */
  queuePrefix: z.string().regex(/^[a-zA-Z0-9_-]+$/).default('ipwatch'),
  /** Root of the content-addressed evidence store (relative to the project root). */
  evidenceDir: z.string().min(1).default('var/evidence'),
  /** The register of rights to import and search for. */
  registryPath: z.string().min(1).default('demo/registry.json'),
  platformsDir: z.string().min(1).default('config/platforms'),
  /** Overrides of platform base URLs by id (the demo marketplace's port, a staging mirror). */
  platformBaseUrls: z.record(z.string(), z.string().url()).default({}),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  browser: z.object({
    executablePath: z.string().default('/usr/bin/chromium'),
    /** Pages kept open per worker process and reused. */
    pages: z.number().int().min(1).max(32).default(4),
    /** Resolve only localhost/127.0.0.1 (offline machines, the demo). Must be false for real platforms. */
    offlineHostRules: z.boolean().default(false),
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
    searchConcurrency: z.number().int().min(1).max(64).default(2),
    listingConcurrency: z.number().int().min(1).max(64).default(4),
    detectConcurrency: z.number().int().min(1).max(256).default(8),
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
  }).strict().prefault({}),
  /** Detector thresholds and weights; see detector/detector.config.ts for every key and its default. */
  detector: z.record(z.string(), z.unknown()).default({}),
  api: z.object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8600),
    /** Public base URL printed in notices and the demo output. */
    publicUrl: z.string().url().optional(),
  }).strict().prefault({}),
  takedown: z.object({
    /** Days a platform has to act on a notice before it is overdue. */
    deadlineDays: z.number().int().min(1).max(90).default(7),
    /** Who sends notices. */
    sender: z.string().default('福州市市场监督管理局'),
  }).strict().prefault({}),
  schedules: z.array(scheduleSchema).default([]),
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
