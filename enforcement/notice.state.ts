/**
 * The takedown notice state machine, pure (no I/O).
 *
 * A notice:  draft ──send──► sent ──(items answered)──► answered ──(all items final)──► closed
 *                              │  ▲                        │
 *                              ▼  │ (late replies)          ▼
 *                            overdue ◄──(deadline passed, listing still present)
 *            draft | sent | answered | overdue ──withdraw──► withdrawn
 *
 * Sent, answered, overdue and closed follow from the items' states
 * ({@link deriveNoticeState}); send and withdraw are explicit.
 *
 * An item (one listing in a notice):
 *   open ──platform: delisted──► delisted ──re-scan finds it gone──► delisted_confirmed
 *   open ──platform: refused───► refused   ──officer: escalate / withdraw──► escalated / withdrawn
 *   open ──platform: counter-notice (不侵权声明)──► countered ──officer: escalate / withdraw──►
 *   open | delisted ──deadline passed, still present──► overdue ──late reply──► delisted | refused | countered
 *   any non-final ──re-scan finds it gone──► delisted_confirmed
 */

import { ITEM_STATES, type ItemState, type NoticeState } from '../domain/vocabulary.js';

// The states and measures (codes and labels) are defined in domain/vocabulary.ts.
export { ITEM_STATES, MEASURES, NOTICE_STATES, type ItemState, type Measure, type NoticeState } from '../domain/vocabulary.js';

/** What can happen to an item. */
export type ItemEvent =
  | 'reply_delisted' | 'reply_refused' | 'reply_counter_notice'
  | 'rescan_gone' | 'deadline_passed'
  | 'withdraw' | 'escalate';

/** Explicit notice actions (the rest is derived from the items). */
export type NoticeEvent = 'send' | 'withdraw' | 'reply';

const ITEM_TRANSITIONS: Record<ItemState, Partial<Record<ItemEvent, ItemState>>> = {
  open: {
    reply_delisted: 'delisted', reply_refused: 'refused', reply_counter_notice: 'countered',
    rescan_gone: 'delisted_confirmed', deadline_passed: 'overdue', withdraw: 'withdrawn',
  },
  delisted: { rescan_gone: 'delisted_confirmed', deadline_passed: 'overdue', withdraw: 'withdrawn' },
  overdue: {
    reply_delisted: 'delisted', reply_refused: 'refused', reply_counter_notice: 'countered',
    rescan_gone: 'delisted_confirmed', withdraw: 'withdrawn', escalate: 'escalated',
  },
  refused: { rescan_gone: 'delisted_confirmed', withdraw: 'withdrawn', escalate: 'escalated' },
  countered: { rescan_gone: 'delisted_confirmed', withdraw: 'withdrawn', escalate: 'escalated' },
  delisted_confirmed: {},
  withdrawn: {},
  escalated: {},
};

/** Item states nothing more happens to. */
export const FINAL_ITEM_STATES: ReadonlySet<ItemState> = new Set(['delisted_confirmed', 'withdrawn', 'escalated']);

/** Notice states in which the platform may reply and re-scans/deadlines apply. */
export const LIVE_NOTICE_STATES: readonly NoticeState[] = ['sent', 'answered', 'overdue'];

/** Thrown for a transition the state machine does not allow; the API answers 409. */
export class IllegalTransitionError extends Error {
  constructor(readonly subject: 'notice' | 'item', readonly from: string, readonly event: string, readonly id?: number) {
    super(`${subject}${id !== undefined ? ` ${id}` : ''} is ${from}: cannot ${event.replace(/_/g, ' ')}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canItem(state: ItemState, event: ItemEvent): boolean {
  return ITEM_TRANSITIONS[state][event] !== undefined;
}

/** The item's next state, or throws {@link IllegalTransitionError}. */
export function nextItemState(state: ItemState, event: ItemEvent, id?: number): ItemState {
  const next = ITEM_TRANSITIONS[state]?.[event];
  if (!next) throw new IllegalTransitionError('item', state, event, id);
  return next;
}

const NOTICE_EVENTS: Record<NoticeEvent, readonly NoticeState[]> = {
  send: ['draft'],
  withdraw: ['draft', 'sent', 'answered', 'overdue'],
  reply: ['sent', 'answered', 'overdue'],
};

export function canNotice(state: NoticeState, event: NoticeEvent): boolean {
  return NOTICE_EVENTS[event].includes(state);
}

/** Throws {@link IllegalTransitionError} unless the notice may take this action. */
export function assertNoticeEvent(state: NoticeState, event: NoticeEvent, id?: number): void {
  if (!canNotice(state, event)) throw new IllegalTransitionError('notice', state, event, id);
}

/**
 * The notice's state given its items. Draft and withdrawn notices keep their
 * state; a closed one stays closed. Otherwise: all items final → closed; any
 * item overdue → overdue; no item waiting for the platform → answered; else sent.
 */
export function deriveNoticeState(current: NoticeState, items: readonly ItemState[]): NoticeState {
  if (current === 'draft' || current === 'withdrawn' || current === 'closed') return current;
  if (items.length && items.every((s) => FINAL_ITEM_STATES.has(s))) return 'closed';
  if (items.some((s) => s === 'overdue')) return 'overdue';
  if (items.every((s) => s !== 'open')) return 'answered';
  return 'sent';
}

/** Every allowed item transition, for documentation and tests. */
export function itemTransitions(): Array<{ from: ItemState; event: ItemEvent; to: ItemState }> {
  const out: Array<{ from: ItemState; event: ItemEvent; to: ItemState }> = [];
  for (const from of ITEM_STATES) {
    for (const [event, to] of Object.entries(ITEM_TRANSITIONS[from])) out.push({ from, event: event as ItemEvent, to: to! });
  }
  return out;
}
