/** The statistics table as CSV (UTF-8 with BOM, so Excel reads the Chinese) and as an Excel workbook. */
import ExcelJS from 'exceljs';
import { bilingual } from '../domain/vocabulary.js';
import { METRICS, type StatsResult } from './stats.service.js';

function table(r: StatsResult): Array<Array<string | number>> {
  const groupCols = r.query.groupBy.length ? r.query.groupBy : [];
  const header = [...groupCols.map((g) => bilingual('statsGroup', g)), ...METRICS.map((m) => `${m.label} (${m.unit})`)];
  const rows = r.rows.map((row) => [...groupCols.map((g) => row.group[g] ?? ''), ...METRICS.map((m) => row.figures[m.key])]);
  const total = [...groupCols.map((_, i) => (i === 0 ? '合计 total' : '')), ...METRICS.map((m) => r.totals[m.key])];
  return [header, ...rows, ...(groupCols.length ? [total] : [])];
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;
};

export function statsCsv(r: StatsResult): string {
  return '\uFEFF' + table(r).map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function statsXlsx(r: StatsResult, sender: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ipwatch';
  wb.created = new Date(0);
  const ws = wb.addWorksheet('统计 statistics');
  ws.addRow([`${sender} 网络知识产权执法统计`]).font = { bold: true, size: 13 };
  ws.addRow([`期间 ${r.query.from ?? '—'} – ${r.query.to ?? '—'}; 分组 ${r.query.groupBy.join(', ') || '—'}; 周期 ${r.query.period}`]);
  const rows = table(r);
  const header = ws.addRow(rows[0]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const row of rows.slice(1)) ws.addRow(row);
  if (r.query.groupBy.length) ws.lastRow!.font = { bold: true };
  ws.columns.forEach((c, i) => { c.width = i < r.query.groupBy.length ? 22 : 14; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
