/** 地理标志: a protected product name, used on goods that do not come from its protected region. */
import { geoIndicationSchema, type GeoIndication } from '../domain/registry.schema.js';
import { giSignals } from '../detector/gi-origin.signal.js';
import { text, type RightKind } from './kind.js';

const region = (g: GeoIndication) => `${g.region.province}${g.region.city ?? ''}`;

export const giKind: RightKind<GeoIndication> = {
  type: 'gi',
  label: { zh: '地理标志', en: 'geographical indication' },
  registerKey: 'geoIndications',
  schema: geoIndicationSchema,
  table: {
    name: 'geo_indications',
    columns: [
      { column: 'name', field: 'name', type: 'text' }, { column: 'aliases', field: 'aliases', type: 'text[]' },
      { column: 'category', field: 'category', type: 'text' }, { column: 'province', field: 'region.province', type: 'text' },
      { column: 'city', field: 'region.city', type: 'text' }, { column: 'counties', field: 'region.counties', type: 'text[]' },
      { column: 'authorized_users', field: 'authorizedUsers', type: 'text[]' }, { column: 'announcement', field: 'announcement', type: 'text' },
    ],
  },
  assetsView: { name: 'name', reference: "COALESCE(announcement, province || COALESCE(city, ''))", owner: "array_to_string(authorized_users, '、')" },
  searchNames: (g) => [g.name, ...g.aliases],
  nameOf: (g) => g.name,
  proofOf: (g) => (g.announcement ? `地理标志产品保护公告 ${g.announcement}` : `地理标志 ${g.name}（保护范围 ${region(g)}）`),
  fields: (g) => [
    { label: '地理标志 GI', value: g.name },
    { label: '产地范围 Region', value: `${region(g)}${g.region.counties.length ? `（${g.region.counties.join('、')}）` : ''}` },
    { label: '类别 Category', value: g.category }, { label: '公告 Announcement', value: text(g.announcement) },
    { label: '授权使用人 Authorised users', value: text(g.authorizedUsers) },
  ],
  notice: (g) => ({
    particulars: `保护范围：${region(g)}${g.region.counties.length ? `（${g.region.counties.join('、')}）` : ''}`,
    holder: text(g.authorizedUsers),
    extra: { announcement: g.announcement ?? null, region: region(g), authorizedUsers: g.authorizedUsers },
  }),
  reasons: [
    { code: 'gi_origin', decision: 'confirm', zh: '产地不在地理标志保护范围内，冒用地理标志', en: 'GI used for goods from outside the region' },
    { code: 'in_region', decision: 'dismiss', zh: '产地在保护范围内且有权使用', en: 'Origin inside the GI region' },
  ],
  codes: {},
  signals: giSignals,
};
