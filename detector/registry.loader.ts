/**
 * Reads and validates `registry.json` (FORMATS §1). Problems are thrown as
 * one InputError naming the file and every bad field path
 * (`trademarks[3].regNo`), so an officer can fix the upload in one go.
 */
import { readFile } from 'node:fs/promises';
import { InputError, fieldPath, type FieldProblem } from '../domain/errors.js';
import type { z } from 'zod';
import { registrySchema, type Registry } from '../domain/registry.schema.js';
import { checkDigit } from './patent-number.js';
import { jsonLines, lineOf } from './json.locator.js';

/**
 * Validates a parsed registry document; `file` names it in errors. `schema`:
 * the built-in kinds' by default; the app passes kinds/ `registerSchema()`,
 * which also knows the installed plug-in kinds' sections.
 */
export function parseRegistry(raw: unknown, file = 'registry.json', schema: z.ZodType<Registry> = registrySchema as z.ZodType<Registry>): Registry {
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw new InputError(file, r.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message })));
  }
  const problems: FieldProblem[] = [];
  const seen = new Map<string, string>();
  const unique = (id: string, field: string) => {
    const prev = seen.get(id);
    if (prev) problems.push({ field, message: `duplicate id "${id}" (first at ${prev})` });
    else seen.set(id, field);
  };
  // Ids are unique across every section: matches and notices name an entry by its id.
  for (const [section, entries] of Object.entries(r.data)) {
    (entries as Array<{ id: string }>).forEach((e, i) => unique(e.id, `${section}[${i}].id`));
  }
  (r.data.patents ?? []).forEach((p, i) => {
    const digits = p.number.slice(2, 14), check = p.number.slice(15);
    if (checkDigit(digits) !== check) problems.push({ field: `patents[${i}].number`, message: `check digit of ${p.number} should be ${checkDigit(digits)}` });
  });
  if (problems.length) throw new InputError(file, problems);
  return r.data;
}

/** Reads and validates registry.json; throws InputError naming file and field path on bad records. */
export async function loadRegistryFile(path: string, schema?: z.ZodType<Registry>): Promise<Registry> {
  let text: string;
  try { text = await readFile(path, 'utf8'); } catch (e) {
    throw new InputError(path, [{ field: '', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
  let raw: unknown;
  const body = text.replace(/^\uFEFF/, '');
  try { raw = JSON.parse(body); } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    const line = pos ? body.slice(0, Number(pos[1])).split('\n').length : undefined;
    throw new InputError(path, [{ field: '', message: `not valid JSON: ${(e as Error).message}`, line }]);
  }
  try {
    return parseRegistry(raw, path, schema);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // Name the line of each bad field too, so the upload can be fixed in an editor.
    const lines = jsonLines(body);
    throw new InputError(path, err.problems.map((p) => ({ ...p, line: p.line ?? lineOf(lines, p.field) })));
  }
}
