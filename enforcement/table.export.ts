/**
 * Any table as CSV (UTF-8 with BOM so Excel reads Chinese; cells that a
 * spreadsheet would run as formulas are quoted and prefixed) or as an Excel
 * workbook (exceljs).
 */
import ExcelJS from 'exceljs';

/** A column: its bilingual header and how wide it is in Excel. */
export interface Column { header: string; width?: number }

/** A table ready for export. */
export interface ExportTable {
  /** Sheet name and first line of the workbook. */
  title: string;
  columns: Column[];
  rows: Array<Array<string | number | null>>;
}

export const csvCell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  const formula = /^[=+\-@\t\r]/.test(s) && typeof v === 'string';
  const t = formula ? `'${s}` : s;
  return formula || /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

export function toCsv(t: ExportTable): string {
  const lines = [t.columns.map((c) => csvCell(c.header)), ...t.rows.map((r) => r.map(csvCell))];
  return '\uFEFF' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

export async function toXlsx(t: ExportTable, subtitle: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ipwatch';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(t.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  ws.addRow([t.title]).font = { bold: true, size: 13 };
  ws.addRow([subtitle]);
  const header = ws.addRow(t.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const r of t.rows) ws.addRow(r.map((v) => (v === null ? '' : v)));
  t.columns.forEach((c, i) => { ws.getColumn(i + 1).width = c.width ?? 16; });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
