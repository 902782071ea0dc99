/** One stored code and its labels, Chinese first (officers read Chinese), English after. */
export interface Term {
  /** The code as stored in Postgres and sent over the API. */
  code: string;
  zh: string;
  en: string;
}

/** The codes of a term list, as a tuple of literals (for `z.enum` and unions). */
export const codesOf = <const T extends readonly Term[]>(terms: T) =>
  terms.map((t) => t.code) as unknown as { readonly [K in keyof T]: T[K]['code'] };

/** The Chinese label of `code` in `terms`; the code itself if the list does not know it. */
export const zhIn = (terms: readonly Term[], code: string): string => terms.find((t) => t.code === code)?.zh ?? code;
