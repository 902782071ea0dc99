/**
 * Builds the real-title evaluation set (test/detector/real/): Taobao titles
 * from the train and dev splits of the NER corpus in
 * shared/data/ecommerce_titles (the test split is not in shared/), a register
 * of marks chosen because their characters are also common words, and labels
 * from the NER brand (HPPX) tags, corrected by eye where the tags are wrong
 * (CORRECTIONS below, each with its reason).
 *
 * Marks: brands of the corpus's brand lexicon, written in Chinese, that are
 * words of jieba's dictionary with frequency >= 100 and occur at least three
 * times in the titles; minus country and place names and generic words the
 * lexicon holds by a tagging slip (LEFT_OUT). Nice classes and Latin aliases
 * are those the real owners register for their main goods (REGISTER).
 *
 * A listing is labelled suspect for a mark when a registered spelling of the
 * mark lies inside a brand span, the goods are of the mark's classes, and the
 * use is not a mere reference (适用于 X): FORMATS §4. The shop is never an
 * authorized seller. Titles with no registered spelling are kept as a
 * background sample (every 8th title) to catch look-alike false flags.
 *   npx tsx test/detector/real/build.real.ts [sharedDir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { resolvePlace } from '../../../domain/region.resolver.js';
import { nerSpanStarts, readNerTitles, type NerTitle } from '../../../detector/ner.reader.js';

/** mark → [Nice classes, Latin aliases]. */
const REGISTER: Record<string, [number[], string[]]> = {
  移动: [[9, 38], ['中国移动', 'china mobile']], 现代: [[12], ['hyundai']], 苹果: [[9, 14], ['apple']], 电信: [[9, 38], ['中国电信', 'china telecom']],
  阳光: [[9, 11, 20, 25], []], 华为: [[9, 14], ['huawei']], 联通: [[9, 38], ['中国联通', 'china unicom']], 海尔: [[7, 9, 11], ['haier']],
  荣耀: [[9], ['honor']], 三星: [[7, 9, 11], ['samsung']], 小米: [[7, 8, 9, 11, 14, 18, 20, 21, 25, 28], ['xiaomi']], 皇冠: [[29, 30], []],
  联想: [[9], ['lenovo']], 东芝: [[2, 7, 9, 11, 16], ['toshiba']], 网易: [[9, 38, 41], ['netease']], 完美: [[3, 5, 30, 32], []],
  马丁: [[25], []], 美的: [[7, 9, 11, 21], ['midea']], 松下: [[7, 8, 9, 11], ['panasonic']], 腾讯: [[9, 38, 41], ['tencent']],
  索尼: [[9], ['sony']], 富士: [[1, 9, 16], ['fujifilm']], 长城: [[9, 12, 33], []], 宝马: [[12, 25], ['bmw']],
  巨人: [[9, 28, 41], []], 精灵: [[9], []], 伊利: [[29, 30, 32], ['yili']], 惠普: [[2, 9, 16], ['hp']],
  大方: [[3, 25], []], 樱花: [[11], ['sakura']], 三通: [[11], []], 英特尔: [[9], ['intel']],
  东风: [[7, 12], ['dongfeng']], 飞利浦: [[7, 8, 9, 10, 11, 21], ['philips']], 标致: [[12], ['peugeot']], 红豆: [[24, 25], ['hodo']],
  吉祥: [[14, 30], []], 半球: [[11], []], 世家: [[3, 25], []], 皇家: [[31], ['royal canin']],
  大圣: [[28], []], 迪士尼: [[16, 18, 25, 28], ['disney']], 合力: [[7, 12], []], 九阳: [[7, 11, 21], ['joyoung']],
  得力: [[8, 9, 16], ['deli']], 大众: [[12], ['volkswagen']], 光明: [[29, 30, 32], []], 孔雀: [[11, 14, 25], []],
  绿叶: [[3, 5], []], 太阳神: [[5, 32], []], 风云: [[9, 28], []], 明治: [[29, 30], ['meiji']],
};
/** Lexicon entries that are not marks a bureau would register as such (countries, places, generic words). */
export const LEFT_OUT = ['汽车', '瑞士', '丹麦', '敦煌', '东阳', '日月潭', '标志', '古董', '红木', '启动', '京东', '闪亮', '金沙', '哈佛', '战神'];

/**
 * Eye corrections: [title contains, mark, suspect?, reason]. Where the NER tags
 * or the goods/referential test gave the wrong label.
 */
