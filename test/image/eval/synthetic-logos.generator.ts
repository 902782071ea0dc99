/**
 * A large synthetic register for scale tests and the benchmark: logos derived
 * from the real CC0 icons (icon + brand-name lockups, wordmarks in several
 * fonts, mirrored icons, icon pairs). They share parts with the real icons on
 * purpose, so a large index is a hard one: the icon alone must still beat
 * the lockups and pairs that contain it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LOGO_DIR } from './eval-set.generator.js';

/** A logo entry as {@link LogoIndex.build} takes it. */
export interface SyntheticLogo { logoId: string; assetId: string; bytes: Buffer }

const WORDS = ['ANTA', 'LI-NING', 'XTEP', 'PEAK', 'ERKE', 'HAIER', 'GREE', 'MIDEA', 'MOUTAI', 'YILI', 'CHERY', 'GEELY', 'BYD', 'HISENSE', 'TCL',
  'SKYWORTH', 'BOSIDENG', 'HUIYUAN', 'WAHAHA', 'MENGNIU', 'JINGDONG', 'SUNING', 'KUNLUN', 'HONGXING', 'HUILI', 'FEIYUE', 'WARRIOR', 'DOUBLESTAR',
  '安踏', '李宁', '特步', '匹克', '鸿星尔克', '海尔', '格力', '美的', '茅台', '伊利', '奇瑞', '吉利', '比亚迪', '海信', '创维', '波司登', '汇源',
  '娃哈哈', '蒙牛', '回力', '飞跃', '双星', '百雀羚', '片仔癀', '九牧', '大白兔', '老干妈', '六神', '云南白药', '同仁堂', '全聚德', '稻香村'];
const FONTS = ['Noto Sans CJK SC', 'Noto Serif CJK SC', 'DejaVu Sans', 'DejaVu Serif'];

/** `n` synthetic logos built from `icons` (slugs in the logo folder); the same arguments always give the same logos. */
export function syntheticLogos(n: number, icons: string[]): SyntheticLogo[] {
  const inner = (slug: string) => { const svg = readFileSync(path.join(LOGO_DIR, `${slug}.svg`), 'utf8'); return [...svg.matchAll(/<path[^>]*\sd="([^"]+)"/g)].map((m) => `<path d="${m[1]}"/>`).join(''); };
  const out: SyntheticLogo[] = [];
  for (let i = 0; out.length < n; i++) {
    const icon = icons[i % icons.length], word = WORDS[Math.floor(i / icons.length) % WORDS.length], font = FONTS[i % FONTS.length];
    let svg: string;
    switch (i % 4) {
      case 0: svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 30"><g transform="translate(2 3)">${inner(icon)}</g><text x="30" y="22" font-family="${font}" font-weight="bold" font-size="15">${word}</text></svg>`; break;
      case 1: svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${word.length * 12 + 10} 30"><text x="4" y="22" font-family="${font}" font-weight="${i % 8 < 4 ? 'bold' : 'normal'}" font-size="18">${word}${i % 3 ? '' : '®'}</text></svg>`; break;
      case 2: svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 30"><g transform="translate(24 0) scale(-1 1)">${inner(icon)}</g><text x="2" y="29" font-family="${font}" font-size="5">${word}</text></svg>`; break;
      default: svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 52 26"><g transform="translate(1 1)">${inner(icon)}</g><g transform="translate(27 1)">${inner(icons[(i * 7 + 3) % icons.length])}</g></svg>`;
    }
    out.push({ logoId: `syn-${i}`, assetId: `SYN-${i}`, bytes: Buffer.from(svg) });
  }
  return out;
}
