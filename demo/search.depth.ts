/**
 * The search depth a scan of the demo marketplace needs so that every
 * listing is reachable: for each platform and keyword, the number of result
 * pages (one for an infinite-scroll platform, which yields everything on its
 * one page). Real platforms cap depth by config; the demo sizes it to the catalog.
 */
import type { PlatformConfig } from '../config/platform.schema.js';
import type { DemoPlatform } from './marketplace/catalog.types.js';
import type { MarketplaceServer } from './marketplace/marketplace.server.js';

export function demoSearchDepth(market: Pick<MarketplaceServer, 'resultCount'>, platforms: PlatformConfig[], keywords: string[]): number {
  let depth = 1;
  for (const p of platforms) {
    if (p.search.pagination.type === 'scroll') continue;
    for (const k of keywords) depth = Math.max(depth, Math.ceil(market.resultCount(p.id as DemoPlatform, k) / p.search.pageSize));
  }
  return depth;
}
