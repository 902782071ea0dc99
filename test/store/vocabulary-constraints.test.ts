/**
 * The codes Postgres accepts are the codes the vocabulary labels: every code
 * literal in the migrated database's CHECK constraints belongs to the group
 * its column stores, and each constrained group lists exactly the codes its
 * constraint allows. The views' and trigger functions' state literals are
 * checked against the same groups, and the kinds of right (a table the
 * asset_type columns reference) against the kind group. A new CHECK on an unmapped column fails
 * here until its codes are in domain/vocabulary.ts (or its kind's module).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedVocabulary } from '../../kinds/kind.vocabulary.js';

/** A group's terms as served: the core's (domain/vocabulary.ts) and the kinds' (kinds/kind.vocabulary.ts). */
type VocabularyGroup = string;
const termsOf = (g: VocabularyGroup) => servedVocabulary()[g] ?? [];
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** Which vocabulary group each constrained column stores (`table.column`). */
const COLUMN_GROUP: Record<string, VocabularyGroup> = {
  'patents.type': 'patentType',
  'patents.status': 'patentStatus',
  'scan_runs.status': 'runState',
  'search_pages.status': 'pageState',
  'listings.status': 'listingStatus',
  'capture_evidence.kind': 'evidenceKind',
  'capture_evidence.provenance': 'screenshotProvenance',
  'scan_run_listings.source': 'runListingSource',
  'scan_run_listings.status': 'runListingState',
  'review_decisions.decision': 'decision',
  'review_decisions.measure': 'measure',
  'accounts.role': 'role',
  'cases.source': 'caseSource',
  'notices.state': 'noticeState',
  'notice_items.state': 'itemState',
  'notice_items.measure': 'measure',
  'notice_items.measure_taken': 'measure',
  'image_refusals.code': 'imageRefusal',
};

/** In view and function bodies, which groups a column of this name may hold. */
const NAME_GROUPS: Record<string, VocabularyGroup[]> = {
  state: ['noticeState', 'itemState'],
  decision: ['decision'],
  measure: ['measure'],
  measure_taken: ['measure'],
  asset_type: ['kind'],
  role: ['role'],
  source: ['caseSource', 'runListingSource'],
};

const codes = (g: VocabularyGroup) => termsOf(g).map((t) => t.code);
const literals = (list: string) => [...list.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]);

/** `col = ANY (ARRAY['a'::text, …])` and `col = 'a'::text`, as [column, literals]. */
function codeLists(def: string): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const m of def.matchAll(/\(?(?:\w+\.)?(\w+)\)? = ANY \(+ARRAY\[([^\]]*)\]/g)) out.push([m[1], literals(m[2])]);
  for (const m of def.matchAll(/\(?(?:\w+\.)?(\w+)\)? = '((?:[^']|'')*)'::text/g)) out.push([m[1], [m[2]]]);
  return out;
}

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase(); });
afterAll(async () => { await t?.drop(); });

describe('stored codes and the vocabulary', () => {
  it('every code a CHECK constraint allows is its column\'s vocabulary group, and nothing more or less', async () => {
    const { rows } = await t.db.query<{ tbl: string; def: string }>(
      `SELECT c.conrelid::regclass::text AS tbl, pg_get_constraintdef(c.oid) AS def
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'c' AND n.nspname = 'public' AND c.conislocal`); // not a partition's copy of its parent's (0017)
    const allowed = new Map<string, Set<string>>();
    const unmapped: string[] = [];
    for (const r of rows) {
      for (const [column, list] of codeLists(r.def)) {
        const key = `${r.tbl}.${column}`;
        if (!COLUMN_GROUP[key]) { unmapped.push(`${key}: ${r.def}`); continue; }
        const set = allowed.get(key) ?? new Set<string>();
        for (const code of list) set.add(code);
        allowed.set(key, set);
      }
    }
    expect(unmapped, 'CHECK constraints listing codes of a column no vocabulary group covers').toEqual([]);
    expect([...allowed.keys()].sort(), 'every mapped column is still constrained').toEqual(Object.keys(COLUMN_GROUP).sort());
    for (const [key, set] of allowed) {
      const group = COLUMN_GROUP[key];
      const single = rows.some((r) => r.tbl === key.split('.')[0] && new RegExp(`${key.split('.')[1]} = ANY`).test(r.def));
      if (single) expect([...set].sort(), `${key} ↔ vocabulary group ${group}`).toEqual([...codes(group)].sort());
      else for (const code of set) expect(codes(group), `${key}: ${code}`).toContain(code);
    }
  });

  it('the kinds of right in asset_kinds are the vocabulary\'s kinds, with the same labels', async () => {
    const { rows } = await t.db.query<{ code: string; zh: string; en: string }>('SELECT id AS code, label_zh AS zh, label_en AS en FROM asset_kinds ORDER BY id');
    expect(rows).toEqual(termsOf('kind').map(({ code, zh, en }) => ({ code, zh, en })).sort((a, b) => a.code.localeCompare(b.code)));
  });

  it('the state and code literals in views and trigger functions are vocabulary codes', async () => {
    const { rows } = await t.db.query<{ name: string; def: string }>(
      `SELECT viewname AS name, definition AS def FROM pg_views WHERE schemaname = 'public'
        UNION ALL
       SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`);
    let checked = 0;
    const stray: string[] = [];
    for (const r of rows) {
      // Function bodies are the SQL as written: `state IN ('open', …)` and `state = 'sent'`.
      const lists = [...codeLists(r.def),
        ...[...r.def.matchAll(/(?:\w+\.)?(\w+)\s+(?:NOT\s+)?IN\s*\(([^()]*)\)/gi)].map((m): [string, string[]] => [m[1], literals(m[2])]),
        ...[...r.def.matchAll(/(?:\w+\.)?(\w+)\s*<?>?=\s*'([^']*)'(?!::)/g)].map((m): [string, string[]] => [m[1], [m[2]]])];
      for (const [column, list] of lists) {
        const groups = NAME_GROUPS[column];
        if (!groups) continue;
        for (const code of list) {
          checked++;
          if (!groups.some((g) => codes(g).includes(code))) stray.push(`${r.name}: ${column} = '${code}'`);
        }
      }
    }
    expect(stray).toEqual([]);
    expect(checked, 'the review queue view lists item states').toBeGreaterThan(0);
  });
});
