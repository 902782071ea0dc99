/**
 * What a scan searches the platforms for, read from the register. Pure, so
 * the queue layer (queue/scan.plan.ts) plans a run without the store.
 */
import type { Registry } from './registry.schema.js';

/** The names a scan searches for: every mark, GI name and their aliases, and each patent's keywords. */
export function searchKeywords(reg: Registry): string[] {
  const out = new Set<string>();
  for (const t of reg.trademarks) [t.mark, ...t.aliases].forEach((k) => out.add(k));
  for (const g of reg.geoIndications) [g.name, ...g.aliases].forEach((k) => out.add(k));
  for (const p of reg.patents) p.keywords.forEach((k) => out.add(k));
  return [...out];
}
