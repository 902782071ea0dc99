/**
 * Preset reasons for review decisions, so an officer working through a queue
 * picks one instead of typing. `other` takes free text.
 */
import { invalid } from '../domain/errors.js';
import { zhLabel } from '../domain/vocabulary.js';
import { reasonTerms } from '../kinds/kind.vocabulary.js';

/** One preset reason, as the API lists it (GET /api/review/reasons). */
export interface ReviewReason {
  code: string;
  decision: 'confirm' | 'dismiss';
  /** Chinese first, English second; stored as the decision's reason. */
  label: string;
  /** Kinds of right it fits (the page pre-selects by the top match); empty: any. */
  fits: string[];
}


/** Every preset reason (the kinds' own and the general ones, kinds/kind.vocabulary.ts), as the API lists them. */
export function reviewReasons(): ReviewReason[] {
  return reasonTerms().map((r) => ({ code: r.code, decision: r.decision, label: `${r.zh} ${r.en}`, fits: [...r.fits] }));
}

/** The preset reason codes (validation). */
export function reasonCodes(): [string, ...string[]] {
  return reviewReasons().map((r) => r.code) as [string, ...string[]];
}

/**
 * The reason text to store: the preset's label, or the officer's own words for
 * `other_*` (required then). Throws invalid (400) on a mismatch.
 */
export function resolveReason(decision: 'confirm' | 'dismiss', reasonCode: string | undefined, reason: string | undefined): string {
  const text = reason?.trim();
  if (!reasonCode) {
    if (!text) throw invalid('a reason is required', [{ where: 'body', field: 'reason', message: '请选择或填写理由 give reasonCode or reason' }]);
    return text;
  }
  const preset = reviewReasons().find((r) => r.code === reasonCode);
  if (!preset) throw invalid(`unknown reasonCode ${reasonCode}`, [{ where: 'body', field: 'reasonCode', message: '没有这个理由 unknown reason' }]);
  if (preset.decision !== decision) throw invalid(`reason ${reasonCode} is for ${preset.decision}`, [{ where: 'body', field: 'reasonCode', message: `该理由用于${zhLabel('decision', preset.decision)} goes with ${preset.decision}` }]);
  if (reasonCode.startsWith('other_')) {
    if (!text) throw invalid('"other" needs the reason written out', [{ where: 'body', field: 'reason', message: '选择“其他”时须填写理由 required with reasonCode other' }]);
    return text;
  }
  return text ? `${preset.label}；${text}` : preset.label;
}
