/** Takedown notices: create, send, withdraw, fetch (JSON, printable), platform replies, officer resolution. */
import { z } from 'zod';
import { noticeContent, renderNoticeHtml } from '../../enforcement/notice.document.js';
import { MEASURES, NOTICE_STATES } from '../../enforcement/notice.state.js';
import {
  confirmGoneByOfficer, createNotices, listNoticesFor, markOverdue, noticeDetail, replyToNotice, resolveItem,
  sendNotice, visibleNotice, withdrawNotice,
} from '../../enforcement/takedown.service.js';
import { ALL_ROLES, STAFF, defineRoute, type AnyRoute } from '../route.registry.js';
import { actor, idParam, limit, offset, optText, strictDate, text, type RouteDeps } from './common.js';
import { parseInstant } from '../../enforcement/date.parser.js';
import { htmlToPdf, noticeThumbnails } from '../../enforcement/notice.print.js';
import { noticeEvidenceProblems } from '../../enforcement/notice.integrity.js';
import type { AccountRow } from '../../store/account.repository.js';

const itemParams = z.object({ id: z.coerce.number().int().positive(), itemId: z.coerce.number().int().positive() }).strict();

export function noticeRoutes({ db, config, clock, evidence }: RouteDeps): AnyRoute[] {
  // Defaults again here: a config section given as {} skips zod's inner defaults.
  const sender = config.takedown?.sender ?? '福州市市场监督管理局';
  const deadlineDays = config.takedown?.deadlineDays ?? 7;
  const publicUrl = config.api?.publicUrl;
  const docPrefix = config.takedown?.docPrefix ?? '闽榕市监知通';
  const contact = config.takedown?.contact ?? '';
  const chromium = config.browser?.executablePath ?? '/usr/bin/chromium-headless-shell';
  /** The printable page, thumbnails embedded; files failing their hash check are flagged on it, not silently left out. */
  const printable = async (id: number, account: AccountRow) => {
    const content = await noticeContent(db, await visibleNotice(db, id, account), publicUrl, contact);
    const integrity = await noticeEvidenceProblems(db, evidence, id);
    return { content, html: renderNoticeHtml(content, { thumbnails: await noticeThumbnails(evidence, content), integrity }) };
  };
  return [
    defineRoute({
      method: 'POST', url: '/api/notices', access: STAFF, tags: ['notices'],
      summary: 'Group confirmed listings not yet notified into one draft notice per platform',
      description: 'Without `decisionIds`, every eligible confirmed decision (of `platform` if given). With `decisionIds`, exactly those: 409 and nothing created if any is not eligible.',
      body: z.object({ platform: optText(), decisionIds: z.array(z.number().int().positive()).min(1).max(1000).optional() }).strict(),
      async handler({ body, account, req }) {
        return { notices: await createNotices(db, actor(account, req), body, sender, clock()) };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/notices', access: ALL_ROLES, tags: ['notices'],
      summary: 'Notices, newest first (a platform account sees only its own platform\'s, never drafts)',
      query: z.object({ platform: optText(), state: z.enum(NOTICE_STATES).optional(), limit: limit(), offset }).strict(),
      async handler({ query, account }) { return listNoticesFor(db, account, query); },
    }),
    defineRoute({
      method: 'GET', url: '/api/notices/:id', access: ALL_ROLES, tags: ['notices'],
      summary: 'A notice with its items and history', params: idParam,
      async handler({ params, account }) { return noticeDetail(db, params.id, account, evidence); },
    }),
    defineRoute({
      method: 'GET', url: '/api/notices/:id/document', access: ALL_ROLES, tags: ['notices'],
      summary: 'The notice as sent (E-Commerce Law arts. 42-45): sender, rights, listings, evidence hashes, measures, statement — JSON',
      params: idParam,
      async handler({ params, account }) {
        return noticeContent(db, await visibleNotice(db, params.id, account), publicUrl, contact);
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/notices/:id/document.html', access: ALL_ROLES, tags: ['notices'], produces: 'text/html',
      summary: 'The notice as a printable HTML document', params: idParam,
      async handler({ params, account, reply }) {
        const { html } = await printable(params.id, account);
        reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        return reply.type('text/html; charset=utf-8').send(html);
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/notices/:id/document.pdf', access: ALL_ROLES, tags: ['notices'], produces: 'application/pdf',
      summary: 'The printable notice as an A4 PDF (rendered by the bundled Chromium)', params: idParam,
      async handler({ params, account, reply }) {
        const { content, html } = await printable(params.id, account);
        const pdf = await htmlToPdf(html, chromium);
        const name = `notice-${content.docNo ? `${content.docNo.match(/\d{4}/)?.[0]}-${content.docNo.match(/第(\d+)号/)?.[1]}` : content.ref}.pdf`;
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(pdf);
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/notices/:id/send', access: STAFF, tags: ['notices'],
      summary: 'Send a draft notice to the platform; its deadline starts (config takedown.deadlineDays)', params: idParam,
      description: 'Every cited evidence file is re-hashed first: 409 evidence_integrity, naming the files, when one fails (the notice stays a draft).',
      async handler({ params, account, req }) {
        return sendNotice(db, actor(account, req), params.id, deadlineDays, clock(), docPrefix, evidence);
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/notices/:id/withdraw', access: STAFF, tags: ['notices'],
      summary: 'Withdraw a notice that is not closed', params: idParam,
      body: z.object({ reason: text(2000) }).strict(),
      async handler({ params, body, account, req }) {
        return withdrawNotice(db, actor(account, req), params.id, body.reason, clock());
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/notices/:id/replies', access: ['platform'], tags: ['notices'],
      summary: 'The platform answers a notice: delisted, refused (with reason) or a seller\'s counter-notice (不侵权声明)',
      description: 'Applies to `itemIds`, or to every item that can take this answer. A counter-notice is forwarded to the officers (the item shows as countered).',
      params: idParam,
      body: z.object({
        action: z.enum(['delisted', 'refused', 'counter_notice']),
        itemIds: z.array(z.number().int().positive()).min(1).max(1000).optional(),
        reason: z.string().trim().min(1).max(2000).optional(),
        measureTaken: z.enum(MEASURES).optional(),
        counterNotice: z.object({
          sellerName: z.string().trim().max(200).optional(),
          statement: text(5000),
          evidence: text(5000),
        }).strict().optional(),
      }).strict()
        .refine((b) => b.action !== 'refused' || !!b.reason, { message: '拒绝须填写理由 a refusal needs a reason', path: ['reason'] })
        .refine((b) => b.action !== 'counter_notice' || !!b.counterNotice, { message: '须填写卖家声明和证据 a counter-notice needs the seller\'s statement and evidence', path: ['counterNotice'] })
        .refine((b) => b.action === 'counter_notice' || !b.counterNotice, { message: '仅在答复不侵权声明时填写 only with action counter_notice', path: ['counterNotice'] })
        .refine((b) => b.action === 'delisted' || !b.measureTaken, { message: '仅在答复已删除时填写 only with action delisted', path: ['measureTaken'] }),
      async handler({ params, body, account, req }) {
        return replyToNotice(db, actor(account, req), account, params.id, body, clock());
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/notices/:id/items/:itemId/resolve', access: STAFF, tags: ['notices'],
      summary: 'The officer answers a refusal, counter-notice or overdue item: escalate (opens a case) or withdraw',
      params: itemParams,
      body: z.object({ outcome: z.enum(['escalate', 'withdraw']), reason: text(2000) }).strict(),
      async handler({ params, body, account, req }) {
        return resolveItem(db, actor(account, req), params.id, params.itemId, body, clock());
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/notices/check-overdue', access: STAFF, tags: ['notices'],
      summary: 'Flag items past their deadline whose listing is still present as overdue (the pipeline does this too)',
      async handler() { return { overdueItems: await markOverdue(db, clock()) }; },
    }),
    defineRoute({
      method: 'POST', url: '/api/notices/confirm-gone', access: STAFF, tags: ['notices'],
      summary: 'Record that these listings are gone: only listings whose latest scan found them gone, observed between the notice\'s sending and now',
      description: '409 listing_present when a listing\'s latest scan still saw it; 400 (observedAt) before the notice was sent, before the listing was last seen, or in the future. Recorded with the officer\'s account and in the audit log.',
      body: z.object({
        listingIds: z.array(z.number().int().positive()).min(1).max(10_000),
        observedAt: strictDate.optional(),
      }).strict(),
      async handler({ body, account, req }) {
        const now = clock();
        const observedAt = body.observedAt ? parseInstant(body.observedAt)! : now;
        return { confirmedItems: await confirmGoneByOfficer(db, actor(account, req), { listingIds: body.listingIds, observedAt }, now) };
      },
    }),
  ];
}
