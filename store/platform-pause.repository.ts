/** Platforms paused by their circuit breaker, for the officer's page. */
import type { Queryable } from './database.js';

export interface PlatformPause { platform: string; reason: string; pausedAt: Date; until: Date }

export async function recordPlatformPause(db: Queryable, p: { platform: string; reason: string; until: Date }): Promise<void> {
  await db.query('INSERT INTO platform_pauses (platform, reason, until) VALUES ($1, $2, $3)', [p.platform, p.reason, p.until]);
}

/** Pauses still in force (latest per platform). */
export async function activePlatformPauses(db: Queryable, now = new Date()): Promise<PlatformPause[]> {
  const { rows } = await db.query<PlatformPause>(
    `SELECT DISTINCT ON (platform) platform, reason, paused_at AS "pausedAt", until
     FROM platform_pauses WHERE until > $1 ORDER BY platform, until DESC`, [now]);
  return rows;
}
