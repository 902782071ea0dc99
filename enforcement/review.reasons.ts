/**
 * Preset reasons for review decisions, so an officer working through a queue
 * picks one instead of typing. `other` takes free text.
 */
import { invalid } from '../domain/errors.js';

/** One preset reason. */
export interface ReviewReason {
  code: string;
  decision: 'confirm' | 'dismiss';
  /** Chinese first, English second; stored as the decision's reason. */
  label: string;
  /** IP types it usually fits (the page pre-selects by the top match); empty: any. */
  fits: Array<'trademark' | 'gi' | 'patent'>;
}

export const REVIEW_REASONS: readonly ReviewReason[] = [
  { code: 'tm_unauthorized', decision: 'confirm', fits: ['trademark'], label: '未经许可在同一种商品上使用相同/近似注册商标 Registered mark used without licence' },
  { code: 'tm_replica', decision: 'confirm', fits: ['trademark'], label: '标注高仿、复刻、A货等，明示假冒 Listing admits replica / counterfeit' },
  { code: 'gi_origin', decision: 'confirm', fits: ['gi'], label: '产地不在地理标志保护范围内，冒用地理标志 GI used for goods from outside the region' },
  { code: 'pt_fake', decision: 'confirm', fits: ['patent'], label: '假冒专利：专利号不存在、校验位错误或专利已失效 Fake patent marking' },
  { code: 'pt_unlicensed', decision: 'confirm', fits: ['patent'], label: '未经许可实施他人专利 Patent used without licence' },
  { code: 'authorized', decision: 'dismiss', fits: [], label: '授权店铺或正品渠道 Authorised seller / genuine goods' },
  { code: 'descriptive', decision: 'dismiss', fits: ['trademark'], label: '描述性或非商标性使用（如配件适配说明） Descriptive use, not as a mark' },
  { code: 'unrelated', decision: 'dismiss', fits: [], label: '误报：文字相似但与权利无关 False positive: unrelated wording' },
  { code: 'in_region', decision: 'dismiss', fits: ['gi'], label: '产地在保护范围内且有权使用 Origin inside the GI region' },
  { code: 'other_confirm', decision: 'confirm', fits: [], label: '其他（请填写） Other (write the reason)' },
  { code: 'other_dismiss', decision: 'dismiss', fits: [], label: '其他（请填写） Other (write the reason)' },
];

export const REASON_CODES = REVIEW_REASONS.map((r) => r.code) as [string, ...string[]];

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
  const preset = REVIEW_REASONS.find((r) => r.code === reasonCode);
  if (!preset) throw invalid(`unknown reasonCode ${reasonCode}`, [{ where: 'body', field: 'reasonCode', message: 'unknown reason' }]);
  if (preset.decision !== decision) throw invalid(`reason ${reasonCode} is for ${preset.decision}`, [{ where: 'body', field: 'reasonCode', message: `goes with ${preset.decision}` }]);
  if (reasonCode.startsWith('other_')) {
    if (!text) throw invalid('"other" needs the reason written out', [{ where: 'body', field: 'reason', message: 'required with reasonCode other' }]);
    return text;
  }
  return text ? `${preset.label}；${text}` : preset.label;
}
