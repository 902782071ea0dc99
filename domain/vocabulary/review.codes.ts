/**
 * Codes of review: where a hit came from (signals), the decision, the measure
 * a confirmed decision asks for, and the preset reasons an officer picks.
 */
import type { SignalName } from '../verdict.js';
import { codesOf, type Term } from './term.model.js';

/** Where a hit came from (verdict_matches.signal). */
export const SIGNAL_TERMS = [
  { code: 'title', zh: '标题含商标', en: 'Mark in title' },
  { code: 'description', zh: '描述含商标', en: 'Mark in description' },
  { code: 'attributes', zh: '属性含商标', en: 'Mark in attributes' },
  { code: 'ocr', zh: '图片文字', en: 'Text in image (OCR)' },
  { code: 'image', zh: '图片标识', en: 'Logo in image' },
  { code: 'origin', zh: '产地不符', en: 'Origin outside GI region' },
  { code: 'patent-number', zh: '专利标注', en: 'Patent marking' },
] as const satisfies readonly Term[];
export const SIGNAL_CODES = codesOf(SIGNAL_TERMS);
// The detector's signal names and these codes are the same set (a compile error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const signalsAgree: Same<(typeof SIGNAL_CODES)[number], SignalName> = true;
void signalsAgree;

/** An officer's decision on a listing (review_decisions.decision). */
export const DECISION_TERMS = [
  { code: 'confirm', zh: '确认侵权', en: 'Confirmed' },
  { code: 'dismiss', zh: '排除', en: 'Dismissed' },
] as const satisfies readonly Term[];
export const DECISIONS = codesOf(DECISION_TERMS);
export type Decision = (typeof DECISIONS)[number];

/**
 * The measures a notice may request, and a platform may report as taken
 * (review_decisions.measure, notice_items.measure / measure_taken). The
 * Chinese is the printed notice's wording.
 */
export const MEASURE_TERMS = [
  { code: 'delete_listing', zh: '删除商品信息', en: 'Delete the listing' },
  { code: 'stop_shop', zh: '停止网店平台服务', en: 'Stop the shop\'s platform service' },
  { code: 'block_site', zh: '屏蔽或关闭网站', en: 'Block or close the site' },
  { code: 'rectify_site', zh: '责令整改网站', en: 'Order the site to rectify' },
] as const satisfies readonly Term[];
export const MEASURES = codesOf(MEASURE_TERMS);
export type Measure = (typeof MEASURES)[number];

/** A preset reason for a review decision (the officer picks one instead of typing). */
export interface ReasonTerm extends Term {
  decision: Decision;
  /** Kinds of right it usually fits (the page pre-selects by the top match); empty: any. */
  fits: readonly string[];
}

/**
 * The preset reasons that fit any kind of right, and where they stand in the
 * list: `after: 'kinds'` follows the kinds' own confirm reasons, `'end'` closes
 * it. Each kind's own reasons are in its module (kinds/<kind>.kind.ts);
 * kinds/kind.vocabulary.ts puts the list together. `zh en` is what a decision
 * stores as its reason text, so changing a label changes what later
 * decisions store. `other_*` takes the officer's own words.
 */
export const GENERAL_REASON_TERMS: ReadonlyArray<Omit<ReasonTerm, 'fits'> & { after: 'kinds' | 'end' }> = [
  { code: 'authorized', decision: 'dismiss', after: 'kinds', zh: '授权店铺或正品渠道', en: 'Authorised seller / genuine goods' },
  { code: 'unrelated', decision: 'dismiss', after: 'kinds', zh: '误报：文字相似但与权利无关', en: 'False positive: unrelated wording' },
  { code: 'other_confirm', decision: 'confirm', after: 'end', zh: '其他（请填写）', en: 'Other (write the reason)' },
  { code: 'other_dismiss', decision: 'dismiss', after: 'end', zh: '其他（请填写）', en: 'Other (write the reason)' },
];
