/**
 * Takedown notices: grouping confirmed listings per platform, sending,
 * platform replies, officers' resolution of refusals and counter-notices,
 * re-scan confirmation and deadlines. Every change goes through
 * api/notice.state.ts, is recorded in notice_events and, when a person did it,
 * in the audit log. Each operation runs in one transaction: a refused request
 * changes nothing.
 *
 * Lock order: notice row, then its items (the same everywhere, so no deadlocks).
 */
import type pg from 'pg';
import { inTransaction, type Db, type Queryable } from '../store/database.js';
import {
  eventsOfNotice, getNotice, insertItems, insertNotice, insertNoticeEvent, itemsOfNotice, listNotices,
  liveNoticeIdsOfListings, liveNoticeIdsPastDeadline, lockEligibleDecisions, lockNotice, updateItem, updateNotice,
  type ItemPatch, type ItemRow, type LockedNotice, type NoticeFilter, type NoticeRow,
} from '../store/takedown.repository.js';
import type { AccountRow } from '../store/account.repository.js';
import { caseOfDecision } from '../store/review.repository.js';
import { audit, type Actor } from './account.service.js';
import { invalid, conflict, notFound } from '../domain/errors.js';
import {
  assertNoticeEvent, canItem, deriveNoticeState, LIVE_NOTICE_STATES, nextItemState,
  type ItemEvent, type ItemState, type Measure, type NoticeState,
} from './notice.state.js';
import { openCase } from './review.service.js';
import { assignNoticeNumber } from '../store/notice-number.repository.js';
import { localYear } from './time.format.js';
import type { EvidenceStore } from '../store/evidence.store.js';
import { assertEvidenceIntact, noticeEvidenceProblems } from './notice.integrity.js';

export type { NoticeRow, ItemRow };

type Staff = Actor & { id: number };

/** Applies one item event: checks the transition, writes the item and the event. */
async function applyItemEvent(c: Queryable, item: ItemRow, event: ItemEvent, patch: ItemPatch, accountId: number | null, now: Date, detail: Record<string, unknown> = {}): Promise<ItemState> {
  const to = nextItemState(item.state as ItemState, event, item.id);
  await updateItem(c, item.id, { ...patch, state: to }, now);
  await insertNoticeEvent(c, { noticeId: item.noticeId, itemId: item.id, event, fromState: item.state, toState: to, accountId, at: now, detail });
  return to;
}

/** Recomputes a live notice's state from its items and records the change. */
async function refreshNotice(c: Queryable, notice: LockedNotice, accountId: number | null, now: Date): Promise<NoticeState> {
  const items = await itemsOfNotice(c, notice.id);
  const from = notice.state as NoticeState;
  const to = deriveNoticeState(from, items.map((i) => i.state as ItemState));
  if (to !== from) {
    await updateNotice(c, notice.id, {
      state: to,
      ...(to === 'closed' ? { closedAt: now } : {}),
      ...(to === 'overdue' && !notice.overdueAt ? { overdueAt: now } : {}),
    }, now);
    await insertNoticeEvent(c, { noticeId: notice.id, itemId: null, event: 'state', fromState: from, toState: to, accountId, at: now });
  }
  return to;
}

/**
 * What a platform account sees of the bureau's people: display name and role,
 * never a login name (half of a credential) nor an account id (issue 23: ids
 * with event times told a platform which account was active when). Staff see
 * rows unchanged.
 */
export function asSeenBy<T extends NoticeRow>(n: T, account: AccountRow): T {
  if (account.role !== 'platform') return n;
  const { createdByUsername: _u, createdBy: _c, sentBy: _s, ...rest } = n;
  return rest as T;
}

type NoticeEvent = Awaited<ReturnType<typeof eventsOfNotice>>[number];

function eventsAsSeenBy(events: NoticeEvent[], account: AccountRow): NoticeEvent[] {
  if (account.role !== 'platform') return events;
  return events.map(({ username: _u, accountId: _a, ...e }) => e as NoticeEvent);
}

