/** Plain-text tables for the terminal (CJK characters count two columns). */

/** Display width of a string: East Asian characters take two columns. */
export const displayWidth = (s: string): number => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - displayWidth(s)));

/** Prints a header row and rows, each column as wide as its widest cell. */
export function printTable(header: string[], rows: string[][], log: (s: string) => void = console.log): void {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  log(header.map((h, i) => pad(h, widths[i])).join('  ').trimEnd());
  for (const r of rows) log(r.map((cell, i) => pad(cell, widths[i])).join('  ').trimEnd());
}
