import { describe, expect, it } from 'vitest';
import { checkDigit, parsePatentNumbers } from '../../detector/patent-number.js';

// Real CN numbers, from shared/data/patents/cn_patent_number_examples.csv (18 valid, 2 malformed).
const REAL: Array<[string, string | null]> = [
  ['ZL202011472880.4', '4'], ['ZL 2023 1 0397744.0', '0'], ['ZL 2014 1 0026192.3', '3'], ['ZL202111118032.8', '8'],
  ['ZL 201710736136.2', '2'], ['ZL 201210442457.9', '9'], ['ZL201310209986.9', '9'], ['ZL202110377287.X', 'X'],
  ['ZL 2016 2 0161392.4', '4'], ['ZL202210110472.7', '7'], ['ZL20221955451.7', null], ['ZL201010613264.6', '6'],
  ['ZL201010603363.6', '6'], ['ZL20101061327.6', null], ['ZL 2025 1 1400055.6', '6'], ['ZL 2024 1 0040777.4', '4'],
  ['ZL202411020646.6', '6'], ['ZL202410841907.4', '4'], ['ZL202510010203.7', '7'], ['202311814970.0', '0'],
];

describe('patent numbers', () => {
  it('computes the check digit of the real numbers', () => {
    for (const [n, check] of REAL) {
      const digits = n.replace(/^ZL/, '').replace(/\s/g, '').split('.')[0];
      if (check === null) expect(digits.length).toBe(11);
      else expect(checkDigit(digits), n).toBe(check);
    }
  });
  it('parses citations with ZL prefixes, spaces and full-width digits', () => {
    const [a] = parsePatentNumbers('发明专利：ＺＬ２０２２１０１１０４７２．７');
    expect(a).toMatchObject({ digits: '202210110472', check: '7', format: 'new', kind: 'invention', canonical: 'ZL202210110472.7' });
    const [b] = parsePatentNumbers('专利号 ZL 2016 2 0161392.4 正品');
    expect(b).toMatchObject({ digits: '201620161392', kind: 'utility_model' });
    expect(parsePatentNumbers('专利号ZL20221955451.7')[0]).toMatchObject({ format: 'malformed' });
    expect(parsePatentNumbers('专利号 ZL 2019 7 1234567.2')[0].problem).toContain('类型位');
  });
  it('ignores publication numbers and numbers without a patent anchor', () => {
    expect(parsePatentNumbers('公告号 CN112330675B')).toEqual([]);
    expect(parsePatentNumbers('型号 202011472880 电话 13805912345')).toEqual([]);
  });
});
