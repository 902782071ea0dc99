/**
 * Price far below peers (the Corsearch rule of thumb: below 20% of retail):
 * the listing's price against the median of the same mark and goods across
 * the scan (fed as `peerPrices`), else the register's reference price.
 */
import type { Trademark } from '../domain/registry.schema.js';
import type { PeerPrice } from './signal.js';

export interface PriceAnomaly { price: number; reference: number; source: string }

/** The anomaly, if the price is below `ratio` × the reference for this mark (goods classes narrow peer medians). */
export function priceAnomaly(price: number | null | undefined, tm: Trademark, classes: Set<number>, peers: PeerPrice[] | undefined, ratio: number, minPeers: number): PriceAnomaly | undefined {
  if (price === null || price === undefined || !(price > 0)) return undefined;
  const mine = (peers ?? []).filter((p) => p.assetId === tm.id && p.median > 0 && (p.count === undefined || p.count >= minPeers));
  const peer = mine.find((p) => p.niceClass !== undefined && classes.has(p.niceClass)) ?? mine.find((p) => p.niceClass === undefined);
  const ref = peer ? { reference: peer.median, source: `同商标同类商品${peer.count ? `${peer.count}件` : ''}价格中位数` } : tm.referencePrice ? { reference: tm.referencePrice, source: '登记的正品参考价' } : undefined;
  if (!ref || price >= ratio * ref.reference) return undefined;
  return { price, ...ref };
}