export const CORRECTIONS: Array<[string, string, boolean, string]> = [
  ['三通t型线夹', '三通', false, '三通 is a T-joint fitting here; the brand tag is wrong'],
  ['皇冠信誉', '皇冠', false, "皇冠信誉 is the seller's crown rating, not a brand"],
  ['大方农化农药', '大方', false, 'pesticide (class 5) is outside the registered classes'],
  ['海尔香槟塔', '海尔', false, 'champagne glasses (class 21) are outside the registered classes'],
  ['rapido三星专柜', '三星', false, '三星 names a department-store counter; clothing is outside the registered classes'],
  ['电信银行移动发网', '电信', false, 'hair net for telecom and bank staff uniforms: descriptive'],
  ['电信银行移动发网', '移动', false, 'hair net for telecom and bank staff uniforms: descriptive'],
  ['风云盲人推拿', '风云', false, 'a massage parlour, outside the registered classes'],
  ['吉祥板业', '吉祥', false, 'a company name; aluminium panels are outside the registered classes'],
  ['东风日产维修手册', '东风', false, 'a repair manual (class 16) for the cars: reference'],
  ['东风日产维修手册', '阳光', false, '阳光 is the Nissan Sunny model name'],
  ['完美一卡通', '完美', false, 'Perfect World game points; the registered 完美 covers cosmetics and food'],
  ['大众汽车服务', '大众', false, 'poster artwork mentioning a car service, not goods of class 12'],
  ['受理台', '移动', false, 'counter furniture for telecom shops: descriptive'],
  ['受理台', '电信', false, 'counter furniture for telecom shops: descriptive'],
  ['受理台', '联通', false, 'counter furniture for telecom shops: descriptive'],
  ['移动定制版刷机', '移动', false, "flashing service for a carrier's phone edition: reference"],
  ['南区电信', '电信', false, 'a game server region'],
  ['彩铃', '移动', false, "ringtone service for the carriers' subscribers: reference"],
  ['彩铃', '联通', false, "ringtone service for the carriers' subscribers: reference"],
  ['彩铃', '电信', false, "ringtone service for the carriers' subscribers: reference"],
  ['泰克森内胆包', '联想', false, 'a laptop sleeve of another brand that fits the laptop: reference'],
  ['移动联通电信4g', '移动', false, 'networks the phone supports: reference'],
  ['移动联通电信4g', '联通', false, 'networks the phone supports: reference'],
  ['移动联通电信4g', '电信', false, 'networks the phone supports: reference'],
  ['移动联通双4g', '移动', false, 'networks the phone supports: reference'],
  ['移动联通双4g', '联通', false, 'networks the phone supports: reference'],
  ['y75移动4g版', '移动', false, 'network edition of another brand\'s phone: reference'],
  ['y75移动4g版', '联通', false, 'networks the phone supports: reference'],
  ['出国旅游移动上网', '移动', false, '移动上网 is mobile internet, not the carrier'],
  ['风帆现代起亚配套', '现代', false, 'a battery of another brand fitting the cars: reference'],
  ['大众朗逸速腾', '大众', false, 'a navigation unit fitting the car models: reference; goods outside class 12'],
  ['王昭君288皮肤', '苹果', false, 'the iOS server region of a game'],
  ['大圣,冰玉马赛克', '大圣', false, 'mosaic tiles, outside the registered class'],
  ['margiela马丁', '马丁', false, 'a bag (class 18) of the Maison Margiela brand, outside class 25'],
  ['茅台镇世家', '世家', false, 'liquor, outside the registered classes'],
  ['有线鼠标静音', '联想', false, 'a mouse for computers of the listed brands: reference'],
  ['有线鼠标静音', '惠普', false, 'a mouse for computers of the listed brands: reference'],
  ['有线鼠标静音', '苹果', false, 'a mouse for computers of the listed brands: reference'],
  ['方猫,mc全民k歌', '苹果', false, 'a microphone for Apple and OPPO phones: reference'],
  ['东芝数控刀片', '东芝', false, 'cutting inserts (class 8) are outside the registered classes'],
];

/**
 * Accessories for a named device (FORMATS §4, 适用于 X, even when the word is left out):
 * a brand followed by a device model (possibly after a series name: 长城哈弗h6) and then a case, film, holder, band or bag is a
 * reference to the phone, car or computer the accessory fits (苹果6s手机壳, 苹果7臂带).
 */
const ACCESSORY = /(手机壳|保护壳|保护套|手机套|钢化膜|贴膜|手机膜|支架|臂包|臂带|臂袋|臂套|防水袋|手机袋|转换器|雨刮|雨刷|烟灰缸|脚垫|座套|表带|腕带|手腕包)/;

/** A compatibility word in the same phrase makes the mark a reference to the device the goods fit (FORMATS §4: 适用于 X). */
const REFERENTIAL = /适用|适配|兼容|用于|专用|通用|for\b/i;
/** Phrase separators in titles ('/' joins spellings of one brand, samsung/三星, and is not one). */
const PHRASE_SEP = /[,，|、;；\s【】[\]()（）!！。]+/;

export interface RealCase { title: string; split: string; idx: number; expected: string[]; family: string; notes: string[] }

