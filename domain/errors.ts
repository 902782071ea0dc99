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

/** One problem with a request or command: where (body, querystring, params), which field, what. */
export interface Issue { where: string; field: string; message: string }

/**
 * An error of the enforcement domain (review, takedown, accounts). Services
 * throw these; the API maps each kind to an HTTP status, the CLI to an exit
 * code. `code` is stable and machine-readable (`already_decided`, …).
 */
export class DomainError extends Error {
  constructor(readonly kind: 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unavailable', readonly code: string, message: string, readonly issues?: Issue[]) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The request names something that does not exist (or that the caller may not see). */
export const notFound = (what: string) => new DomainError('not_found', 'not_found', `${what} not found`);
/** The request is well formed but the state forbids it (already decided, stale capture…). */
export const conflict = (message: string, code = 'conflict') => new DomainError('conflict', code, message);
/** The request's content is wrong; `issues` names the fields. */
export const invalid = (message: string, issues?: Issue[]) => new DomainError('invalid', 'bad_request', message, issues);
/** Wrong or missing credentials. */
export const unauthenticated = (message = 'log in first') => new DomainError('unauthenticated', 'unauthorized', message);
/** The caller's role may not do this. */
export const forbidden = (message = 'your role may not do this') => new DomainError('forbidden', 'forbidden', message);
