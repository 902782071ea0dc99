/** What the demo prints: detection against the ground truth, and the statistics table. */
import type { MarketplaceServer } from '../demo/marketplace/marketplace.server.js';

type Row = { platform: string; platform_listing_id: string; suspect: boolean | null };

export function printGroundTruthCheck(market: MarketplaceServer, verdicts: Row[], log: (s: string) => void) {
  const byKey = new Map(verdicts.map((v) => [`${v.platform}/${v.platform_listing_id}`, v]));
  let tp = 0, fp = 0, fn = 0, tn = 0, notCrawled = 0;
  const misses = new Map<string, number>();
  for (const l of market.catalog.listings) {
    const v = byKey.get(`${l.platform}/${l.listingId}`);
    if (!v) { notCrawled++; continue; }
    if (v.suspect && l.truth.suspect) tp++;
    else if (v.suspect) { fp++; misses.set(`false flag ${l.truth.family}`, (misses.get(`false flag ${l.truth.family}`) ?? 0) + 1); }
    else if (l.truth.suspect) { fn++; misses.set(`missed ${l.truth.family}`, (misses.get(`missed ${l.truth.family}`) ?? 0) + 1); }
    else tn++;
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  log(`detection vs the marketplace's ground truth: ${tp} true flags, ${fp} false flags, ${fn} missed, ${tn} correctly clean, ${notCrawled} not crawled`);
  if (misses.size) log(`  ${[...misses].map(([k, n]) => `${k}: ${n}`).join('; ')}`);
  return { tp, fp, fn, tn, notCrawled, precision, recall };
}

interface StatsTable {
  metrics: ReadonlyArray<{ key: string; label: string; unit: string }>;
  rows: Array<{ label: string; figures: Record<string, number> }>;
  totals: Record<string, number>;
}

export function printStats(stats: StatsTable, log: (s: string) => void): void {
  const cols = [...stats.rows.map((r) => r.label), '合计 total'];
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
  const labelW = Math.max(...stats.metrics.map((m) => width(`${m.label} (${m.unit})`))) + 2;
  const colW = Math.max(12, ...cols.map((c) => width(c) + 2));
  log(pad('', labelW) + cols.map((c) => pad(c, colW)).join(''));
  for (const m of stats.metrics) {
    const vals = [...stats.rows.map((r) => r.figures[m.key] ?? 0), stats.totals[m.key] ?? 0];
    log(pad(`${m.label} (${m.unit})`, labelW) + vals.map((v) => pad(String(v), colW)).join(''));
  }
}
