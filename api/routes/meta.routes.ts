/** Platforms and register assets (for filters); health is in health.routes.ts. */
import { z } from 'zod';
import { listAssets, listPlatforms } from '../../store/review.repository.js';
import { ALL_ROLES, STAFF, defineRoute, type AnyRoute } from '../route.registry.js';
import { assetType, type RouteDeps } from './common.js';

export function metaRoutes({ db }: RouteDeps): AnyRoute[] {
  return [
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
