/** The audit log: who did what, when, to which subject. Append-only: migration 0016's triggers refuse UPDATE, DELETE and TRUNCATE. */
import type { Queryable } from './database.js';

/** One audit entry as written by the services. */
export interface AuditEntry {
  at: Date;
  accountId: number | null;
  username: string | null;
  role: string | null;
  action: string;
  subjectType: string;
  subjectId: string | number | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export async function appendAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, account_id, username, role, action, subject_type, subject_id, detail, ip)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [e.at, e.accountId, e.username, e.role, e.action, e.subjectType, e.subjectId === null ? null : String(e.subjectId),
      JSON.stringify(e.detail ?? {}), e.ip ?? null]);
}

export interface AuditQuery {
  action?: string;
  accountId?: number;
  subjectType?: string;
  subjectId?: string;
  limit: number;
  offset: number;
}

export async function listAudit(db: Queryable, q: AuditQuery) {
  const { rows } = await db.query(
    `SELECT id, at, account_id AS "accountId", username, role, action, subject_type AS "subjectType",
            subject_id AS "subjectId", detail, ip, count(*) OVER () AS total
     FROM audit_log
     WHERE ($1::text IS NULL OR action = $1) AND ($2::bigint IS NULL OR account_id = $2)
       AND ($3::text IS NULL OR subject_type = $3) AND ($4::text IS NULL OR subject_id = $4)
     ORDER BY at DESC, id DESC LIMIT $5 OFFSET $6`,
    [q.action ?? null, q.accountId ?? null, q.subjectType ?? null, q.subjectId ?? null, q.limit, q.offset]);
  const total = rows.length ? Number(rows[0].total) : 0;
  return { total, entries: rows.map(({ total: _t, ...r }) => r) };
}
