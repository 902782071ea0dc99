/** Evidence files by SHA-256, authorised: staff see all; a platform only what its notices cite. */
import { z } from 'zod';
import { evidenceBlob, evidenceVisibleToPlatform } from '../../store/review.repository.js';
import { notFound } from '../http.errors.js';
import { ALL_ROLES, defineRoute, type AnyRoute } from '../route.registry.js';
import type { RouteDeps } from './common.js';

export function evidenceRoutes({ db, evidence }: RouteDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/evidence/:sha256', access: ALL_ROLES, tags: ['evidence'], produces: 'application/octet-stream',
      summary: 'An evidence file (screenshot, HTML as captured, image, record) by its SHA-256',
      description: 'Captured HTML is served sandboxed (Content-Security-Policy: sandbox), never as an active page. A platform account may fetch only evidence cited by notices sent to its platform.',
      params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits') }).strict(),
      async handler({ params, account, reply }) {
        const blob = await evidenceBlob(db, params.sha256);
        if (!blob) throw notFound(`evidence ${params.sha256}`);
        if (account.role === 'platform' && !(await evidenceVisibleToPlatform(db, params.sha256, account.platform!))) throw notFound(`evidence ${params.sha256}`);
        if (!(await evidence.has(params.sha256))) throw notFound(`evidence file ${params.sha256}`);
        const type = blob.mediaType || 'application/octet-stream';
        reply.header('content-security-policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
        reply.header('x-content-type-options', 'nosniff');
        reply.header('cache-control', 'private, max-age=86400, immutable');
        reply.header('x-evidence-sha256', params.sha256);
        const safeType = /^(image\/(png|jpeg|gif|webp)|text\/html|application\/json|text\/plain)/.test(type) ? type : 'application/octet-stream';
        return reply.type(safeType).send(evidence.stream(params.sha256));
      },
    }),
  ];
}
