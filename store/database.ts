/**
 * The Postgres pool and a transaction helper. Every repository takes a
 * {@link Db} so tests can point the whole store at their own database.
 */
import pg from 'pg';

// numeric and bigint come back as strings by default; ids fit in a JS number here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export type Db = pg.Pool;
export type Queryable = pg.Pool | pg.PoolClient;

/** Pool size and the server-side limits every connection gets (config `database`). */
export interface DbOptions {
  /** Connections per process (default 10). */
  max?: number;
  /** Longest a statement may run before the server cancels it, ms; 0: no limit. */
  statementTimeoutMs?: number;
  /** Longest a statement waits for a lock, ms; 0: no limit. A stuck lock then fails one job instead of stalling a worker. */
  lockTimeoutMs?: number;
  /** Longest a transaction may sit idle, ms; 0: no limit (a crashed step cannot hold locks for ever). */
  idleInTransactionTimeoutMs?: number;
}

export function createDb(databaseUrl: string, opts: number | DbOptions = {}): Db {
  const o: DbOptions = typeof opts === 'number' ? { max: opts } : opts;
  const pool = new pg.Pool({
    connectionString: databaseUrl, max: o.max ?? 10, application_name: 'ipwatch',
    ...(o.statementTimeoutMs ? { statement_timeout: o.statementTimeoutMs } : {}),
    ...(o.lockTimeoutMs ? { lock_timeout: o.lockTimeoutMs } : {}),
    ...(o.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: o.idleInTransactionTimeoutMs } : {}),
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/** One round trip: resolves when the server answers (health and start-up checks). */
export async function ping(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

/** Runs `fn` in one transaction; rolls back and rethrows on error. */
export async function inTransaction<T>(db: Db, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  // The pool listens for a lost connection only on idle clients; on a checked-out one (Postgres restarted
  // between two queries) the 'error' event would be unhandled and end the process. The next query fails
  // anyway; the dead client is dropped on release instead of going back to the pool.
  let lost: Error | undefined;
  const onError = (err: Error) => { lost = err; };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.removeListener('error', onError);
    client.release(lost);
  }
}
