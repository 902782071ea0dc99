/**
 * A realistic enforcement history for the API load bench (the SQL is in
 * store/load-history.repository.ts), and officer sessions (tokens returned,
 * so no login is needed to start).
 */
import { randomBytes } from 'node:crypto';
import { hashPassword, hashToken } from '../enforcement/account.service.js';
import { insertSession } from '../store/account.repository.js';
import type { Db } from '../store/database.js';
import { officerIds, seedLoadHistory, type SeedSizes } from '../store/load-history.repository.js';

export type { SeedSizes };

export const DEFAULT_SIZES: SeedSizes = { listings: 100_000, decisions: 10_000, noticeItems: 4_000, officers: 20 };

export async function seedHistory(db: Db, sizes: SeedSizes = DEFAULT_SIZES): Promise<{ tokens: string[] }> {
  await seedLoadHistory(db, sizes, await hashPassword(randomBytes(12).toString('hex')));
  return { tokens: await officerSessions(db) };
}

/** A new session for each officer of a seeded database (valid for a day); returns the tokens. */
export async function officerSessions(db: Db): Promise<string[]> {
  const tokens: string[] = [];
  for (const id of await officerIds(db)) {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await insertSession(db, hashToken(token), id, now, new Date(now.getTime() + 86_400_000));
    tokens.push(token);
  }
  return tokens;
}
