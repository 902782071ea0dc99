/**
 * 专利: a patent, used without licence, or a patent number marked on goods
 * that is no patent in force (假冒专利, Patent Law art. 68). Only a patent in
 * force is a basis of right in a notice; a fake or lapsed number is a finding
 * about the listing (kinds/patent.finding.ts).
 */
import { patentSchema, type Patent } from '../domain/registry.schema.js';
import { patentSignals } from '../detector/patent-number.signal.js';
import { patentFinding } from './patent.finding.js';
import { PATENT_STATUS_TERMS, PATENT_TYPE_TERMS } from '../domain/vocabulary/register.codes.js';
import { codeLabel, text, type RightKind } from './kind.js';

// The patent's codes live in domain/ because the detector's patent rule words its evidence with them too.
const PATENT_TYPES = PATENT_TYPE_TERMS;
const PATENT_STATUS = PATENT_STATUS_TERMS;

export const patentKind: RightKind<Patent> = {
  type: 'patent',
  label: { zh: '专利', en: 'patent' },
  registerKey: 'patents',
  schema: patentSchema,
  table: {
    name: 'patents',
    columns: [
      { column: 'number', field: 'number', type: 'text' }, { column: 'type', field: 'type', type: 'text' },
      { column: 'title', field: 'title', type: 'text' }, { column: 'owner', field: 'owner', type: 'text' },
      { column: 'licensees', field: 'licensees', type: 'text[]' }, { column: 'status', field: 'status', type: 'text' },
      { column: 'keywords', field: 'keywords', type: 'text[]' },
    ],
  },
  assetsView: { name: 'title', reference: 'number', owner: 'owner' },
  searchNames: (p) => p.keywords,
  nameOf: (p) => p.title,
  proofOf: (p) => `专利号 ${p.number}，法律状态 ${codeLabel(PATENT_STATUS, p.status)}`,
  fields: (p) => [
    { label: '专利 Patent', value: p.title }, { label: '专利号 Number', value: p.number },
    { label: '类型 Type', value: codeLabel(PATENT_TYPES, p.type, 'both') }, { label: '法律状态 Status', value: codeLabel(PATENT_STATUS, p.status, 'both') },
    { label: '专利权人 Owner', value: p.owner }, { label: '被许可人 Licensees', value: text(p.licensees) },
  ],
  notice: (p) => ({
    particulars: `专利类型：${codeLabel(PATENT_TYPES, p.type)}；法律状态：${codeLabel(PATENT_STATUS, p.status)}`,
    holder: p.owner,
    extra: { patentNumber: p.number, patentType: p.type, status: p.status, owner: p.owner },
  }),
  quotesComparison: true,
  reasons: [
    { code: 'pt_fake', decision: 'confirm', zh: '假冒专利：专利号不存在、校验位错误或专利已失效', en: 'Fake patent marking' },
    { code: 'pt_unlicensed', decision: 'confirm', zh: '未经许可实施他人专利', en: 'Patent used without licence' },
  ],
  unregistered: (number, evidence) => patentFinding(number, evidence),
  codes: { patentType: PATENT_TYPES, patentStatus: PATENT_STATUS },
  signals: patentSignals,
};
