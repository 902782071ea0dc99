/**
 * Document numbers of notices (文号), e.g. 闽榕市监知通〔2026〕第0001号:
 * sequential per year, assigned once when a notice is sent, stored in
 * notice_numbers (migration 0007).
 */
import type { Queryable } from './database.js';

/** A notice's stored document number. */
export interface NoticeNumber { noticeId: number; year: number; seq: number; docNo: string; assignedAt: Date }

/** Formats a document number: `<prefix>〔<year>〕第<seq, 4 digits>号`. */
export function formatDocNo(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕第${String(seq).padStart(4, '0')}号`;
}

/**
 * Gives the notice the next number of `year` unless it has one; returns the
 * number it holds. Call inside the sending transaction (the counter row is
 * locked by the upsert, so concurrent senders get distinct numbers).
 */
export async function assignNoticeNumber(c: Queryable, noticeId: number, prefix: string, year: number, at: Date): Promise<NoticeNumber> {
  const existing = await getNoticeNumber(c, noticeId);
  if (existing) return existing;
  const { rows } = await c.query(
    `INSERT INTO notice_number_counters (year, last) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last = notice_number_counters.last + 1 RETURNING last`, [year]);
  const seq = rows[0].last as number;
  const docNo = formatDocNo(prefix, year, seq);
  await c.query(`INSERT INTO notice_numbers (notice_id, year, seq, doc_no, assigned_at) VALUES ($1,$2,$3,$4,$5)`, [noticeId, year, seq, docNo, at]);
  return { noticeId, year, seq, docNo, assignedAt: at };
}

export async function getNoticeNumber(db: Queryable, noticeId: number): Promise<NoticeNumber | undefined> {
  const { rows } = await db.query(
    `SELECT notice_id AS "noticeId", year, seq, doc_no AS "docNo", assigned_at AS "assignedAt" FROM notice_numbers WHERE notice_id = $1`, [noticeId]);
  return rows[0];
}

/** Document numbers of these notices, by notice id. */
export async function noticeNumbers(db: Queryable, noticeIds: number[]): Promise<Map<number, string>> {
  const { rows } = await db.query(`SELECT notice_id AS id, doc_no AS "docNo" FROM notice_numbers WHERE notice_id = ANY($1::bigint[])`, [noticeIds]);
  return new Map(rows.map((r) => [Number(r.id), r.docNo as string]));
}
