/**
 * The words for stored codes live in domain/vocabulary.ts (and, for the kinds
 * of right, in their own definitions, which the vocabulary reads). The web
 * pages fetch them (GET /api/meta/vocabulary) and hold no label tables; no
 * other source file pairs codes with Chinese labels. Checked on the source:
 * a code next to a copy of its own label, or two codes of one group given
 * Chinese words in one place, fails here with the file named.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config/config.loader.js';
import { projectFiles } from '../support/source.files.js';
import type { Term } from '../../domain/vocabulary.js';
import { servedVocabulary } from '../../kinds/kind.vocabulary.js';

/** A group of the served vocabulary: the core's and the kinds'. */
type VocabularyGroup = string;
const vocabulary = servedVocabulary;

/** Where the words are defined: the core's vocabulary, and the kinds of right (their modules and the vocabulary they serve). */
const SOURCES = [path.join('domain', 'vocabulary'), 'kinds'];
/**
 * Not label tables though they match the pattern: request field names are
 * property names everywhere, and the demo marketplace writes what sellers
 * write in their titles (its patent-type words).
 */
const NOT_LABELS: ReadonlySet<VocabularyGroup> = new Set(['field']);
const ALLOWED_FILES = [path.join('demo', 'marketplace')];

const files = (dir: string, ext: RegExp) => projectFiles(dir, ext, ['test']);

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORDS = '[^\'"`<\\n]*';
const CJK = /[\u4e00-\u9fff]/;

/** Places in `text` that give `code` Chinese words, with those words. */
function pairings(text: string, code: string): Array<{ at: number; words: string }> {
  const c = esc(code);
  const patterns = [
    new RegExp(`(?:^|[\\s{,(])(['"]?)${c}\\1\\s*:\\s*['"\`](${WORDS})`, 'gm'), // { code: '词' }
    new RegExp(`value="${c}"[^>]*>([^<]*)`, 'g'), // <option value="code">词
    new RegExp(`['"]${c}['"]\\s*\\?\\s*['"\`](${WORDS})`, 'g'), // x === 'code' ? '词'
    new RegExp(`\\[\\s*['"]${c}['"]\\s*,\\s*['"\`](${WORDS})`, 'g'), // ['code', '词']
  ];
  const out: Array<{ at: number; words: string }> = [];
  for (const re of patterns) for (const m of text.matchAll(re)) {
    const words = m[m.length - 1] ?? '';
    if (CJK.test(words)) out.push({ at: m.index ?? 0, words });
  }
  return out;
}

/** Label tables in one file: a code beside a copy of its own label, or two codes of a group given words within a few lines. */
function labelTables(file: string): string[] {
  const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  const found: string[] = [];
  for (const [group, terms] of Object.entries(vocabulary()) as Array<[VocabularyGroup, readonly Term[]]>) {
    if (NOT_LABELS.has(group)) continue;
    const hits = terms.flatMap((t) => pairings(text, t.code).map((p) => ({ ...p, code: t.code, copy: p.words.includes(t.zh) })));
    for (const h of hits.filter((x) => x.copy)) found.push(`${file}: ${group}.${h.code} → "${h.words}" (a copy of the vocabulary's label)`);
    for (const h of hits) {
      const near = hits.filter((x) => x.code !== h.code && Math.abs(x.at - h.at) < 300);
      if (near.length) { found.push(`${file}: ${group} codes ${[h.code, ...near.map((x) => x.code)].join(', ')} given Chinese words together`); break; }
    }
  }
  return found;
}

const rel = (abs: string) => path.relative(PROJECT_ROOT, abs);
const web = files(path.join(PROJECT_ROOT, 'api', 'web'), /\.(js|html)$/).map(rel);
const sources = files(PROJECT_ROOT, /\.ts$/).map(rel)
  .filter((f) => !SOURCES.some((s) => f === s || f.startsWith(`${s}.`) || f.startsWith(`${s}${path.sep}`)))
  .filter((f) => !ALLOWED_FILES.some((a) => f.startsWith(a)));

describe('one vocabulary', () => {
  it('finds the files it checks, and would see a label table', () => {
    expect(web).toContain(path.join('api', 'web', 'common.js'));
    expect(sources).toContain(path.join('enforcement', 'notice.document.ts'));
    expect(sources).not.toContain(path.join('domain', 'vocabulary.ts'));
    // The check itself: the tables the pages and enforcement/desk.labels.ts used to hold.
    const probe = (text: string) => (Object.entries(vocabulary()) as Array<[string, readonly Term[]]>)
      .flatMap(([, terms]) => terms.flatMap((t) => pairings(text, t.code).filter((p) => p.words.includes(t.zh))));
    expect(probe(`const L = { decision: { confirm: '确认侵权 Confirmed', dismiss: '排除 Dismissed' } };`)).toHaveLength(2);
    expect(probe('<select><option value="admin">管理员 admin</option></select>')).toHaveLength(1);
    expect(probe(`c.source === 'escalation' ? '平台拒绝后转立案 escalation' : '审核立案 officer'`)).toHaveLength(1);
  });

  it('the web pages hold no label tables (they fetch GET /api/meta/vocabulary)', () => {
    expect(web.flatMap(labelTables)).toEqual([]);
  });

  it('the web pages spell out no label of a stored code as a whole string or option', () => {
    const found: string[] = [];
    for (const file of web) {
      // Comments may quote a label; code may not.
      const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$|<!--[\s\S]*?-->/gm, '');
      for (const [group, terms] of Object.entries(vocabulary())) {
        if (NOT_LABELS.has(group as VocabularyGroup)) continue;
        // Two-character words (平台, 失败, 专利) are also the pages' own column headings and headings.
        for (const t of terms.filter((x) => [...x.zh].length > 2)) {
          // The label as a whole quoted string or element text: '已办结', '草稿 Draft', >注册商标 Trademark<.
          const whole = new RegExp(`(['"\`>])${esc(t.zh)}(?:\\s+${esc(t.en)})?(['"\`<])`, 'i');
          if (whole.test(text)) found.push(`${file}: ${group}.${t.code} "${t.zh}"`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('no source file outside the vocabulary pairs codes with Chinese labels', () => {
    expect(sources.flatMap(labelTables)).toEqual([]);
  });

  it('the web pages no longer translate English messages with regexes', () => {
    const translating = web.filter((f) => /\[\s*\/[^/\n]*(?:Required|Invalid|Too small|Too big|expected)[^/\n]*\/i?\s*,/.test(readFileSync(path.join(PROJECT_ROOT, f), 'utf8')));
    expect(translating).toEqual([]);
  });
});
