/**
 * Value transforms a platform config can ask for: regex replacement,
 * locale-aware price parsing (with ranges) and small arithmetic expressions
 * for pagination parameters.
 */

/** A price as shown: one value or a range. */
export interface PriceRange { min: number; max: number }

export type DecimalMark = 'auto' | '.' | ',';

/**
 * One number as written on a price label. With `auto` the decimal mark is
 * read from the text: `97,39` and `1.299,00` are European, `1,299.00` and
 * `1,299` use the comma for thousands.
 */
export function parseNumber(raw: string, decimal: DecimalMark = 'auto'): number | null {
  const s = raw.replace(/[\s\u00a0\u202f']/g, '');
  if (!/\d/.test(s)) return null;
  let mark = decimal;
  if (mark === 'auto') {
    const lastComma = s.lastIndexOf(',');
    const lastDot = s.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) mark = lastComma > lastDot ? ',' : '.';
    else if (lastComma >= 0) mark = /,\d{3}$/.test(s) && !/,\d{3},?\d{1,2}$/.test(s) ? '.' : ',';
    else mark = '.';
  }
  const thousands = mark === ',' ? /\./g : /,/g;
  const normal = s.replace(thousands, '').replace(mark === ',' ? /,/ : /$^/, '.');
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

/**
 * A price label as min and max: `149.00 - 159.00`, `€ 97,39 - 128,72`,
 * `5499.00-6799.00`, `US $349.99`. A single value gives min = max.
 */
export function parsePriceRange(text: string | undefined, decimal: DecimalMark = 'auto'): PriceRange | null {
  if (!text) return null;
  const numbers = text.match(/\d[\d.,\s\u00a0\u202f']*/g)?.map((n) => n.replace(/[\s\u00a0\u202f']+$/, ''));
  const values = (numbers ?? []).map((n) => parseNumber(n, decimal)).filter((n): n is number => n !== null);
  if (!values.length) return null;
  return { min: Math.min(...values.slice(0, 2)), max: Math.max(...values.slice(0, 2)) };
}

/** Replacements applied in order; `with` may use `$1`. */
export function applyReplacements(value: string, replace: Array<{ pattern: string; with: string }> | undefined): string {
  let v = value;
  for (const r of replace ?? []) v = v.replace(new RegExp(r.pattern, 'g'), r.with);
  return v;
}

/**
 * Evaluates an integer arithmetic expression over named variables:
 * `2*page-1` (JD's odd page numbers), `(page-1)*44`, `offset+1`.
 * Only numbers, names, + - * / % and parentheses; division is integer.
 */
export function evalExpression(expr: string, vars: Record<string, number>): number {
  const tokens = expr.match(/\d+|[A-Za-z_]\w*|[-+*/%()]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const fail = (msg: string): never => { throw new Error(`expression "${expr}": ${msg}`); };
  const primary = (): number => {
    const t = tokens[i++];
    if (t === undefined) return fail('unexpected end');
    if (t === '(') { const v = sum(); if (tokens[i++] !== ')') fail('missing )'); return v; }
    if (t === '-') return -primary();
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]\w*$/.test(t)) { if (!(t in vars)) fail(`unknown name ${t}`); return vars[t]; }
    return fail(`unexpected ${t}`);
  };
  const product = (): number => {
    let v = primary();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = tokens[i++];
      const r = primary();
      if (op === '*') v *= r;
      else if (r === 0) fail('division by zero');
      else v = op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === '+' || peek() === '-') v = tokens[i++] === '+' ? v + product() : v - product();
    return v;
  };
  const v = sum();
  if (i < tokens.length) fail(`unexpected ${tokens[i]}`);
  return v;
}
