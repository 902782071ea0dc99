/**
 * What each kind of protected right is, in one place: its id (FORMATS §3
 * `assetType`), its labels, the register table it lives in, how it is proven
 * in a notice and how it is shown to a reviewer. A new IP type starts here
 * (then its register schema in registry.schema.ts, its table in a migration,
 * and its detector signal).
 */

import { PATENT_STATUS_TERMS, PATENT_TYPE_TERMS } from './vocabulary/register.codes.js';
import { zhIn } from './vocabulary/term.model.js';

/** The ids of the kinds, as FORMATS §3 spells them. */
export const ASSET_TYPES = ['trademark', 'gi', 'patent'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

/** One row of a register table, as the review repository returns it. */
export type RegisterRow = Record<string, unknown>;

/** One labelled value of a right, for the review page and the notice. */
export interface RightField { label: string; value: string }

export interface AssetKind {
  type: AssetType;
  /** Chinese first, as officers read it; English after. */
  label: { zh: string; en: string };
  /** The register table (store/migrations) that holds rights of this kind. */
  table: 'trademarks' | 'geo_indications' | 'patents';
  /** The right's name in a sentence: the mark, the GI name, the patent title. */
  nameOf(r: RegisterRow): string;
  /** The proof of the right a takedown notice cites (FORMATS §6). */
  proofOf(r: RegisterRow, id: string): string;
  /** The right's particulars, in display order. */
  fields(r: RegisterRow): RightField[];
}

const s = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join('、') : String(v));
const region = (r: RegisterRow) => [r.province, r.city].filter(Boolean).join('');

// A patent's type and status read as the vocabulary labels them.
const patentType = (r: RegisterRow) => zhIn(PATENT_TYPE_TERMS, s(r.patentType));
const patentStatus = (r: RegisterRow) => zhIn(PATENT_STATUS_TERMS, s(r.status));

export const ASSET_KINDS: Record<AssetType, AssetKind> = {
  trademark: {
    type: 'trademark', label: { zh: '注册商标', en: 'trademark' }, table: 'trademarks',
    nameOf: (r) => s(r.mark),
    proofOf: (r) => `商标注册证 第${s(r.regNo) || '?'}号 (CNIPA registration certificate no. ${s(r.regNo) || '?'})`,
    fields: (r) => [
      { label: '商标 Mark', value: s(r.mark) }, { label: '注册号 Reg. no.', value: s(r.regNo) }, { label: '权利人 Owner', value: s(r.owner) },
      { label: '类别 Nice classes', value: Array.isArray(r.niceClasses) ? r.niceClasses.join(', ') : s(r.niceClasses) },
      { label: '商品 Goods', value: s(r.goods) }, { label: '授权店铺 Authorised sellers', value: s(r.authorizedSellers) },
      { label: '有效期至 Valid until', value: s(r.validUntil) },
    ],
  },
  gi: {
    type: 'gi', label: { zh: '地理标志', en: 'geographical indication' }, table: 'geo_indications',
    nameOf: (r) => s(r.name),
    proofOf: (r, id) => (r.announcement ? `地理标志产品保护公告 ${s(r.announcement)}` : `地理标志 ${s(r.name) || id}（保护范围 ${region(r)}）`),
    fields: (r) => [
      { label: '地理标志 GI', value: s(r.name) }, { label: '公告 Announcement', value: s(r.announcement) },
      { label: '保护范围 Region', value: `${region(r)} ${s(r.counties)}`.trim() }, { label: '类别 Category', value: s(r.category) },
      { label: '授权使用人 Authorised users', value: s(r.authorizedUsers) },
    ],
  },
  patent: {
    type: 'patent', label: { zh: '专利', en: 'patent' }, table: 'patents',
    nameOf: (r) => s(r.title),
    proofOf: (r) => `专利号 ${s(r.number) || '?'}，法律状态 ${patentStatus(r) || '?'} (patent number and status)`,
    fields: (r) => [
      { label: '专利号 Number', value: s(r.number) }, { label: '类型 Type', value: patentType(r) },
      { label: '名称 Title', value: s(r.title) }, { label: '权利人 Owner', value: s(r.owner) },
      { label: '被许可人 Licensees', value: s(r.licensees) }, { label: '法律状态 Status', value: patentStatus(r) },
    ],
  },
};

export function isAssetType(v: unknown): v is AssetType {
  return typeof v === 'string' && (ASSET_TYPES as readonly string[]).includes(v);
}
