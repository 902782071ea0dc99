/**
 * Codes of takedown: the notice's state, each item's state (the state machine
 * is enforcement/notice.state.ts), and where a case came from.
 */
import { codesOf, type Term } from './term.model.js';

/** takedown_notices.state. */
export const NOTICE_STATE_TERMS = [
  { code: 'draft', zh: '草稿', en: 'Draft' },
  { code: 'sent', zh: '已发出', en: 'Sent' },
  { code: 'answered', zh: '已答复', en: 'Answered' },
  { code: 'overdue', zh: '逾期', en: 'Overdue' },
  { code: 'closed', zh: '已办结', en: 'Closed' },
  { code: 'withdrawn', zh: '已撤回', en: 'Withdrawn' },
] as const satisfies readonly Term[];
export const NOTICE_STATES = codesOf(NOTICE_STATE_TERMS);
export type NoticeState = (typeof NOTICE_STATES)[number];

/** notice_items.state. */
export const ITEM_STATE_TERMS = [
  { code: 'open', zh: '待处理', en: 'Open' },
  { code: 'delisted', zh: '已删除', en: 'Delisted' },
  { code: 'refused', zh: '拒绝', en: 'Refused' },
  { code: 'countered', zh: '不侵权声明', en: 'Counter-notice' },
  { code: 'overdue', zh: '逾期', en: 'Overdue' },
  { code: 'delisted_confirmed', zh: '复查确认已删除', en: 'Confirmed gone' },
  { code: 'withdrawn', zh: '已撤回', en: 'Withdrawn' },
  { code: 'escalated', zh: '已立案', en: 'Escalated' },
] as const satisfies readonly Term[];
export const ITEM_STATES = codesOf(ITEM_STATE_TERMS);
export type ItemState = (typeof ITEM_STATES)[number];

/** cases.source: an officer's own decision, or a refused / countered item escalated. */
export const CASE_SOURCE_TERMS = [
  { code: 'officer', zh: '审核立案', en: 'Opened on review' },
  { code: 'escalation', zh: '平台拒绝后转立案', en: 'Escalated after the platform\'s answer' },
] as const satisfies readonly Term[];
