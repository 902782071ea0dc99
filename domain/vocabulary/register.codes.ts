/** Codes of the register: a patent's type and legal status (patents.type, patents.status). */
import { codesOf, type Term } from './term.model.js';

/** The statutory names (专利法 第二条). */
export const PATENT_TYPE_TERMS = [
  { code: 'invention', zh: '发明专利', en: 'Invention' },
  { code: 'utility_model', zh: '实用新型专利', en: 'Utility model' },
  { code: 'design', zh: '外观设计专利', en: 'Design' },
] as const satisfies readonly Term[];
export const PATENT_TYPES = codesOf(PATENT_TYPE_TERMS);

export const PATENT_STATUS_TERMS = [
  { code: 'valid', zh: '有效', en: 'In force' },
  { code: 'expired', zh: '已失效', en: 'Expired' },
  { code: 'invalid', zh: '已宣告无效', en: 'Invalidated' },
] as const satisfies readonly Term[];
export const PATENT_STATUSES = codesOf(PATENT_STATUS_TERMS);
