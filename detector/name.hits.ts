/** Registered names found in a listing's fields, grouped per asset (shared by the trademark and GI signals). */
import type { Field } from './listing.context.js';
import type { NameHit, NameIndex } from './name.index.js';

export interface FieldHit { field: Field; hit: NameHit }

export interface NameHits {
  /** Trademark index → its hits. */
  tm: Map<number, FieldHit[]>;
  /** GI index → its hits. */
  gi: Map<number, FieldHit[]>;
}

/** Scans every field once with the name index. */
export function findNames(fields: Field[], index: NameIndex, closeIn: (f: Field) => boolean): NameHits {
  const out: NameHits = { tm: new Map(), gi: new Map() };
  for (const field of fields) {
    for (const hit of index.find(field.text, closeIn(field))) {
      const map = hit.entry.kind === 'tm' ? out.tm : out.gi;
      const list = map.get(hit.entry.idx);
      if (list) list.push({ field, hit }); else map.set(hit.entry.idx, [{ field, hit }]);
    }
  }
  return out;
}
