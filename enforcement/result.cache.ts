/**
 * Reuses a computed result while the review data is unchanged
 * (store/data-version.repository.ts) and for at most `maxAgeMs`; concurrent
 * identical requests share one computation. For expensive reads that many
 * officers ask for at once: the statistics table, the queue's total.
 */
import type { Db } from '../store/database.js';
import { reviewDataVersion } from '../store/data-version.repository.js';

/** Options of a {@link ResultCache}. */
export interface ResultCacheOptions {
  /**
   * Age after which a result with an unchanged version is refreshed (in the background; the old
   * one is answered meanwhile), in case a write was still uncommitted when it was read. Default 10 s.
   */
  maxAgeMs?: number;
  /** Entries kept (oldest dropped first). Default 200. */
  maxEntries?: number;
}

export interface ResultCache<T> {
  get(db: Db, key: string, compute: () => Promise<T>): Promise<T>;
}

// Pools are told apart so two databases (tests, the bench) never share a result.
const dbIds = new WeakMap<Db, number>();
let nextDbId = 1;
function dbId(db: Db): number {
  let id = dbIds.get(db);
  if (id === undefined) dbIds.set(db, (id = nextDbId++));
  return id;
}

export function createResultCache<T>(opts: ResultCacheOptions = {}): ResultCache<T> {
  const maxAgeMs = opts.maxAgeMs ?? 10_000;
  const maxEntries = opts.maxEntries ?? 200;
  const entries = new Map<string, { version: string; at: number; value: Promise<T>; refreshing?: boolean }>();
  return {
    async get(db, key, compute) {
      const k = `${dbId(db)}:${key}`;
      const version = await reviewDataVersion(db);
      const hit = entries.get(k);
      if (hit && hit.version === version) {
        if (Date.now() - hit.at < maxAgeMs) return hit.value;
        // Same version but old: answer from it while one refresh runs (officers do not wait on a
        // recomputation that, nine times in ten, gives the same table).
        if (!hit.refreshing) {
          hit.refreshing = true;
          const fresh = compute();
          fresh.then((v) => entries.set(k, { version, at: Date.now(), value: Promise.resolve(v) }), () => { hit.refreshing = false; });
        }
        return hit.value;
      }
      const value = compute();
      entries.set(k, { version, at: Date.now(), value });
      value.catch(() => entries.delete(k));
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return value;
    },
  };
}
