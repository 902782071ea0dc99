/** Evidence files by SHA-256, authorised: staff see all; a platform only what its notices cite. */
import { z } from 'zod';
import { evidenceBlob, evidenceVisibleToPlatform } from '../../store/review.repository.js';
import { EvidenceIntegrityError } from '../../store/evidence.store.js';
import { conflict, notFound } from '../http.errors.js';
import { ALL_ROLES, defineRoute, type AnyRoute } from '../route.registry.js';
import type { RouteDeps } from './common.js';

export function evidenceRoutes({ db, evidence }: RouteDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/evidence/:sha256', access: ALL_ROLES, tags: ['evidence'], produces: 'application/octet-stream',
      summary: 'An evidence file (screenshot, HTML as captured, image, record) by its SHA-256',
      description: 'The file is re-hashed before it is sent: one that no longer matches its SHA-256, or that is a symbolic link in the store, is refused (409 evidence_integrity). Captured HTML is served sandboxed (Content-Security-Policy: sandbox), never as an active page. A platform account may fetch only evidence cited by notices sent to its platform.',
      params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制数字 expected 64 lowercase hex digits') }).strict(),
      async handler({ params, account, reply, req }) {
        const blob = await evidenceBlob(db, params.sha256);
        if (!blob) throw notFound(`evidence ${params.sha256}`);
        if (account.role === 'platform' && !(await evidenceVisibleToPlatform(db, params.sha256, account.platform!))) throw notFound(`evidence ${params.sha256}`);
        // Re-hashed on every read: what is shown is exactly what the notice cites, or nothing.
        let bytes: Buffer;
        try {
          bytes = await evidence.read(params.sha256);
        } catch (err) {
          if (err instanceof EvidenceIntegrityError) {
            req.log.error({ sha256: params.sha256, reason: err.reason }, 'evidence failed its integrity check');
            throw conflict(`evidence file ${params.sha256} failed its integrity check (${err.reason}); not served`, 'evidence_integrity');
          }
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(`evidence file ${params.sha256}`);
          throw err;
        }
        const type = blob.mediaType || 'application/octet-stream';
        reply.header('content-security-policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
        reply.header('x-content-type-options', 'nosniff');
        reply.header('cache-control', 'private, max-age=86400, immutable');
        reply.header('x-evidence-sha256', params.sha256);
        const safeType = /^(image\/(png|jpeg|gif|webp)|text\/html|application\/json|text\/plain)/.test(type) ? type : 'application/octet-stream';
        return reply.type(safeType).send(bytes);
      },
    }),
  ];
}
