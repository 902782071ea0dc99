/**
 * Every stored code with its Chinese and English labels, in one place: the
 * exports, the printed notice and the web pages (GET /api/meta/vocabulary)
 * read their words here and nowhere else. Each group lists its codes in the
 * order they are shown; the code unions are derived from the same lists.
 * A test checks the database's CHECK constraints against these groups
 * (test/store/vocabulary-constraints.test.ts).
 *
 * These are the core's codes. What belongs to a kind of right — the kinds
 * themselves, their reasons, their own codes (a patent's type and status) —
 * is in the kind's module; kinds/kind.vocabulary.ts serves both together.
 */
import { AUDIT_ACTION_TERMS, ROLE_TERMS } from './vocabulary/account.codes.js';
import { API_ERROR_TERMS, FIELD_TERMS } from './vocabulary/api.codes.js';
import { CASE_SOURCE_TERMS, ITEM_STATE_TERMS, NOTICE_STATE_TERMS } from './vocabulary/notice.codes.js';
import { DECISION_TERMS, MEASURE_TERMS, SIGNAL_TERMS } from './vocabulary/review.codes.js';
import { STATS_GROUP_TERMS, STATS_PERIOD_TERMS } from './vocabulary/stats.codes.js';
import {
  EVIDENCE_KIND_TERMS, IMAGE_REFUSAL_TERMS, SCREENSHOT_PROVENANCE_TERMS, LISTING_STATUS_TERMS, PAGE_STATE_TERMS, RUN_LISTING_SOURCE_TERMS, RUN_LISTING_STATE_TERMS, RUN_STATE_TERMS,
} from './vocabulary/scan.codes.js';
import type { Term } from './vocabulary/term.model.js';

export type { Term } from './vocabulary/term.model.js';
export * from './vocabulary/account.codes.js';
export * from './vocabulary/notice.codes.js';
export * from './vocabulary/register.codes.js';
export * from './vocabulary/review.codes.js';
export * from './vocabulary/scan.codes.js';
export * from './vocabulary/stats.codes.js';

/** Each group's terms, by the group's name (the names the web pages use). */
const GROUP_SOURCES = {
  signal: () => SIGNAL_TERMS,
  decision: () => DECISION_TERMS,
  measure: () => MEASURE_TERMS,
  noticeState: () => NOTICE_STATE_TERMS,
  itemState: () => ITEM_STATE_TERMS,
  caseSource: () => CASE_SOURCE_TERMS,
  runState: () => RUN_STATE_TERMS,
  pageState: () => PAGE_STATE_TERMS,
  runListingState: () => RUN_LISTING_STATE_TERMS,
  runListingSource: () => RUN_LISTING_SOURCE_TERMS,
  listingStatus: () => LISTING_STATUS_TERMS,
  evidenceKind: () => EVIDENCE_KIND_TERMS,
  screenshotProvenance: () => SCREENSHOT_PROVENANCE_TERMS,
  imageRefusal: () => IMAGE_REFUSAL_TERMS,
  role: () => ROLE_TERMS,
  auditAction: () => AUDIT_ACTION_TERMS,
  statsGroup: () => STATS_GROUP_TERMS,
  statsPeriod: () => STATS_PERIOD_TERMS,
  apiError: () => API_ERROR_TERMS,
  field: () => FIELD_TERMS,
} satisfies Record<string, () => readonly Term[]>;

export type VocabularyGroup = keyof typeof GROUP_SOURCES;
const GROUPS: Record<VocabularyGroup, () => readonly Term[]> = GROUP_SOURCES;
export const VOCABULARY_GROUPS = Object.keys(GROUPS) as VocabularyGroup[];

/** Every group with its terms, as served to the web pages. */
export function vocabulary(): Record<VocabularyGroup, readonly Term[]> {
  return Object.fromEntries(VOCABULARY_GROUPS.map((g) => [g, GROUPS[g]()])) as unknown as Record<VocabularyGroup, readonly Term[]>;
}

/** The terms of one group. */
export const termsOf = (group: VocabularyGroup): readonly Term[] => GROUPS[group]();

/** The term of `code` in `group`, or undefined for a code the group does not know. */
export const termOf = (group: VocabularyGroup, code: string | null | undefined): Term | undefined =>
  code ? GROUPS[group]().find((t) => t.code === code) : undefined;

/** The Chinese label of `code` ("确认侵权"); the code itself if unknown, '' for none. */
export const zhLabel = (group: VocabularyGroup, code: string | null | undefined): string => termOf(group, code)?.zh ?? code ?? '';

/** "确认侵权 Confirmed": Chinese first, English after; the code itself if unknown, '' for none. */
export function bilingual(group: VocabularyGroup, code: string | null | undefined): string {
  const t = termOf(group, code);
  return t ? `${t.zh} ${t.en}` : code ?? '';
}
