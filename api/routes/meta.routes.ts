/** Platforms and register assets (for filters), and the vocabulary of stored codes; health is in health.routes.ts. */
import { z } from 'zod';
import { servedVocabulary } from '../../kinds/kind.vocabulary.js';
import { listAssets, listPlatforms } from '../../store/review.repository.js';
import { ALL_ROLES, STAFF, defineRoute, type AnyRoute } from '../route.registry.js';
import { assetType, type RouteDeps } from './common.js';

export function metaRoutes({ db }: RouteDeps): AnyRoute[] {
  return [
    defineRoute({
      // Public: the login form shows its errors in these words before anyone is logged in, and labels are no secret.
      method: 'GET', url: '/api/meta/vocabulary', access: 'public', tags: ['meta'],
      summary: 'Every stored code with its Chinese and English labels, by group (the web pages hold no label tables)',
      response: z.object({ groups: z.record(z.string(), z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() }).loose())) }),
      async handler({ reply }) {
        reply.header('cache-control', 'no-cache');
        return { groups: servedVocabulary() };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/platforms', access: ALL_ROLES, tags: ['meta'], summary: 'Platforms (a platform account sees its own)',
      async handler({ account }) {
        return { platforms: await listPlatforms(db, account.role === 'platform' ? account.platform : null) };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/assets', access: STAFF, tags: ['meta'], summary: 'Register entries (trademarks, GIs, patents) for filters',
      query: z.object({ assetType: assetType.optional() }).strict(),
      async handler({ query }) { return { assets: await listAssets(db, query.assetType) }; },
    }),
  ];
}
