/**
 * Malformed patent numbers, in listings and in the register: parsing never
 * throws and says why a number is malformed; the detector still gives a
 * verdict; the register refuses a bad number naming the field.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.js';
import { createDetector } from '../../detector/detector.js';
import { parsePatentNumbers } from '../../detector/patent-number.js';
import { parseRegistry } from '../../detector/registry.loader.js';
import { listing, registry } from '../detector/fixtures.js';

const MALFORMED = [
  'ZL2020114728', // too short
  'ZL20201147288045678', // too long
  'ZL202011472880.Y', // check character not a digit or X
  'ZL202071472880.4', // type digit 7 does not exist
  'ZL 2020 1147 2880 .4', // spaced out
  'ＺＬ２０２０１１４７２８８０．４', // full-width
  'ZL202011472880.44', // doubled check
  'ZL\u0000202011472880.4', // NUL inside
  'ZL\u202E4.088274110202', // bidi override
  'ZL' + '9'.repeat(5000), // huge
  'ZL-.-.-.-', 'CN', 'ZL', '专利号：', '专利号：ZL.', '专利号ZL2020.11472880.4',
  'ZL202011472880.4'.repeat(500), // many, glued together
];

describe('malformed patent numbers', () => {
  it('parsing never throws, and a malformed citation says why', () => {
    for (const raw of MALFORMED) {
      const text = `专利号：${raw} 一种茶叶烘焙装置`;
      const cites = parsePatentNumbers(text);
      for (const c of cites) {
        expect(['new', 'old', 'malformed'], raw).toContain(c.format);
        if (c.format === 'malformed') expect(c.problem, raw).toBeTruthy();
      }
    }
  });

  it('a wrong check digit or type digit is reported as such', () => {
    const [bad] = parsePatentNumbers('专利号 ZL202071472880.4');
    expect(bad?.format === 'malformed' || !!bad?.problem).toBe(true);
  });

  it('the detector gives a verdict for every listing citing one', () => {
    const detector = createDetector(registry);
    for (const raw of MALFORMED) {
      const v = detector.detect({ listing: listing({ title: `茶叶烘焙机 专利号${raw}`, description: `本产品专利 ${raw}` }) });
      expect(typeof v.suspect, raw).toBe('boolean');
      expect(Number.isFinite(v.score), raw).toBe(true);
    }
  });

  it('the register refuses a malformed number, naming the field', () => {
    for (const number of ['ZL2020114728', 'ZL202011472880.5', 'ZL202011472880', '202011472880.4', 'ZL202011472880.4\u0000']) {
      const r = structuredClone(registry);
      r.patents[0] = { ...r.patents[0], number };
      const err = (() => { try { parseRegistry(r, 'registry.json'); return undefined; } catch (e) { return e; } })();
      expect(err, number).toBeInstanceOf(InputError);
      expect((err as InputError).problems.map((p) => p.field), number).toContain('patents[0].number');
    }
  });
});
