/**
 * A fourth kind of right, plugged in from outside the core as a bureau would
 * add one: the plant variety right (植物新品种权, 《植物新品种保护条例》).
 * Selling propagating material (种苗, 种子, 穗条…) of a protected variety
 * under its denomination without the holder's licence infringes it. This
 * module and migrations/0001_plant_varieties.sql are all it takes: the
 * register section, table, names, notice row, reasons and detector signal.
 * test/kinds/fourth-kind.test.ts drives it from register import to notice.
 */
import { z } from 'zod';
import type { Match } from '../../../domain/verdict.js';
import type { Signal, SignalFactory } from '../../../detector/signal.js';
import { text, type RightKind } from '../../../kinds/kind.js';

export const plantVarietySchema = z.object({
  id: z.string().trim().min(1),
  grantNo: z.string().regex(/^CNA\d{8,9}\.\d$/, 'expected a variety right number such as CNA20151234.5'),
  denomination: z.string().trim().min(2),
  species: z.string().trim().min(1),
  holder: z.string().trim().min(1),
  licensees: z.array(z.string().trim().min(1)).default([]),
}).strict();
export type PlantVariety = z.infer<typeof plantVarietySchema>;

/** Words that make a listing one of propagating material, not of the harvest (tea leaves of the variety are not covered). */
const PROPAGATING = ['种苗', '茶苗', '树苗', '苗木', '扦插苗', '穗条', '种子', '接穗'];

/** Flags a listing whose title names a registered variety with propagating material, unless a licensee sells it. */
export const plantVarietySignals: SignalFactory = ({ registry, tools }) => {
  const varieties = (registry.plantVarieties ?? []) as PlantVariety[];
  const keys = varieties.map((v) => tools.norm.normalize(v.denomination).compact);
  const signal: Signal = {
    name: 'plant-variety',
    evaluate(input) {
      const title = tools.norm.normalize(input.listing.title).compact;
      const material = PROPAGATING.find((w) => title.includes(w));
      if (!material) return [];
      const out: Match[] = [];
      varieties.forEach((v, i) => {
        if (!title.includes(keys[i])) return;
        if (v.licensees.includes(input.listing.shop?.name ?? '')) return;
        out.push({
          assetId: v.id, assetType: 'plant_variety', signal: 'title', score: 0.9,
          evidence: `标题以授权品种名称“${v.denomination}”销售繁殖材料“${material}”，店铺不在被许可人之列`,
        });
      });
      return out;
    },
  };
  return [signal];
};

export const plantVarietyKind: RightKind<PlantVariety> = {
  type: 'plant_variety',
  label: { zh: '植物新品种权', en: 'plant variety right' },
  registerKey: 'plantVarieties',
  schema: plantVarietySchema,
  table: {
    name: 'plant_varieties',
    columns: [
      { column: 'grant_no', field: 'grantNo', type: 'text' }, { column: 'denomination', field: 'denomination', type: 'text' },
      { column: 'species', field: 'species', type: 'text' }, { column: 'holder', field: 'holder', type: 'text' },
      { column: 'licensees', field: 'licensees', type: 'text[]' },
    ],
  },
  assetsView: { name: 'denomination', reference: 'grant_no', owner: 'holder' },
  searchNames: (v) => [v.denomination],
  nameOf: (v) => v.denomination,
  proofOf: (v) => `植物新品种权证书 品种权号${v.grantNo}`,
  fields: (v) => [
    { label: '品种名称 Denomination', value: v.denomination }, { label: '品种权号 Grant no.', value: v.grantNo },
    { label: '植物种类 Species', value: v.species }, { label: '品种权人 Holder', value: v.holder },
    { label: '被许可人 Licensees', value: text(v.licensees) },
  ],
  notice: (v) => ({ particulars: `植物种类：${v.species}`, holder: v.holder, extra: { grantNo: v.grantNo, species: v.species } }),
  reasons: [
    { code: 'pv_propagating', decision: 'confirm', zh: '未经许可销售授权品种的繁殖材料', en: 'Propagating material of a protected variety sold without licence' },
  ],
  codes: {},
  signals: plantVarietySignals,
};

/** The plug-in's export, as app/kind.plugins.ts loads it (config `kindModules`). */
export const kind = plantVarietyKind;
