/**
 * The kind modules and the SQL that lists kinds agree: every installed kind
 * has its asset_kinds row (labels, table, the assets view's expressions) as
 * its module declares, its table has the columns the repositories generate
 * statements from, with matching types; the register round-trips through
 * Postgres; the detector's stand-alone signal list is the built-in kinds'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEXT_SIGNALS } from '../../detector/text.signals.js';
import { parseRegistry } from '../../detector/registry.loader.js';
import { BUILTIN_KINDS, installKind, rightKinds } from '../../kinds/kind.registry.js';
import { importRegistry, loadRegistry } from '../../store/registry.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase(); });
afterAll(async () => { await t?.drop(); });

const PG_TYPE: Record<string, string> = { text: 'text', 'text[]': '_text', 'int[]': '_int4', date: 'date' };

describe('kinds of right', () => {
  it('asset_kinds holds exactly the built-in kinds, as their modules declare them', async () => {
    const { rows } = await t.db.query('SELECT id, label_zh, label_en, register_table, name_sql, reference_sql, owner_sql FROM asset_kinds ORDER BY id');
    const expected = BUILTIN_KINDS.map((k) => ({
      id: k.type, label_zh: k.label.zh, label_en: k.label.en, register_table: k.table.name,
      name_sql: k.assetsView.name, reference_sql: k.assetsView.reference, owner_sql: k.assetsView.owner,
    })).sort((a, b) => a.id.localeCompare(b.id));
    expect(rows).toEqual(expected);
  });

  it("each kind's table has the columns its module maps, with the declared types", async () => {
    for (const k of BUILTIN_KINDS) {
      const { rows } = await t.db.query(
        `SELECT column_name AS name, udt_name AS type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [k.table.name]);
      const actual = new Map(rows.map((r) => [r.name, r.type]));
      expect(actual.get('id'), k.type).toBe('text');
      expect(actual.has('imported_at'), k.type).toBe(true);
      for (const c of k.table.columns) expect(`${k.type}.${c.column}:${actual.get(c.column)}`).toBe(`${k.type}.${c.column}:${PG_TYPE[c.type]}`);
    }
  });

  it('the assets view lists a row per register entry of every kind', async () => {
    const { rows } = await t.db.query(`SELECT pg_get_viewdef('assets'::regclass) AS def`);
    for (const k of BUILTIN_KINDS) expect(rows[0].def).toContain(k.table.name);
  });

  it('a register round-trips through Postgres unchanged', async () => {
    const reg = parseRegistry({
      trademarks: [{ id: 'TM-1', regNo: '1234567', mark: '安踏', aliases: ['ANTA'], niceClasses: [25], goods: ['运动鞋'], owner: '安踏公司', validUntil: '2031-05-20', authorizedSellers: ['安踏官方旗舰店'] }],
      geoIndications: [{ id: 'GI-1', name: '福州茉莉花茶', category: '茶叶', region: { province: '福建省', city: '福州市', counties: ['鼓楼区'] }, authorizedUsers: [], announcement: '2008年第93号公告' }],
      patents: [{ id: 'PT-1', number: 'ZL201820123456.0', type: 'utility_model', title: '一种茶叶烘焙装置', owner: '某某公司', status: 'valid' }],
    });
    expect(await importRegistry(t.db, reg)).toEqual({ trademarks: 1, geoIndications: 1, patents: 1 });
    expect(await loadRegistry(t.db)).toEqual(reg);
  });

  it("the detector's stand-alone signals are the built-in kinds' own factories", () => {
    expect(BUILTIN_KINDS.map((k) => k.signals)).toEqual([...BUILTIN_TEXT_SIGNALS]);
  });

  it('refuses a kind that clashes with an installed one or has names unfit for SQL', () => {
    expect(() => installKind({ ...BUILTIN_KINDS[0], type: 'copy' })).toThrow(/clashes with installed kind trademark/);
    expect(() => installKind({ ...BUILTIN_KINDS[0], type: 'bad kind', registerKey: 'x', table: { name: 'x', columns: [] } })).toThrow(/bad type/);
    expect(() => installKind({ ...BUILTIN_KINDS[0], type: 'y', registerKey: 'y', table: { name: 'y; drop table x', columns: [] } })).toThrow(/bad table/);
    expect(rightKinds()).toEqual(BUILTIN_KINDS);
  });
});
