/**
 * Strict dates for requests and statistics. `Date` rolls `2024-13-45` over
 * into 2025 and reads `0099-01-01` as 1999; these parsers refuse anything that
 * is not exactly a calendar date (or ISO date-time) inside the years the
 * system can have data for.
 */

/** Earliest year a date may name: nothing the bureau counts happened before. */
export const MIN_YEAR = 2000;
/** Latest year a date may name. */
export const MAX_YEAR = 2100;

/** Asia/Shanghai has no daylight saving time since 1991: always UTC+8. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Why `v` is not a date this system accepts, or undefined if it is. */
export function dateProblem(v: string): string | undefined {
  const m = DATE.exec(v) ?? DATE_TIME.exec(v);
  if (!m) return '日期格式应为 年-月-日 expected YYYY-MM-DD or an ISO date-time such as 2026-11-21T08:00:00Z';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR) return `年份 ${m[1]} 超出范围（${MIN_YEAR}-${MAX_YEAR}） year ${m[1]} is out of range (${MIN_YEAR}-${MAX_YEAR})`;
  if (mo < 1 || mo > 12) return `不存在 ${m[2]} 月 month ${m[2]} does not exist`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return `${m[1]}-${m[2]} 没有 ${m[3]} 日 day ${m[3]} does not exist in ${m[1]}-${m[2]}`;
  if (m.length > 4 && m[4] !== undefined) {
    if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return '时刻超出范围 time of day out of range';
    const tz = m[8];
    if (tz !== 'Z' && (Number(tz.slice(1, 3)) > 14 || Number(tz.slice(4)) > 59)) return `时区偏移 ${tz} 超出范围 time zone offset ${tz} out of range`;
  }
  return undefined;
}

/**
 * A bound of a period: `YYYY-MM-DD` is midnight in Asia/Shanghai (an `end`
 * date is inclusive: the next midnight); otherwise an ISO date-time. Undefined
 * for anything {@link dateProblem} refuses.
 */
export function parseDateBound(v: string, end: boolean): Date | undefined {
  if (dateProblem(v)) return undefined;
  const m = DATE.exec(v);
  if (m) return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + (end ? 1 : 0)) - SHANGHAI_OFFSET_MS);
  return new Date(v);
}

/** An instant (ISO date-time with offset, or a date at Shanghai midnight); undefined if refused. */
export function parseInstant(v: string): Date | undefined {
  return parseDateBound(v, false);
}
