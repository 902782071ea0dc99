/**
 * Times as the bureau reads them (Asia/Shanghai, 24 h), for exports and the
 * printed notice. The labels of stored codes are in domain/vocabulary.ts.
 */

/** A date-time as read in Fuzhou: `2026-11-21 16:00` (Asia/Shanghai, 24 h). */
export function localTime(d: Date | string | null | undefined, withSeconds = false): string {
  if (!d) return '—';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined, hourCycle: 'h23',
  }).formatToParts(new Date(d));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}${withSeconds ? `:${get('second')}` : ''}`;
}

/** The year of an instant in Asia/Shanghai. */
export const localYear = (d: Date): number => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(d));

/** A date as written on a Chinese official document: 2026年11月21日 (Asia/Shanghai). */
export function chineseDate(d: Date | string): string {
  const [y, m, day] = localTime(d).slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${day}日`;
}
