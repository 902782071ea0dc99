/**
 * Preset reasons for review decisions, so an officer working through a queue
 * picks one instead of typing. `other` takes free text.
 */
import { invalid } from '../domain/errors.js';
import type { KindReason } from '../kinds/kind.js';
import { rightKinds } from '../kinds/kind.registry.js';

/** One preset reason. */
export interface ReviewReason {
  code: string;
  decision: 'confirm' | 'dismiss';
  /** Chinese first, English second; stored as the decision's reason. */
  label: string;
  /** Kinds of right it fits (the page pre-selects by the top match); empty: any. */
  fits: string[];
}

/** Reasons that fit any kind; each kind's own come from its module (kinds/<kind>.kind.ts). */
const GENERAL: ReadonlyArray<KindReason & { after: 'kinds' | 'end' }> = [
  { code: 'authorized', decision: 'dismiss', after: 'kinds', label: { zh: '授权店铺或正品渠道', en: 'Authorised seller / genuine goods' } },
  { code: 'unrelated', decision: 'dismiss', after: 'kinds', label: { zh: '误报：文字相似但与权利无关', en: 'False positive: unrelated wording' } },
  { code: 'other_confirm', decision: 'confirm', after: 'end', label: { zh: '其他（请填写）', en: 'Other (write the reason)' } },
  { code: 'other_dismiss', decision: 'dismiss', after: 'end', label: { zh: '其他（请填写）', en: 'Other (write the reason)' } },
];

const bilingual = (l: KindReason['label']) => `${l.zh} ${l.en}`;

/** Every preset reason: the kinds' confirm reasons, the general dismissals, the kinds' dismissals, then "other". */
export function reviewReasons(): ReviewReason[] {
  const own = rightKinds().flatMap((k) => k.reasons.map((r) => ({ code: r.code, decision: r.decision, label: bilingual(r.label), fits: [k.type] })));
  const general = (after: 'kinds' | 'end') => GENERAL.filter((g) => g.after === after).map((g) => ({ code: g.code, decision: g.decision, label: bilingual(g.label), fits: [] }));
  return [...own.filter((r) => r.decision === 'confirm'), ...general('kinds'), ...own.filter((r) => r.decision === 'dismiss'), ...general('end')];
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
    if (!text) throw invalid('a reason is required', [{ where: 'body', field: 'reason', message: 'give reasonCode or reason' }]);
    return text;
  }
  const preset = reviewReasons().find((r) => r.code === reasonCode);
  if (!preset) throw invalid(`unknown reasonCode ${reasonCode}`, [{ where: 'body', field: 'reasonCode', message: 'unknown reason' }]);
  if (preset.decision !== decision) throw invalid(`reason ${reasonCode} is for ${preset.decision}`, [{ where: 'body', field: 'reasonCode', message: `goes with ${preset.decision}` }]);
  if (reasonCode.startsWith('other_')) {
    if (!text) throw invalid('"other" needs the reason written out', [{ where: 'body', field: 'reason', message: 'required with reasonCode other' }]);
    return text;
  }
  return text ? `${preset.label}；${text}` : preset.label;
}
