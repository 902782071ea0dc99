/**
 * The vocabulary as served (GET /api/meta/vocabulary) and as the services
 * read it: the core's groups (domain/vocabulary.ts) with what each installed
 * kind of right brings — the kinds themselves, their reasons beside the
 * general ones, and their own code groups (a patent's type and status).
 */
import { GENERAL_REASON_TERMS, type ReasonTerm, type Term, vocabulary } from '../domain/vocabulary.js';
import { kindOf, rightKinds } from './kind.registry.js';

/** The installed kinds as terms (group `kind`). */
export function kindTerms(): Term[] {
  return rightKinds().map((k) => ({ code: k.type, zh: k.label.zh, en: k.label.en }));
}

/** Every preset reason: the kinds' confirm reasons, the general dismissals, the kinds' dismissals, then "other" (group `reason`). */
export function reasonTerms(): ReasonTerm[] {
  const own = rightKinds().flatMap((k) => k.reasons.map((r) => ({ code: r.code, decision: r.decision, zh: r.zh, en: r.en, fits: [k.type] })));
  const general = (after: 'kinds' | 'end') => GENERAL_REASON_TERMS.filter((g) => g.after === after)
    .map((g) => ({ code: g.code, decision: g.decision, zh: g.zh, en: g.en, fits: [] }));
  return [...own.filter((r) => r.decision === 'confirm'), ...general('kinds'), ...own.filter((r) => r.decision === 'dismiss'), ...general('end')];
}

/** The Chinese name of a kind ("注册商标"), or the raw id of an unknown one. */
export const kindZh = (type: string): string => kindOf(type)?.label.zh ?? type;

/** Every group, the core's and the installed kinds', by group name. */
export function servedVocabulary(): Record<string, readonly Term[]> {
  const out: Record<string, readonly Term[]> = { ...vocabulary(), kind: kindTerms(), reason: reasonTerms() };
  for (const k of rightKinds()) Object.assign(out, k.codes);
  return out;
}