/** A notice as the caller may see it: platform accounts only their own platform's, never drafts (404 otherwise). */
export async function visibleNotice(db: Queryable, id: number, account: AccountRow): Promise<NoticeRow> {
  const n = await getNotice(db, id);
  if (!n || (account.role === 'platform' && (n.platform !== account.platform || n.state === 'draft'))) throw notFound(`notice ${id}`);
  return asSeenBy(n, account);
}

export async function listNoticesFor(db: Db, account: AccountRow, f: Omit<NoticeFilter, 'excludeDraft'>) {
  if (account.role === 'platform') {
    if (f.platform && f.platform !== account.platform) return { total: 0, notices: [] };
    const r = await listNotices(db, { ...f, platform: account.platform!, excludeDraft: true });
    return { total: r.total, notices: r.notices.map((n) => asSeenBy(n, account)) };
  }
  return listNotices(db, f);
}

/**
 * The notice with its items and history; with the evidence store, also the
 * cited files that fail their hash check (`evidenceProblems`, empty when all
 * are intact), which the desk shows as a warning.
 */
export async function noticeDetail(db: Db, id: number, account: AccountRow, evidence?: EvidenceStore) {
  const notice = await visibleNotice(db, id, account);
  const detail = { notice, items: await itemsOfNotice(db, id), events: eventsAsSeenBy(await eventsOfNotice(db, id), account) };
  return evidence ? { ...detail, evidenceProblems: await noticeEvidenceProblems(db, evidence, id) } : detail;
}

/**
 * Groups confirmed decisions that are in no notice yet (listing not gone)
 * into one draft notice per platform. With `decisionIds`, exactly those, and
 * each must be eligible (409 otherwise, nothing created).
 */
export async function createNotices(db: Db, actor: Staff, f: { platform?: string; decisionIds?: number[] }, sender: string, now: Date): Promise<NoticeRow[]> {
  const ids = await inTransaction(db, async (c) => {
    const eligible = await lockEligibleDecisions(c, f);
    if (f.decisionIds) {
      const found = new Set(eligible.map((d) => d.id));
      const missing = [...new Set(f.decisionIds)].filter((id) => !found.has(id));
      if (missing.length) throw conflict(`decision(s) ${missing.join(', ')} cannot go into a notice (not confirmed, already in a notice, listing gone${f.platform ? ', or another platform' : ''})`, 'not_eligible');
    }
    const byPlatform = new Map<string, typeof eligible>();
    for (const d of eligible) byPlatform.set(d.platform, [...(byPlatform.get(d.platform) ?? []), d]);
    const created: number[] = [];
    for (const [platform, items] of byPlatform) {
      const n = await insertNotice(c, { platform, sender, createdBy: actor.id, at: now });
      await insertItems(c, n.id, items, now);
      await insertNoticeEvent(c, { noticeId: n.id, itemId: null, event: 'create', fromState: null, toState: 'draft', accountId: actor.id, at: now, detail: { items: items.length } });
      await audit(c, actor, now, 'notice.create', 'notice', n.id, { ref: n.ref, platform, decisionIds: items.map((i) => i.id) });
      created.push(n.id);
    }
    return created;
  });
  return Promise.all(ids.map(async (id) => (await getNotice(db, id))!));
}

async function withNotice<T>(db: Db, id: number, fn: (c: pg.PoolClient, n: LockedNotice) => Promise<T>, scope?: AccountRow): Promise<T> {
  return inTransaction(db, async (c) => {
    const n = await lockNotice(c, id);
    if (!n || (scope?.role === 'platform' && (n.platform !== scope.platform || n.state === 'draft'))) throw notFound(`notice ${id}`);
    return fn(c, n);
  });
}

/**
 * draft → sent; the platform's deadline starts now. With the evidence store
 * (the API always passes it), every cited file is re-hashed first: a notice
 * citing a file that fails its check is refused (409 evidence_integrity,
 * naming the files) and stays a draft.
 */
