/** The review queue, one listing's evidence and matches, decisions and cases. */
import { z } from 'zod';
import { MEASURES } from '../../enforcement/notice.state.js';
import { decide, listCases, listDecisions, listingDetail, openCase, reviewQueue } from '../../enforcement/review.service.js';
import { STAFF, defineRoute, type AnyRoute } from '../route.registry.js';
import { parseBound } from '../../enforcement/stats.service.js';
import { actor, assetType, dateBound, idParam, limit, offset, optText, text, type RouteDeps } from './common.js';

export function reviewRoutes({ db, clock }: RouteDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/review/queue', access: STAFF, tags: ['review'],
      summary: 'Flagged listings awaiting a decision, highest score first',
      description: 'A listing is queued when the verdict on its current capture is suspect, that capture has no decision, the listing is not gone and no notice on it is in progress. `from`/`to` bound the capture time.',
      query: z.object({
        platform: optText(), assetType: assetType.optional(), assetId: optText(), from: dateBound, to: dateBound,
        minScore: z.coerce.number().min(0).max(1).optional(), limit: limit(50, 200), offset,
      }).strict(),
      async handler({ query }) {
        return reviewQueue(db, {
          ...query, from: query.from ? parseBound(query.from, false) : undefined, to: query.to ? parseBound(query.to, true) : undefined,
        });
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/review/listings/:id', access: STAFF, tags: ['review'],
      summary: 'One listing: capture, evidence with hashes, verdict with each match beside its register entry, decisions, notice items',
      params: idParam,
      async handler({ params }) { return listingDetail(db, params.id); },
    }),
    defineRoute({
      method: 'POST', url: '/api/review/listings/:id/decision', access: STAFF, tags: ['review'],
      summary: 'Confirm or dismiss a flagged listing, with a reason (409 if not in the queue or already decided)',
      params: idParam,
      body: z.object({
        decision: z.enum(['confirm', 'dismiss']),
        reason: text(2000),
        measure: z.enum(MEASURES).optional(),
        captureId: z.number().int().positive().optional(),
      }).strict().refine((b) => b.decision === 'confirm' || b.measure === undefined, { message: 'a measure goes with confirm only', path: ['measure'] }),
      async handler({ params, body, account, req }) {
        return decide(db, actor(account, req), params.id, body, clock());
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/decisions', access: STAFF, tags: ['review'],
      summary: 'Decisions, newest first; `unnoticed=true`: confirmed ones not yet in a notice',
      query: z.object({
        decision: z.enum(['confirm', 'dismiss']).optional(), platform: optText(),
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
