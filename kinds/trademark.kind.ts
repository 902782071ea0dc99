/** 注册商标: a registered mark, used on goods of its Nice classes without the owner's licence. */
import { trademarkSchema, type Trademark } from '../domain/registry.schema.js';
import { trademarkSignals } from '../detector/trademark.signal.js';
import { text, type RightKind } from './kind.js';

export const trademarkKind: RightKind<Trademark> = {
  type: 'trademark',
  label: { zh: '注册商标', en: 'trademark' },
  registerKey: 'trademarks',
  schema: trademarkSchema,
  table: {
    name: 'trademarks',
    columns: [
      { column: 'reg_no', field: 'regNo', type: 'text' }, { column: 'mark', field: 'mark', type: 'text' },
      { column: 'aliases', field: 'aliases', type: 'text[]' }, { column: 'nice_classes', field: 'niceClasses', type: 'int[]' },
      { column: 'goods', field: 'goods', type: 'text[]' }, { column: 'owner', field: 'owner', type: 'text' },
      { column: 'logo', field: 'logo', type: 'text' }, { column: 'authorized_sellers', field: 'authorizedSellers', type: 'text[]' },
      { column: 'valid_until', field: 'validUntil', type: 'date' },
    ],
  },
  assetsView: { name: 'mark', reference: 'reg_no', owner: 'owner' },
  searchNames: (t) => [t.mark, ...t.aliases],
  nameOf: (t) => t.mark,
  proofOf: (t) => `商标注册证 第${t.regNo}号`,
  fields: (t) => [
    { label: '商标 Mark', value: t.mark }, { label: '注册号 Reg. no.', value: t.regNo }, { label: '权利人 Owner', value: t.owner },
    { label: '类别 Nice classes', value: t.niceClasses.map((c) => `第${c}类`).join('、') },
    { label: '核定商品 Goods', value: text(t.goods) }, { label: '有效期至 Valid until', value: text(t.validUntil) },
    { label: '授权店铺 Authorised sellers', value: text(t.authorizedSellers) },
  ],
  notice: (t) => ({
    particulars: `核定使用类别：第${t.niceClasses.join('、')}类；有效期至：${t.validUntil ?? '—'}`,
    holder: t.owner,
    extra: { registrationNumber: t.regNo, owner: t.owner, niceClasses: t.niceClasses, validUntil: t.validUntil },
  }),
  logoOf: (t) => t.logo,
  reasons: [
    { code: 'tm_unauthorized', decision: 'confirm', zh: '未经许可在同一种商品上使用相同/近似注册商标', en: 'Registered mark used without licence' },
    { code: 'tm_replica', decision: 'confirm', zh: '标注高仿、复刻、A货等，明示假冒', en: 'Listing admits replica / counterfeit' },
    { code: 'descriptive', decision: 'dismiss', zh: '描述性或非商标性使用（如配件适配说明）', en: 'Descriptive use, not as a mark' },
  ],
  codes: {},
  signals: trademarkSignals,
};
