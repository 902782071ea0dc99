/**
 * What a process checks before it takes work, beyond reaching its services:
 * that Redis will not evict queue keys under memory pressure (BullMQ needs
 * `maxmemory-policy noeviction`: an evicted job is a lost listing), and that
 * the database schema is the one this code was written for (a worker of an
 * older or newer release would write rows the other cannot read); that the
 * evidence store can be written (a capture whose evidence cannot be kept is
 * lost work), and that Chromium is where `browser.executablePath` says for
 * a worker whose queues drive it (search, listing, evidence). Each failure
 * says what to do.
 */
import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { QueueName } from '../queue/jobs.js';
import type { Db } from '../store/database.js';
import { CORE_MIGRATIONS, schemaDrift, type MigrationSet } from '../store/migrate.js';

/** A start-up check failed; the message says what to change. */
export class StartupCheckError extends Error {
  constructor(message: string) { super(message); this.name = 'StartupCheckError'; }
}

/** Redis may evict keys; `policy` is its maxmemory-policy. */
export class EvictionError extends StartupCheckError {
  constructor(readonly policy: string, message: string) { super(message); }
}

/** Refuses a Redis that may evict keys. Reads INFO (allowed where CONFIG is disabled, as on managed Redis). */
export async function checkRedisEviction(redis: Redis): Promise<void> {
  const info = await redis.info('memory');
  const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
  if (policy && policy !== 'noeviction') {
    throw new EvictionError(policy, `Redis maxmemory-policy is ${policy}; the queues need noeviction, or jobs are lost under memory pressure (set maxmemory-policy noeviction in redis.conf or with CONFIG SET)`);
  }
}

/** Refuses a database whose schema is behind or ahead of this code (core and plug-in kinds' migrations). */
export async function checkSchema(db: Db, sets: readonly MigrationSet[] = []): Promise<void> {
  for (const set of [CORE_MIGRATIONS, ...sets]) {
    const { missing, unknown } = await schemaDrift(db, set);
    if (missing.length) {
      throw new StartupCheckError(`the database schema is behind this code: ${missing.length} migration(s) not applied (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}); run \`migrate\` first`);
    }
    if (unknown.length) {
      throw new StartupCheckError(`the database schema is newer than this code (applied: ${unknown.slice(0, 3).join(', ')}); run the release that migrated it`);
    }
  }
}

/** Refuses an evidence store that cannot be created or written: a probe file is written under `root` and removed. */
export async function checkEvidenceStore(root: string): Promise<void> {
  const probe = path.join(root, `.write-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(root, { recursive: true });
    await writeFile(probe, 'ok', { flag: 'wx' });
  } catch (err) {
    throw Object.assign(new StartupCheckError(`the evidence store ${root} is not writable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); set evidenceDir (IPWATCH_EVIDENCE_DIR) to a directory this user may write`), { code: (err as NodeJS.ErrnoException).code });
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}

/** The queues whose workers start Chromium (browser-mode crawling, drawing stored pages for evidence). */
export const CHROMIUM_QUEUES: readonly QueueName[] = [QueueName.Search, QueueName.Listing, QueueName.Evidence];

/** Refuses a worker for a Chromium queue (all queues when `queues` is undefined) when `executablePath` is not an executable file. */
export async function checkChromium(executablePath: string, queues?: readonly QueueName[]): Promise<void> {
  const needing = (queues ?? Object.values(QueueName)).filter((q) => CHROMIUM_QUEUES.includes(q));
  if (!needing.length) return;
  const why = await stat(executablePath).then(
    (s) => (s.isFile() ? access(executablePath, constants.X_OK).then(() => undefined, () => 'is not executable') : 'is not a file'),
    () => 'does not exist',
  );
  if (why) throw new StartupCheckError(`Chromium at browser.executablePath ${executablePath} ${why}; the ${needing.join(', ')} queue(s) need it (install chromium-headless-shell, or set browser.executablePath)`);
}
