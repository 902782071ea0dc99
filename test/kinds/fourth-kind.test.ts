/**
 * A fourth kind of right through one module and one migration
 * (test/kinds/plant-variety/): register import, the detector's verdict, the
 * review queue and page, the officer's decision with the kind's own reason,
 * the notice's rights table. Nothing of the core is edited for it; if any
 * layer still lists the three built-in kinds by hand, a step here fails.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectorProvider } from '../../app/detector.provider.js';
import { installKindModules } from '../../app/kind.plugins.js';
import { parseRegistry } from '../../detector/registry.loader.js';
import { installKind, registerSchema, searchKeywords, uninstallKind } from '../../kinds/kind.registry.js';
import { migrate } from '../../store/migrate.js';
import { importRegistry, loadRegistry } from '../../store/registry.repository.js';
import { saveVerdict } from '../../store/verdict.repository.js';
import { PLATFORM_A, setupFixture, type Fixture } from '../api/fixtures.js';
import { plantVarietyKind } from './plant-variety/plant-variety.kind.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const REGISTER = {
  trademarks: [],
  plantVarieties: [
    { id: 'PV-0001', grantNo: 'CNA20151234.5', denomination: '金牡丹', species: '茶树 Camellia sinensis', holder: '福建省农业科学院茶叶研究所', licensees: ['安溪茶苗合作社'] },
  ],
};

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
  // As a deployment does it: the config names the module; its migrations run beside the core's.
  const sets = await installKindModules({ kindModules: ['test/kinds/plant-variety/plant-variety.kind.ts'], rootDir: process.cwd() });
  expect(sets).toEqual([{ dir: path.join(here, 'plant-variety', 'migrations'), table: 'pgmigrations_kind_plant_variety' }]);
  for (const set of sets) await migrate(f.t.url, 'up', () => {}, set);
});
afterAll(async () => {
  uninstallKind(plantVarietyKind.type);
  await f?.close();
});

describe('a fourth kind of right, plugged in', () => {
  it('the register file takes its section only once the kind is installed', () => {
    const reg = parseRegistry(REGISTER, 'registry.json', registerSchema());
    expect(reg.plantVarieties).toHaveLength(1);
    expect(searchKeywords(reg)).toContain('金牡丹');
    uninstallKind(plantVarietyKind.type);
    try {
      expect(() => parseRegistry(REGISTER, 'registry.json', registerSchema())).toThrow(/plantVarieties/);
    } finally {
      installKind(plantVarietyKind);
    }
  });

  it('flows from register import to verdict, review and notice', async () => {
    const counts = await importRegistry(f.db, parseRegistry(REGISTER, 'registry.json', registerSchema()));
    expect(counts.plantVarieties).toBe(1);
    expect((await loadRegistry(f.db)).plantVarieties).toEqual([REGISTER.plantVarieties[0]]);

    // The detector as the detect worker builds it, from the register in Postgres.
    const { detector, version } = await new DetectorProvider(f.db, {}, { logosDir: here, images: false }).get();
    const listing = (title: string, shop = '某某花木店') => ({
      platform: PLATFORM_A, listingId: 'pv-1', url: 'http://127.0.0.1:1/item/pv-1', title, description: '', price: 12,
      shop: { id: 's1', name: shop, location: '浙江省金华市' }, attributes: {}, images: [],
    });
    const verdict = await detector.judge({ listing: listing('金牡丹 茶苗 一年生扦插苗 50株') });
    expect(verdict.suspect).toBe(true);
    expect(verdict.matches).toEqual([expect.objectContaining({ assetId: 'PV-0001', assetType: 'plant_variety' })]);
    // The kind's own rules: its harvest is not propagating material, a licensee may sell it.
    expect((await detector.judge({ listing: listing('金牡丹 乌龙茶 250克') })).suspect).toBe(false);
    expect((await detector.judge({ listing: listing('金牡丹 茶苗', '安溪茶苗合作社') })).suspect).toBe(false);

    const { listingId, captureId } = await f.addListing({ platform: PLATFORM_A, listingId: 'pv-1', title: '金牡丹 茶苗 一年生扦插苗 50株', suspect: false, matches: [] });
    await saveVerdict(f.db, captureId, listingId, verdict, version);

    // The queue shows the right's name through the assets view install_right_kind rebuilt.
    const queue = (await f.inject('officer', 'GET', '/api/review/queue?assetType=plant_variety')).json();
    expect(queue.items.map((i: { listingId: number }) => i.listingId)).toEqual([listingId]);
    expect(queue.items[0].matches[0]).toMatchObject({ assetId: 'PV-0001', assetName: '金牡丹', reference: 'CNA20151234.5', owner: '福建省农业科学院茶叶研究所' });

    const detail = (await f.inject('officer', 'GET', `/api/review/listings/${listingId}`)).json();
    expect(detail.verdict.matches[0].register).toMatchObject({
      type: 'plant_variety', grantNo: 'CNA20151234.5', name: '金牡丹', art: null,
      fields: expect.arrayContaining([{ label: '品种权号 Grant no.', value: 'CNA20151234.5' }]),
    });

    const reasons = (await f.inject('officer', 'GET', '/api/review/reasons')).json().reasons;
    expect(reasons).toContainEqual(expect.objectContaining({ code: 'pv_propagating', decision: 'confirm', fits: ['plant_variety'] }));
    const decided = await f.inject('officer', 'POST', `/api/review/listings/${listingId}/decision`, { decision: 'confirm', reasonCode: 'pv_propagating', measure: 'delete_listing', captureId });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ assetType: 'plant_variety', assetId: 'PV-0001', reason: expect.stringContaining('未经许可销售授权品种的繁殖材料') });

    const created = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices;
    expect(created).toHaveLength(1);
    const doc = (await f.inject('officer', 'GET', `/api/notices/${created[0].id}/document`)).json();
    expect(doc.rights).toEqual([expect.objectContaining({
      assetType: 'plant_variety', kind: '植物新品种权 plant variety right', name: '金牡丹', proof: '植物新品种权证书 品种权号CNA20151234.5',
      holder: '福建省农业科学院茶叶研究所', grantNo: 'CNA20151234.5',
    })]);
    const html = (await f.inject('officer', 'GET', `/api/notices/${created[0].id}/document.html`)).body;
    expect(html).toContain('<td>植物新品种权</td><td>金牡丹</td><td>植物新品种权证书 品种权号CNA20151234.5<br><span class="small">植物种类：茶树 Camellia sinensis</span></td><td>福建省农业科学院茶叶研究所</td>');
  });
});

describe('plug-in loading', () => {
  it('names the config entry of a module that is missing or exports no kind', async () => {
    await expect(installKindModules({ kindModules: ['test/kinds/nowhere.kind.ts'], rootDir: process.cwd() })).rejects.toThrow(/kindModules\[0\].*cannot load/);
    await expect(installKindModules({ kindModules: ['kinds/kind.ts'], rootDir: process.cwd() })).rejects.toThrow(/kindModules\[0\].*exports no kind/);
  });
});