export async function sendNotice(db: Db, actor: Staff, id: number, deadlineDays: number, now: Date, docPrefix = '闽榕市监知通', evidence?: EvidenceStore): Promise<NoticeRow> {
  await withNotice(db, id, async (c, n) => {
    assertNoticeEvent(n.state as NoticeState, 'send', id);
    if (evidence) assertEvidenceIntact(id, await noticeEvidenceProblems(c, evidence, id));
    const deadlineAt = new Date(now.getTime() + deadlineDays * 86400_000);
    await updateNotice(c, id, { state: 'sent', sentAt: now, sentBy: actor.id, deadlineAt }, now);
    // 文号: the next number of the year (Asia/Shanghai), stored with the notice.
    const { docNo } = await assignNoticeNumber(c, id, docPrefix, localYear(now), now);
    await insertNoticeEvent(c, { noticeId: id, itemId: null, event: 'send', fromState: n.state, toState: 'sent', accountId: actor.id, at: now, detail: { deadlineAt, docNo } });
    await audit(c, actor, now, 'notice.send', 'notice', id, { deadlineAt, docNo });
  });
  return (await getNotice(db, id))!;
}

/** Withdraws a notice that is not closed; its unfinished items are withdrawn too. */
export async function withdrawNotice(db: Db, actor: Staff, id: number, reason: string, now: Date): Promise<NoticeRow> {
  await withNotice(db, id, async (c, n) => {
    assertNoticeEvent(n.state as NoticeState, 'withdraw', id);
    for (const item of await itemsOfNotice(c, id, { lock: true })) {
      if (canItem(item.state as ItemState, 'withdraw')) await applyItemEvent(c, item, 'withdraw', { resolvedAt: now }, actor.id, now, { reason });
    }
    await updateNotice(c, id, { state: 'withdrawn', withdrawnAt: now }, now);
    await insertNoticeEvent(c, { noticeId: id, itemId: null, event: 'withdraw', fromState: n.state, toState: 'withdrawn', accountId: actor.id, at: now, detail: { reason } });
    await audit(c, actor, now, 'notice.withdraw', 'notice', id, { reason });
  });
  return (await getNotice(db, id))!;
}

/** A platform's answer to a notice, for some or all of its items. */
export interface ReplyInput {
  action: 'delisted' | 'refused' | 'counter_notice';
  /** Items answered; default every item that can take this answer. */
  itemIds?: number[];
  /** Required for refused. */
  reason?: string;
  /** What the platform did (delisted); default the measure requested. */
  measureTaken?: Measure;
  /** The seller's 不侵权声明, with its own preliminary evidence (counter_notice). */
  counterNotice?: { sellerName?: string; statement: string; evidence: string };
}

const REPLY_EVENT: Record<ReplyInput['action'], ItemEvent> = {
  delisted: 'reply_delisted', refused: 'reply_refused', counter_notice: 'reply_counter_notice',
};

export async function replyToNotice(db: Db, actor: Actor & { id: number }, account: AccountRow, id: number, input: ReplyInput, now: Date) {
  const event = REPLY_EVENT[input.action];
  const result = await withNotice(db, id, async (c, n) => {
    assertNoticeEvent(n.state as NoticeState, 'reply', id);
    const items = await itemsOfNotice(c, id, { lock: true });
    let targets: ItemRow[];
    if (input.itemIds) {
      const byId = new Map(items.map((i) => [i.id, i]));
      const unknown = input.itemIds.filter((i) => !byId.has(i));
      if (unknown.length) throw invalid(`item(s) ${unknown.join(', ')} are not in notice ${id}`, [{ where: 'body', field: 'itemIds', message: 'unknown item' }]);
      targets = [...new Set(input.itemIds)].map((i) => byId.get(i)!);
      for (const t of targets) nextItemState(t.state as ItemState, event, t.id); // throws 409 before anything is written
    } else {
      targets = items.filter((i) => canItem(i.state as ItemState, event));
      if (!targets.length) throw conflict(`notice ${id} has no item that can be answered ${input.action}`, 'nothing_to_answer');
    }
    const changed = [];
    for (const t of targets) {
      const patch: ItemPatch = { repliedAt: now };
      if (input.action === 'delisted') Object.assign(patch, { delistedAt: now, measureTaken: input.measureTaken ?? t.measure, replyReason: input.reason ?? null });
      if (input.action === 'refused') Object.assign(patch, { replyReason: input.reason });
      if (input.action === 'counter_notice') Object.assign(patch, { counterNotice: { ...input.counterNotice, receivedAt: now.toISOString() }, replyReason: input.reason ?? null });
      const to = await applyItemEvent(c, t, event, patch, actor.id, now, { reason: input.reason, measureTaken: patch.measureTaken });
      changed.push({ itemId: t.id, from: t.state, to });
    }
    if (!n.firstReplyAt) await updateNotice(c, id, { firstReplyAt: now }, now);
    const state = await refreshNotice(c, n, actor.id, now);
    await audit(c, actor, now, `notice.reply.${input.action}`, 'notice', id, { items: changed.map((x) => x.itemId), reason: input.reason, measureTaken: input.measureTaken });
    return { state, changed };
  }, account);
  return { notice: asSeenBy((await getNotice(db, id))!, account), changed: result.changed };
}

