/** The notice state machine: the pure rules, and the API refusing illegal transitions without changing anything. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ITEM_STATES, IllegalTransitionError, assertNoticeEvent, canItem, deriveNoticeState, itemTransitions, nextItemState,
  type ItemEvent, type ItemState, type NoticeEvent, type NoticeState,
} from '../../enforcement/notice.state.js';
import { confirmGoneListings } from '../../enforcement/takedown.service.js';
import { PLATFORM_A, setupFixture, snapshot, type Fixture } from './fixtures.js';

describe('item transitions (pure)', () => {
  const allowed: Array<[ItemState, ItemEvent, ItemState]> = [
    ['open', 'reply_delisted', 'delisted'], ['open', 'reply_refused', 'refused'], ['open', 'reply_counter_notice', 'countered'],
    ['open', 'rescan_gone', 'delisted_confirmed'], ['open', 'deadline_passed', 'overdue'], ['open', 'withdraw', 'withdrawn'],
    ['delisted', 'rescan_gone', 'delisted_confirmed'], ['delisted', 'deadline_passed', 'overdue'], ['delisted', 'withdraw', 'withdrawn'],
    ['overdue', 'reply_delisted', 'delisted'], ['overdue', 'reply_refused', 'refused'], ['overdue', 'reply_counter_notice', 'countered'],
    ['overdue', 'rescan_gone', 'delisted_confirmed'], ['overdue', 'withdraw', 'withdrawn'], ['overdue', 'escalate', 'escalated'],
    ['refused', 'rescan_gone', 'delisted_confirmed'], ['refused', 'withdraw', 'withdrawn'], ['refused', 'escalate', 'escalated'],
    ['countered', 'rescan_gone', 'delisted_confirmed'], ['countered', 'withdraw', 'withdrawn'], ['countered', 'escalate', 'escalated'],
  ];

  it('allows exactly the documented transitions', () => {
    expect(itemTransitions().map((t) => [t.from, t.event, t.to]).sort()).toEqual([...allowed].sort());
  });

  it('refuses every other (state, event) pair', () => {
    const events: ItemEvent[] = ['reply_delisted', 'reply_refused', 'reply_counter_notice', 'rescan_gone', 'deadline_passed', 'withdraw', 'escalate'];
    for (const s of ITEM_STATES) {
      for (const e of events) {
        const ok = allowed.some(([f, ev]) => f === s && ev === e);
        expect(canItem(s, e), `${s} + ${e}`).toBe(ok);
        if (!ok) expect(() => nextItemState(s, e)).toThrow(IllegalTransitionError);
      }
    }
  });

  it('final states take nothing more', () => {
    for (const s of ['delisted_confirmed', 'withdrawn', 'escalated'] as ItemState[]) {
      expect(itemTransitions().filter((t) => t.from === s)).toEqual([]);
    }
  });
});

describe('notice states (pure)', () => {
  it('send only from draft; withdraw until closed; replies only when live', () => {
    const cases: Array<[NoticeState, NoticeEvent, boolean]> = [
      ['draft', 'send', true], ['sent', 'send', false], ['closed', 'send', false], ['withdrawn', 'send', false],
      ['draft', 'withdraw', true], ['sent', 'withdraw', true], ['overdue', 'withdraw', true], ['closed', 'withdraw', false], ['withdrawn', 'withdraw', false],
      ['draft', 'reply', false], ['sent', 'reply', true], ['answered', 'reply', true], ['overdue', 'reply', true], ['closed', 'reply', false], ['withdrawn', 'reply', false],
    ];
    for (const [s, e, ok] of cases) {
      if (ok) expect(() => assertNoticeEvent(s, e)).not.toThrow();
      else expect(() => assertNoticeEvent(s, e), `${s} ${e}`).toThrow(IllegalTransitionError);
    }
  });

  it('derives sent / answered / overdue / closed from the items', () => {
    expect(deriveNoticeState('sent', ['open', 'delisted'])).toBe('sent');
    expect(deriveNoticeState('sent', ['delisted', 'refused'])).toBe('answered');
    expect(deriveNoticeState('answered', ['overdue', 'delisted'])).toBe('overdue');
    expect(deriveNoticeState('overdue', ['delisted', 'countered'])).toBe('answered');
    expect(deriveNoticeState('answered', ['delisted_confirmed', 'withdrawn', 'escalated'])).toBe('closed');
    expect(deriveNoticeState('draft', ['delisted_confirmed'])).toBe('draft');
    expect(deriveNoticeState('withdrawn', ['open'])).toBe('withdrawn');
    expect(deriveNoticeState('closed', ['open'])).toBe('closed');
  });
});

describe('the API refuses illegal transitions and changes nothing', () => {
  let f: Fixture;
  let notice: number;
  let items: Array<{ id: number; listingId: number }>;
  const L: number[] = [];

  beforeAll(async () => {
    f = await setupFixture();
    for (const id of ['s1', 's2', 's3']) {
      const l = await f.addListing({ platform: PLATFORM_A, listingId: id, title: `安踏 ${id}` });
      L.push(l.listingId);
      await f.inject('officer', 'POST', `/api/review/listings/${l.listingId}/decision`, { decision: 'confirm', reason: 'r' });
    }
    notice = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices[0].id;
    items = (await f.inject('officer', 'GET', `/api/notices/${notice}`)).json().items;
  });
  afterAll(async () => { await f?.close(); });

  const refused = async (role: Parameters<Fixture['inject']>[0], method: string, url: string, body: unknown, status: number, error?: string) => {
    const before = await snapshot(f.db);
    const r = await f.inject(role, method, url, body);
    expect(r.statusCode, r.body).toBe(status);
    if (error) expect(r.json().error).toBe(error);
    expect(await snapshot(f.db)).toBe(before);
    return r;
  };

  it('draft: the platform cannot see or answer it; it cannot be resolved', async () => {
    await refused('platformA', 'POST', `/api/notices/${notice}/replies`, { action: 'delisted' }, 404);
    await refused('officer', 'POST', `/api/notices/${notice}/items/${items[0].id}/resolve`, { outcome: 'escalate', reason: 'x' }, 409);
  });

  it('sent: cannot be sent again', async () => {
    expect((await f.inject('officer', 'POST', `/api/notices/${notice}/send`)).statusCode).toBe(200);
    const r = await refused('officer', 'POST', `/api/notices/${notice}/send`, undefined, 409, 'illegal_transition');
    expect(r.json().message).toMatch(/is sent: cannot send/);
  });

  it('an open item cannot be escalated; a refused one cannot be answered again', async () => {
    await refused('officer', 'POST', `/api/notices/${notice}/items/${items[0].id}/resolve`, { outcome: 'escalate', reason: 'x' }, 409, 'illegal_transition');
    expect((await f.inject('platformA', 'POST', `/api/notices/${notice}/replies`, { action: 'refused', reason: '正品', itemIds: [items[0].id] })).statusCode).toBe(200);
    await refused('platformA', 'POST', `/api/notices/${notice}/replies`, { action: 'delisted', itemIds: [items[0].id] }, 409, 'illegal_transition');
    // One bad item in the list: nothing is applied, not even to the good one.
    await refused('platformA', 'POST', `/api/notices/${notice}/replies`, { action: 'delisted', itemIds: [items[1].id, items[0].id] }, 409, 'illegal_transition');
  });

  it('the officer escalates a refusal: a case is opened', async () => {
    const r = await f.inject('officer', 'POST', `/api/notices/${notice}/items/${items[0].id}/resolve`, { outcome: 'escalate', reason: '立案调查' });
    expect(r.statusCode).toBe(200);
    expect((await f.inject('officer', 'GET', '/api/cases')).json().cases[0]).toMatchObject({ source: 'escalation', note: '立案调查' });
    await refused('officer', 'POST', `/api/notices/${notice}/items/${items[0].id}/resolve`, { outcome: 'withdraw', reason: 'x' }, 409, 'illegal_transition');
  });

  it('delisted then gone → delisted_confirmed; all final → closed; a closed notice takes nothing', async () => {
    expect((await f.inject('platformA', 'POST', `/api/notices/${notice}/replies`, { action: 'delisted' })).json().changed).toHaveLength(2);
    expect(await confirmGoneListings(f.db, { listingIds: [items[1].listingId, items[2].listingId], observedAt: f.now.value })).toBe(2);
    expect(await confirmGoneListings(f.db, { listingIds: [items[1].listingId], observedAt: f.now.value })).toBe(0);
    const d = (await f.inject('officer', 'GET', `/api/notices/${notice}`)).json();
    expect(d.notice.state).toBe('closed');
    expect(d.events.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(['create', 'send', 'reply_refused', 'escalate', 'reply_delisted', 'rescan_gone', 'state']));
    await refused('officer', 'POST', `/api/notices/${notice}/withdraw`, { reason: 'x' }, 409, 'illegal_transition');
    await refused('platformA', 'POST', `/api/notices/${notice}/replies`, { action: 'delisted' }, 409, 'illegal_transition');
  });

  it('a withdrawn notice takes no reply; its items are withdrawn', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 's9', title: '安踏 s9' });
    await f.inject('officer', 'POST', `/api/review/listings/${l.listingId}/decision`, { decision: 'confirm', reason: 'r' });
    const n = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices[0].id;
    await f.inject('officer', 'POST', `/api/notices/${n}/send`);
    const w = await f.inject('officer', 'POST', `/api/notices/${n}/withdraw`, { reason: '误报' });
    expect(w.json().state).toBe('withdrawn');
    await refused('platformA', 'POST', `/api/notices/${n}/replies`, { action: 'delisted' }, 409, 'illegal_transition');
    await refused('officer', 'POST', `/api/notices/${n}/send`, undefined, 409, 'illegal_transition');
    expect((await f.inject('officer', 'GET', `/api/notices/${n}`)).json().items[0].state).toBe('withdrawn');
  });

  it('a delisting contradicted by a later sighting becomes overdue after the deadline', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 's10', title: '安踏 s10' });
    await f.inject('officer', 'POST', `/api/review/listings/${l.listingId}/decision`, { decision: 'confirm', reason: 'r' });
    const n = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices[0].id;
    await f.inject('officer', 'POST', `/api/notices/${n}/send`);
    await f.inject('platformA', 'POST', `/api/notices/${n}/replies`, { action: 'delisted' });
    await f.setNow('2026-12-10T00:00:00Z');
    expect((await f.inject('officer', 'POST', '/api/notices/check-overdue')).json().overdueItems).toBe(0);
    await f.seen(l.listingId, new Date('2026-12-09T00:00:00Z'));
    expect((await f.inject('officer', 'POST', '/api/notices/check-overdue')).json().overdueItems).toBe(1);
    expect((await f.inject('officer', 'GET', `/api/notices/${n}`)).json().notice.state).toBe('overdue');
  });
});
