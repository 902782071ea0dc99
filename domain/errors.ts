/**
 * Input errors that name the file, line and field that broke, so an officer or
 * a platform can fix their upload. Thrown by importers and config loading.
 */
export interface FieldProblem {
  /** Dotted path of the field, e.g. `trademarks[3].regNo`. */
  field: string;
  message: string;
  line?: number;
}

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly problems: FieldProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s):\n` + problems
      .map((p) => `  - ${p.line !== undefined ? `line ${p.line}: ` : ''}${p.field || '(root)'}: ${p.message}`)
      .join('\n'));
    this.name = 'InputError';
  }
}

/** Turns a zod issue path (['trademarks', 3, 'regNo']) into `trademarks[3].regNo`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out ? '.' : '') + String(p);
  }
  return out;
}
