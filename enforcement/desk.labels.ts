/**
 * Chinese-first labels (English second) for what the desk shows and exports:
 * asset kinds, detector signals, decisions, notice and item states, scan-run
 * states. The web pages carry the same words (api/web/labels.js).
 */

export const ASSET_KIND_ZH: Record<string, string> = {
  trademark: '注册商标 Trademark', gi: '地理标志 GI', patent: '专利 Patent',
};

export const SIGNAL_ZH: Record<string, string> = {
  title: '标题含商标 Mark in title', description: '描述含商标 Mark in description', attributes: '属性含商标 Mark in attributes',
  ocr: '图片文字 Text in image (OCR)', image: '图片标识 Logo in image', logo: '图片标识 Logo in image',
  origin: '产地不符 Origin outside GI region', 'patent-number': '专利标注 Patent marking',
};

export const DECISION_ZH: Record<string, string> = { confirm: '确认侵权 Confirmed', dismiss: '排除 Dismissed' };

export const NOTICE_STATE_ZH: Record<string, string> = {
  draft: '草稿 Draft', sent: '已发出 Sent', answered: '已答复 Answered', overdue: '逾期 Overdue', closed: '已办结 Closed', withdrawn: '已撤回 Withdrawn',
};

export const ITEM_STATE_ZH: Record<string, string> = {
  open: '待处理 Open', delisted: '已删除 Delisted', refused: '拒绝 Refused', countered: '不侵权声明 Counter-notice',
  overdue: '逾期 Overdue', delisted_confirmed: '复查确认已删除 Confirmed gone', withdrawn: '已撤回 Withdrawn', escalated: '已立案 Escalated',
};

export const PATENT_TYPE_ZH: Record<string, string> = { invention: '发明专利 Invention', utility_model: '实用新型 Utility model', design: '外观设计 Design' };
export const PATENT_STATUS_ZH: Record<string, string> = { valid: '有效 In force', expired: '已失效 Expired', invalid: '已宣告无效 Invalidated' };

export const RUN_STATE_ZH: Record<string, string> = { running: '运行中 Running', finished: '已完成 Finished', failed: '失败 Failed' };

/** The label of `code` in `table`, or the code itself. */
export const label = (table: Record<string, string>, code: string | null | undefined): string => (code ? table[code] ?? code : '');

/** The Chinese half of a bilingual label ("确认侵权 Confirmed" → "确认侵权"). */
export const zhOnly = (s: string): string => s.replace(/\s+[A-Za-z(].*$/, '');

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