/**
 * The officer's answer to a refusal or counter-notice (or an overdue item):
 * escalate (opens a case, 立案查办) or withdraw the item.
 */
export async function resolveItem(db: Db, actor: Staff, noticeId: number, itemId: number, input: { outcome: 'escalate' | 'withdraw'; reason: string }, now: Date) {
  await withNotice(db, noticeId, async (c, n) => {
    const item = (await itemsOfNotice(c, noticeId, { lock: true })).find((i) => i.id === itemId);
    if (!item) throw notFound(`item ${itemId} of notice ${noticeId}`);
    if (n.state === 'draft' || n.state === 'withdrawn') throw conflict(`notice ${noticeId} is ${n.state}`, 'illegal_transition');
    await applyItemEvent(c, item, input.outcome, { resolvedAt: now }, actor.id, now, { reason: input.reason });
    if (input.outcome === 'escalate') {
      if (!(await caseOfDecision(c, item.decisionId))) await openCase(db, actor, item.decisionId, input.reason, now, 'escalation', c);
    }
    await refreshNotice(c, n, actor.id, now);
    await audit(c, actor, now, `notice.item.${input.outcome}`, 'notice_item', itemId, { noticeId, reason: input.reason });
  });
  return { notice: (await getNotice(db, noticeId))!, items: await itemsOfNotice(db, noticeId), events: await eventsOfNotice(db, noticeId) };
}

/**
 * Called by the pipeline after a re-scan: these listings are gone. Their items
 * in live notices become delisted_confirmed (the listing deleted, 条), and a
 * notice whose items are all final is closed. Returns the number of items moved.
 */
export async function confirmGoneListings(db: Db, opts: { listingIds: number[]; observedAt: Date }): Promise<number> {
  if (!opts.listingIds.length) return 0;
  const wanted = new Set(opts.listingIds);
  const noticeIds = await liveNoticeIdsOfListings(db, opts.listingIds);
  let moved = 0;
  for (const id of noticeIds) {
    moved += await inTransaction(db, async (c) => {
      const n = await lockNotice(c, id);
      if (!n || !['sent', 'answered', 'overdue'].includes(n.state)) return 0;
      let count = 0;
      for (const item of await itemsOfNotice(c, id, { lock: true })) {
        if (!wanted.has(item.listingId) || !canItem(item.state as ItemState, 'rescan_gone')) continue;
        await applyItemEvent(c, item, 'rescan_gone', { confirmedGoneAt: opts.observedAt }, null, opts.observedAt);
        count++;
      }
      if (count) await refreshNotice(c, n, null, opts.observedAt);
      return count;
    });
  }
  return moved;
}

/**
 * An officer records that listings are gone (`POST /api/notices/confirm-gone`).
 * delisted_confirmed is the figure the bureau reports as "deleted", so an
 * officer's word is held to what the scans saw: a listing whose latest scan
 * saw it present (status not `gone`) is refused (409 listing_present), and so
 * is an observation before the notice was sent, before the listing was last
 * seen, or in the future (400, field observedAt). All items move in one
 * transaction (a refused call changes nothing), each event carries the
 * officer's account, and each notice gets an audit row.
 */
