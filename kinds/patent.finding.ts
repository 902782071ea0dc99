/**
 * A cited patent number that no register holds is itself the finding (假冒专利):
 * the number does not exist, or its check digit is wrong, or it is malformed.
 * Read from the number the detector recorded as the match's asset id.
 */
import { checkDigit, parsePatentNumbers } from '../detector/patent-number.js';
import type { Finding } from './kind.js';

/** What is wrong with a cited patent number. */
export interface PatentFinding extends Finding {
  /** malformed | check_digit | not_registered */
  kind: 'malformed' | 'check_digit' | 'not_registered';
  /** Chinese first, English second. */
  label: string;
  number: string;
  detail: string;
}

export function patentFinding(number: string, evidence = ''): PatentFinding {
  const c = parsePatentNumbers(`专利号 ${number}`)[0];
  if (!c || c.format === 'malformed') {
    return { kind: 'malformed', number, label: '专利号格式错误（不存在） Malformed patent number', detail: c?.problem ?? evidence };
  }
  const expect = checkDigit(c.digits);
  if (c.check && c.check !== expect) {
    return { kind: 'check_digit', number, label: '专利号不存在/校验位错误 Patent number does not exist (bad check digit)', detail: `校验位应为“${expect}”而非“${c.check}” check digit should be ${expect}` };
  }
  return { kind: 'not_registered', number, label: '专利号不存在（登记簿及公告中无此号） No such patent in the register', detail: evidence };
}
