/**
 * Refuses text that Postgres cannot store or that would mislead a reader:
 * NUL and other control characters, Unicode bidi overrides (which make a
 * reason or a name display differently from what it says), and lone
 * surrogates. Runs on every validated request part before its schema, so the
 * answer is a 400 naming the field, never a 500 from the database.
 */
import { fieldPath, type Issue } from '../domain/errors.js';
import { MAX_JSON_DEPTH } from './json.guard.js';

/** C0 controls and DEL, C1 controls. Tab, newline and carriage return are allowed in bodies. */
const CONTROL_IN_BODY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_ANYWHERE = /[\u0000-\u001F\u007F-\u009F]/;
/** Embedding, override and isolate controls (LRM/RLM marks stay allowed). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with `s`, in Chinese and in English; undefined if nothing. */
function problem(s: string, body: boolean): [zh: string, en: string] | undefined {
  const control = (body ? CONTROL_IN_BODY : CONTROL_ANYWHERE).exec(s);
  if (control) return ['含有控制字符，请删除', `contains a control character (U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}); remove it`];
  const bidi = BIDI.exec(s);
  if (bidi) return ['含有双向文字控制符，请删除', `contains a bidirectional override (U+${bidi[0].codePointAt(0)!.toString(16).toUpperCase()}), which can make text display differently from what it says; remove it`];
  if (LONE_SURROGATE.test(s)) return ['含有无效的 Unicode 字符', 'contains an unpaired surrogate (not valid Unicode)'];
  return undefined;
}

/** A value still to look at: its parent's entry and its key, so a path is built only for a value reported. */
interface Entry { v: unknown; key: PropertyKey | undefined; parent: Entry | undefined; depth: number }

function pathOf(e: Entry | undefined): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (; e && e.key !== undefined; e = e.parent) path.push(e.key);
  return path.reverse();
}

/**
 * Every string (and object key) in `data` that may not be stored, as issues
 * naming its field, in document order (at most 20). A value nested in more
 * than MAX_JSON_DEPTH arrays or objects is one issue and ends the walk: the
 * JSON parser refuses such bodies first (api/json.guard.ts), this covers every
 * other request part. Linear in the size of `data`: each entry links to its
 * parent instead of copying the path (copying made a deep body quadratic and
 * froze the API).
 */
export function unsafeTextIssues(data: unknown, where: string): Issue[] {
  const body = where === 'body';
  const issues: Issue[] = [];
  // Iterative, so a deeply nested value cannot exhaust the stack.
  const stack: Entry[] = [{ v: data, key: undefined, parent: undefined, depth: 0 }];
  while (stack.length && issues.length < 20) {
    const e = stack.pop()!;
    const { v } = e;
    if (typeof e.key === 'string') {
      const p = problem(e.key, false);
      if (p) { issues.push({ where, field: fieldPath(pathOf(e)), message: `字段名${p[0]} field name ${p[1]}` }); continue; }
    }
    if (typeof v === 'string') {
      const p = problem(v, body);
      if (p) issues.push({ where, field: fieldPath(pathOf(e)), message: `${p[0]} ${p[1]}` });
    } else if (v && typeof v === 'object') {
      if (e.depth >= MAX_JSON_DEPTH) {
        return [{ where, field: fieldPath(pathOf(e)), message: `嵌套过深（最多 ${MAX_JSON_DEPTH} 层数组或对象） nested too deeply (at most ${MAX_JSON_DEPTH} levels of arrays and objects)` }];
      }
      const depth = e.depth + 1;
      // Pushed last to first, so they are looked at (and reported) in document order.
      if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, parent: e, depth });
      else {
        const entries = Object.entries(v);
        for (let i = entries.length - 1; i >= 0; i--) stack.push({ v: entries[i][1], key: entries[i][0], parent: e, depth });
      }
    }
  }
  return issues;
}
