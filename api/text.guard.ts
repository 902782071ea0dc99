/**
 * Refuses text that Postgres cannot store or that would mislead a reader:
 * NUL and other control characters, Unicode bidi overrides (which make a
 * reason or a name display differently from what it says), and lone
 * surrogates. Runs on every validated request part before its schema, so the
 * answer is a 400 naming the field, never a 500 from the database.
 */
import { fieldPath, type Issue } from '../domain/errors.js';

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

/** Every string (and object key) in `data` that may not be stored, as issues naming its field. */
export function unsafeTextIssues(data: unknown, where: string): Issue[] {
  const body = where === 'body';
  const issues: Issue[] = [];
  // Iterative, so a deeply nested body cannot exhaust the stack.
  const stack: Array<{ v: unknown; path: PropertyKey[] }> = [{ v: data, path: [] }];
  while (stack.length && issues.length < 20) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const p = problem(v, body);
      if (p) issues.push({ where, field: fieldPath(path), message: `${p[0]} ${p[1]}` });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const p = problem(k, false);
        if (p) issues.push({ where, field: fieldPath([...path, k]), message: `字段名${p[0]} field name ${p[1]}` });
        else stack.push({ v: x, path: [...path, k] });
      }
    }
  }
  return issues.reverse();
}
