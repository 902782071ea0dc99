/** The review queue, one listing's evidence and matches, decisions and cases. */
import { z } from 'zod';
import { DECISIONS } from '../../domain/vocabulary.js';
import { MEASURES } from '../../enforcement/notice.state.js';
import { decide, decideMany, listCases, listDecisions, listingDetail, openCase, reviewQueueJson } from '../../enforcement/review.service.js';
import { resolveReason, reviewReasons } from '../../enforcement/review.reasons.js';
import { queueExport } from '../../enforcement/desk.exports.js';
import { exportRoutes } from './export.common.js';
import { STAFF, defineRoute, type AnyRoute } from '../route.registry.js';
import { parseBound } from '../../enforcement/stats.service.js';
import { actor, assetType, dateBound, idParam, limit, offset, optText, text, type RouteDeps } from './common.js';

const queueQuery = z.object({
  platform: optText(), assetType: assetType.optional(), assetId: optText(), from: dateBound, to: dateBound,
  minScore: z.coerce.number().min(0).max(1).optional(), maxScore: z.coerce.number().min(0).max(1).optional(),
  q: optText(100), sort: z.enum(['score', 'date']).default('score'), dir: z.enum(['asc', 'desc']).default('desc'),
});

function queueFilter<T extends z.output<typeof queueQuery>>(q: T) {
  return { ...q, from: q.from ? parseBound(q.from, false) : undefined, to: q.to ? parseBound(q.to, true) : undefined };
}

export function reviewRoutes({ db, clock, config, evidence }: RouteDeps): AnyRoute[] {
  const sender = config.takedown?.sender ?? '福州市市场监督管理局';
  return [
    defineRoute({
      method: 'GET', url: '/api/review/queue', access: STAFF, tags: ['review'],
      summary: 'Flagged listings awaiting a decision, highest score first',
      description: 'A listing is queued when the verdict on its current capture is suspect, that capture has no decision, the listing is not gone and no notice on it is in progress. `from`/`to` bound the capture time.',
      query: queueQuery.extend({ limit: limit(50, 200), offset }).strict(),
      async handler({ query, reply }) {
        reply.type('application/json; charset=utf-8');
        return reviewQueueJson(db, queueFilter(query));
      },
    }),
    ...exportRoutes({
      url: '/api/review/queue/export', access: STAFF, tags: ['review'], query: queueQuery.strict(), filename: 'ipwatch-review-queue',
      summary: 'The review queue (same filters and order as the page) with names, not ids',
      sender, build: (q) => queueExport(db, queueFilter(q)),
    }),
    defineRoute({
      method: 'GET', url: '/api/review/reasons', access: STAFF, tags: ['review'],
      summary: 'Preset reasons for decisions (other_confirm / other_dismiss take free text)',
      async handler() { return { reasons: reviewReasons() }; },
    }),
    defineRoute({
      method: 'POST', url: '/api/review/decisions/bulk', access: STAFF, tags: ['review'],
      summary: 'Confirm or dismiss many listings with one preset reason; a result per listing',
      description: 'Each listing is decided in its own transaction and audited; one that cannot be decided (already decided, changed since `captureId`, not in the queue) is reported in `results` with its error code and does not stop the others. Give `reasonCode` (GET /api/review/reasons) and, for other_*, `reason`.',
      body: z.object({
        decision: z.enum(DECISIONS),
        reasonCode: z.string().max(40).optional(), // checked against the installed kinds' reasons by resolveReason
        reason: z.string().trim().min(1).max(2000).optional(),
        measure: z.enum(MEASURES).optional(),
        items: z.array(z.object({ listingId: z.number().int().positive(), captureId: z.number().int().positive().optional() }).strict()).min(1).max(500),
      }).strict()
        .refine((b) => b.decision === 'confirm' || b.measure === undefined, { message: '只有确认侵权时才选择措施 a measure goes with confirm only', path: ['measure'] })
        .refine((b) => !!(b.reasonCode || b.reason), { message: '请选择或填写理由 give reasonCode or reason', path: ['reasonCode'] }),
      async handler({ body, account, req }) {
        const reason = resolveReason(body.decision, body.reasonCode, body.reason);
        return decideMany(db, actor(account, req), { decision: body.decision, reason, measure: body.measure, items: body.items }, clock(), evidence);
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/review/listings/:id', access: STAFF, tags: ['review'],
      summary: 'One listing: capture, evidence with hashes, verdict with each match beside its register entry, decisions, notice items',
      params: idParam,
      async handler({ params }) { return listingDetail(db, params.id, evidence); },
    }),
    defineRoute({
      method: 'POST', url: '/api/review/listings/:id/decision', access: STAFF, tags: ['review'],
      summary: 'Confirm or dismiss a flagged listing, with a reason (409 if not in the queue or already decided)',
      params: idParam,
      description: 'Give `reason` (free text) or `reasonCode` (GET /api/review/reasons; other_* also needs `reason`).',
      body: z.object({
        decision: z.enum(DECISIONS),
        reasonCode: z.string().max(40).optional(), // checked against the installed kinds' reasons by resolveReason
        reason: text(2000).optional(),
        measure: z.enum(MEASURES).optional(),
        captureId: z.number().int().positive().optional(),
      }).strict()
        .refine((b) => b.decision === 'confirm' || b.measure === undefined, { message: '只有确认侵权时才选择措施 a measure goes with confirm only', path: ['measure'] })
        .refine((b) => !!(b.reasonCode || b.reason), { message: '请选择或填写理由 give reasonCode or reason', path: ['reason'] }),
      async handler({ params, body, account, req }) {
        const reason = resolveReason(body.decision, body.reasonCode, body.reason);
        return decide(db, actor(account, req), params.id, { decision: body.decision, reason, measure: body.measure, captureId: body.captureId }, clock(), evidence);
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/decisions', access: STAFF, tags: ['review'],
      summary: 'Decisions, newest first; `unnoticed=true`: confirmed ones not yet in a notice',
      query: z.object({
        decision: z.enum(DECISIONS).optional(), platform: optText(),
        unnoticed: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), limit: limit(), offset,
      }).strict(),
      async handler({ query }) { return listDecisions(db, query); },
    }),
    defineRoute({
      method: 'POST', url: '/api/decisions/:id/case', access: STAFF, tags: ['review'],
      summary: 'Open a case (立案查办) on a confirmed decision',
      params: idParam,
      body: z.object({ note: z.string().trim().max(2000).default('') }).strict(),
      async handler({ params, body, account, req }) {
        return openCase(db, actor(account, req), params.id, body.note, clock());
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/cases', access: STAFF, tags: ['review'],
      summary: 'Cases opened, newest first',
      query: z.object({ limit: limit(), offset }).strict(),
      async handler({ query }) { return listCases(db, query.limit, query.offset); },
    }),
  ];
}
