/**
 * SQL lives in store/ only: no string or template literal outside store/ and
 * test/ holds an SQL statement, and no code there calls `.query(`. And the
 * queue layer gets repository ports, so queue/ imports nothing from store/.
 * Comments are skipped (they may name a table or quote a statement), so the
 * scan reads each file's literals with a small lexer, not a line grep; a
 * failure names the file and line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config/config.loader.js';
import { projectFiles } from '../support/source.files.js';


const sources = (dir: string) => projectFiles(dir, /\.ts$/);

/** A piece of a source file: a string or template literal, or a run of code; `line` is where it starts (1-based). */
interface Piece { kind: 'literal' | 'code'; text: string; line: number }

/**
 * Splits TypeScript source into literals and code, dropping comments. A `/`
 * after an operator, an opening bracket or a keyword starts a regex literal
 * (kept as code, its quotes not read as strings). A template's `${…}` holes
 * stay inside the literal (`SELECT ${COLUMNS} FROM t` is one statement).
 */
function lex(src: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  let line = 1;
  let code = '';
  let codeLine = 1;
  let prev = ''; // last significant code character (or word), to tell a regex from a division
  const flush = () => { if (code) out.push({ kind: 'code', text: code, line: codeLine }); code = ''; };
  const advance = (n: number) => { for (let k = 0; k < n; k++) if (src[i + k] === '\n') line++; i += n; };
  while (i < src.length) {
    const ch = src[i];
    const next = src[i + 1];
    if (ch === '/' && next === '/') { const end = src.indexOf('\n', i); advance((end < 0 ? src.length : end) - i); continue; }
    if (ch === '/' && next === '*') { const end = src.indexOf('*/', i + 2); advance((end < 0 ? src.length : end + 2) - i); continue; }
    if (ch === '\'' || ch === '"' || ch === '`') {
      flush();
      const start = line;
      let j = i + 1;
      let depth = 0; // inside a template's ${ } hole
      while (j < src.length) {
        const c = src[j];
        if (c === '\\') { j += 2; continue; }
        if (ch === '`' && depth === 0 && c === '$' && src[j + 1] === '{') { depth = 1; j += 2; continue; }
        if (depth > 0) { if (c === '{') depth++; else if (c === '}') depth--; j++; continue; }
        if (c === ch) break;
        if (c === '\n' && ch !== '`') break; // an unterminated string ends with its line
        j++;
      }
      out.push({ kind: 'literal', text: src.slice(i + 1, j), line: start });
      advance(j + 1 - i);
      prev = 'x';
      codeLine = line;
      continue;
    }
    if (ch === '/' && (prev === '' || /[(,=:[!&|?{};+\-*%<>~^]$/.test(prev) || /^(return|typeof|case|in|of|void|throw)$/.test(prev))) {
      // A regex literal: skip to its closing slash (not one inside a character class).
      let j = i + 1;
      let cls = false;
      while (j < src.length && src[j] !== '\n') {
        if (src[j] === '\\') { j += 2; continue; }
        if (src[j] === '[') cls = true; else if (src[j] === ']') cls = false; else if (src[j] === '/' && !cls) break;
        j++;
      }
      if (!code) codeLine = line;
      code += src.slice(i, j + 1);
      advance(j + 1 - i);
      prev = 'x';
      continue;
    }
    if (!code) codeLine = line;
    code += ch;
    if (/\w/.test(ch)) {
      const word = /^\w+/.exec(src.slice(i))![0];
      code += word.slice(1);
      prev = word;
      advance(word.length);
      continue;
    }
    if (!/\s/.test(ch)) prev = ch;
    advance(1);
  }
  flush();
  return out;
}

/** An SQL statement's opening words (upper case, as the project writes SQL). */
const SQL = /\b(SELECT\s+[\w*($]|INSERT\s+INTO|UPDATE\s+\w+(\s+\w+)?\s+SET|DELETE\s+FROM|CREATE\s+(TEMP\s+)?(TABLE|INDEX|VIEW|DATABASE|TRIGGER|FUNCTION)|ALTER\s+TABLE|DROP\s+(TABLE|DATABASE|INDEX|VIEW)|TRUNCATE\s+\w|VACUUM\b|ANALYZE\b)/;
/** A call of a driver's query method. */
const QUERY_CALL = /\.query\s*(<[^>()]*>)?\s*\(/;

const top = (f: string) => f.split(path.sep)[0];
const outsideStore = sources(PROJECT_ROOT).map((abs) => path.relative(PROJECT_ROOT, abs)).filter((f) => !['store', 'test'].includes(top(f)));

/** `file:line: text` for every literal holding SQL and every `.query(` call in these files. */
function sqlFindings(files: string[], read: (f: string) => string): string[] {
  const out: string[] = [];
  for (const f of files) {
    const src = read(f);
    const lines = src.split('\n');
    for (const p of lex(src)) {
      const m = p.kind === 'literal' ? SQL.exec(p.text) : QUERY_CALL.exec(p.text);
      if (!m) continue;
      const line = p.line + p.text.slice(0, m.index).split('\n').length - 1;
      out.push(`${f}:${line}: ${lines[line - 1].trim().slice(0, 100)}`);
    }
  }
  return out;
}

const read = (f: string) => readFileSync(path.join(PROJECT_ROOT, f), 'utf8');

describe('SQL only in store/', () => {
  it('the lexer finds literals, skips comments and regexes, and counts lines', () => {
    const hole = '$' + '{cols}'; // a template's hole, written so that this file holds no template-like string
    const src = [
      "// SELECT id FROM listings (a comment)",
      "/* UPDATE listings SET x */ const re = /['\"]/g;",
      "const a = '价格 SELECT 不是';",
      "const q = `",
      `  SELECT ${hole} FROM t\`;`,
      "await db.query(q);",
      "const url = 'http://x/y'; // DELETE FROM t",
    ].join('\n');
    const found = sqlFindings(['x.ts'], () => src);
    expect(found).toEqual([`x.ts:5: SELECT ${hole} FROM t\`;`, 'x.ts:6: await db.query(q);']);
    expect(lex(src).filter((p) => p.kind === 'literal').map((p) => p.text)).toEqual(['价格 SELECT 不是', `\n  SELECT ${hole} FROM t`, 'http://x/y']);
  });

  it('reads every source file of the project', () => {
    expect(outsideStore.length).toBeGreaterThan(150);
    // The scan does see SQL where it is allowed: store/ is full of it.
    const store = sources(path.join(PROJECT_ROOT, 'store')).map((abs) => path.relative(PROJECT_ROOT, abs));
    expect(sqlFindings(store, read).length).toBeGreaterThan(100);
  });

  it('no .ts file outside store/ and test/ holds an SQL statement or calls .query(', () => {
    expect(sqlFindings(outsideStore, read)).toEqual([]);
  });
});

describe('queue/ gets ports', () => {
  it('queue/ imports nothing from store/ (the container hands it repository ports)', () => {
    const bad: string[] = [];
    for (const abs of sources(path.join(PROJECT_ROOT, 'queue'))) {
      const file = path.relative(PROJECT_ROOT, abs);
      for (const m of readFileSync(abs, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)) {
        const target = path.relative(PROJECT_ROOT, path.resolve(path.dirname(abs), m[1] ?? m[2]));
        if (top(target) === 'store') bad.push(`${file} imports ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