export function buildReal(shared: string): { registry: unknown; cases: RealCase[] } {
  lexicon = new Set(readFileSync(path.join(shared, 'taobao_ner_brand_lexicon.csv'), 'utf8').split(/\r?\n/).slice(1).map((l) => l.split(',')[0]).filter(Boolean));
  const marks = Object.entries(REGISTER).map(([mark, [classes, aliases]], i) => ({
    id: `TM-R${String(i + 1).padStart(3, '0')}`, regNo: String(7000001 + i), mark, aliases, niceClasses: classes, goods: [], owner: `${mark}有限公司`, authorizedSellers: [`${mark}官方旗舰店`],
  }));
  const registry = { trademarks: marks, geoIndications: [], patents: [] };
  const cases: RealCase[] = [];
  for (const split of ['train', 'dev']) {
    const titles = readNerTitles(path.join(shared, `taobao_ner_ecommerce_${split}.txt`));
    titles.forEach((t, idx) => {
      const found = occurrences(t, marks);
      if (found.length === 0) {
        if (idx % 8 === 0) cases.push({ title: t.text, split, idx, expected: [], family: 'background', notes: [] });
        return;
      }
      const expected = new Set<string>();
      const notes: string[] = [];
      for (const o of found) {
        if (!o.inBrandSpan) continue;
        if (!o.wholeBrand) { notes.push(`${o.mark}: inside another brand name`); continue; }
        if (REFERENTIAL.test(phraseAt(t.text, o.start))) { notes.push(`${o.mark}: referential`); continue; }
        const after = t.text.slice(o.start + o.spelling.length).replace(/[\s,，/·.&-]+/g, '');
        if (/^[\u4e00-\u9fff]{0,2}[a-z]{0,8}\d/i.test(after) && ACCESSORY.test(after)) { notes.push(`${o.mark}: accessory for the named device`); continue; }
        expected.add(o.id);
      }
      for (const [part, mark, suspect, reason] of CORRECTIONS) {
        if (!t.text.includes(part)) continue;
        const id = marks.find((m) => m.mark === mark)!.id;
        if (suspect) expected.add(id); else expected.delete(id);
        notes.push(`corrected ${mark} -> ${suspect}: ${reason}`);
      }
      cases.push({ title: t.text, split, idx, expected: [...expected].sort(), family: expected.size ? 'brand-use' : 'mark-chars-not-brand', notes });
    });
  }
  return { registry, cases };
}

/** The text between the phrase separators around offset `at`. */
function phraseAt(text: string, at: number): string {
  let s = at, e = at;
  while (s > 0 && !PHRASE_SEP.test(text[s - 1])) s--;
  while (e < text.length && !PHRASE_SEP.test(text[e])) e++;
  return text.slice(s, e);
}

let lexicon: Set<string> | undefined;

/** A brand span is the mark's when it is the mark, or the mark joined to another known brand or a Latin spelling (华为荣耀, samsung/三星); not when the mark is part of a longer name (膜法世家, 暗影精灵). */
function wholeBrand(span: string, spelling: string, at: number): boolean {
  const rest = (span.slice(0, at) + ' ' + span.slice(at + spelling.length)).replace(/[\s/·.&-]+/g, ' ').trim();
  if (!rest) return true;
  return rest.split(' ').every((r) => /^[a-z0-9]+$/i.test(r) || lexicon!.has(r) || resolvePlace(r) !== undefined);
}

function occurrences(t: NerTitle, marks: Array<{ id: string; mark: string; aliases: string[] }>) {
  const spans = nerSpanStarts(t, 'HPPX');
  const lower = t.text.toLowerCase();
  const out: Array<{ id: string; mark: string; spelling: string; start: number; inBrandSpan: boolean; wholeBrand: boolean }> = [];
  for (const m of marks) {
    for (const spelling of [m.mark, ...m.aliases]) {
      for (let i = lower.indexOf(spelling); i >= 0; i = lower.indexOf(spelling, i + 1)) {
        const end = i + spelling.length;
        if (/[a-z]/.test(spelling) && (/[a-z]/.test(lower[i - 1] ?? '') || /[a-z]/.test(lower[end] ?? ''))) continue;
        const span = spans.find((s) => s.start <= i && end <= s.end);
        out.push({ id: m.id, mark: m.mark, spelling, start: i, inBrandSpan: !!span, wholeBrand: !!span && wholeBrand(lower.slice(span.start, span.end), spelling, i - span.start) });
      }
    }
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const shared = process.argv[2] ?? fileURLToPath(new URL('../../../../shared/data/ecommerce_titles/', import.meta.url));
  const { registry, cases } = buildReal(shared);
  const dir = fileURLToPath(new URL('.', import.meta.url));
  writeFileSync(path.join(dir, 'registry.json'), JSON.stringify(registry, null, 1) + '\n');
  const lines = cases.map((c) => JSON.stringify({
    platform: 'taobao-ner', listingId: `${c.split}-${c.idx}`, url: `https://example.invalid/${c.split}/${c.idx}`, title: c.title, description: '', price: null,
    shop: { id: 'shop-1', name: '某某小店', location: '浙江省金华市义乌市' }, attributes: {}, images: [], capturedAt: '2026-11-21T08:00:00Z',
    family: c.family, expected: { suspect: c.expected.length > 0, assetIds: c.expected }, ...(c.notes.length ? { notes: c.notes } : {}),
  }));
  writeFileSync(path.join(dir, 'listings.jsonl'), lines.join('\n') + '\n');
  const by = (f: string) => cases.filter((c) => c.family === f).length;
  console.log(`${cases.length} listings: ${by('brand-use')} brand use, ${by('mark-chars-not-brand')} mark characters not used as a brand, ${by('background')} background; ${Object.keys(REGISTER).length} marks`);
}