export async function confirmGoneByOfficer(db: Db, actor: Staff, opts: { listingIds: number[]; observedAt: Date }, now: Date): Promise<number> {
  const at = opts.observedAt;
  const badTime = (message: string, zh: string) => invalid(message, [{ where: 'body', field: 'observedAt', message: zh }]);
  if (at.getTime() > now.getTime()) throw badTime('observedAt is in the future', '不能晚于当前时间 in the future');
  const wanted = new Set(opts.listingIds);
  return inTransaction(db, async (c) => {
    // Notices in id order, as everywhere a transaction locks more than one.
    const noticeIds = await liveNoticeIdsOfListings(c, opts.listingIds);
    const plan: Array<{ n: LockedNotice; items: ItemRow[] }> = [];
    const present: string[] = [];
    for (const id of noticeIds) {
      const n = await lockNotice(c, id);
      if (!n || !(LIVE_NOTICE_STATES as readonly string[]).includes(n.state)) continue;
      const items = (await itemsOfNotice(c, id, { lock: true }))
        .filter((i) => wanted.has(i.listingId) && canItem(i.state as ItemState, 'rescan_gone'));
      if (!items.length) continue;
      if (n.sentAt && at < n.sentAt) throw badTime(`observedAt ${at.toISOString()} is before notice ${id} was sent (${n.sentAt.toISOString()})`, '不能早于通知发送时间 before the notice was sent');
      for (const i of items) {
        if (i.listingStatus !== 'gone') present.push(`${i.listingId} (${i.platformListingId})`);
        else if (i.lastSeenAt && at < i.lastSeenAt) throw badTime(`observedAt ${at.toISOString()} is before listing ${i.listingId} was last seen (${i.lastSeenAt.toISOString()})`, '不能早于链接最后一次被看到的时间 before the listing was last seen');
      }
      plan.push({ n, items });
    }
    if (present.length) throw conflict(`listing(s) ${present.join(', ')} were still present at their latest scan: only a re-scan that finds a listing gone can confirm it (复扫仍在线，不能确认已删除)`, 'listing_present');
    let moved = 0;
    for (const { n, items } of plan) {
      for (const item of items) await applyItemEvent(c, item, 'rescan_gone', { confirmedGoneAt: at }, actor.id, now, { observedAt: at, by: 'officer' });
      await refreshNotice(c, n, actor.id, now);
      await audit(c, actor, now, 'notice.item.confirm_gone', 'notice', n.id, { items: items.map((i) => i.id), listingIds: items.map((i) => i.listingId), observedAt: at });
      moved += items.length;
    }
    return moved;
  });
}

/**
 * Items past their notice's deadline whose listing is still present (open,
 * or delisted but seen again after the delisting) become overdue, and their
 * notices too. Returns the number of items newly overdue.
 */
export async function markOverdue(db: Db, now: Date): Promise<number> {
  const noticeIds = await liveNoticeIdsPastDeadline(db, now);
  let moved = 0;
  for (const id of noticeIds) {
    moved += await inTransaction(db, async (c) => {
      const n = await lockNotice(c, id);
      if (!n || !['sent', 'answered', 'overdue'].includes(n.state) || !n.deadlineAt || n.deadlineAt >= now) return 0;
      let count = 0;
      for (const item of await itemsOfNotice(c, id, { lock: true })) {
        if (item.listingStatus === 'gone') continue;
        const stillThere = item.state === 'open'
          || (item.state === 'delisted' && !!item.lastSeenAt && !!item.delistedAt && item.lastSeenAt > item.delistedAt);
        if (!stillThere) continue;
        await applyItemEvent(c, item, 'deadline_passed', { overdueAt: now }, null, now, { deadlineAt: n.deadlineAt });
        count++;
      }
      if (count) await refreshNotice(c, n, null, now);
      return count;
    });
  }
  return moved;
}
