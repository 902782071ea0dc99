/**
 * Writes the labelled evaluation set: registry.json + listings.jsonl (each
 * line a listing plus `family`, `expected: {suspect, assetIds}` and, for
 * image cases, `ocrText`). Labels follow FORMATS §4, case by case; titles
 * combine real Taobao titles and title fragments (shared/data/ecommerce_titles)
 * with hand-written hard cases. Seeded, so the output is reproducible:
 *   npx tsx test/detector/eval/generate.eval.ts [/work/shared/data]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { checkDigit } from '../../../detector/patent-number.js';
import { evalRegistry as R } from './eval.registry.js';
import { HAND_CASES } from './hand.cases.js';

const dataDir = process.argv[2] ?? '/work/shared/data';
const outDir = new URL('./', import.meta.url);
let seed = 20261121;
const rnd = () => { seed = (seed + 0x6d2b79f5) | 0; let t = seed; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
const toTrad = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toFull = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export interface EvalLine {
  platform: string; listingId: string; url: string; title: string; description: string; price: number;
  shop: { id: string; name: string; location: string }; attributes: Record<string, string>; images: string[]; capturedAt: string;
  family: string; expected: { suspect: boolean; assetIds: string[] }; ocrText?: Record<string, string>;
}
const lines: EvalLine[] = [];
type Spec = { family: string; title: string; expect: string[]; description?: string; shop?: string; location?: string; attributes?: Record<string, string>; ocr?: string };
function add(s: Spec): void {
  const id = String(100000 + lines.length);
  lines.push({
    platform: pick(['demo-taobao', 'demo-jd', 'demo-pdd']), listingId: id, url: `http://mall.example/item/${id}`,
    title: s.title, description: s.description ?? '', price: Math.round(rnd() * 50000) / 100,
    shop: { id: `s-${Math.floor(rnd() * 900)}`, name: s.shop ?? pick(SHOPS), location: s.location ?? pick(OUT_LOCS) },
    attributes: s.attributes ?? {}, images: s.ocr ? [`images/${id}-1.jpg`] : [], capturedAt: '2026-11-21T08:00:00Z',
    family: s.family, expected: { suspect: s.expect.length > 0, assetIds: s.expect }, ...(s.ocr ? { ocrText: { [`images/${id}-1.jpg`]: s.ocr } } : {}),
  });
}

const SHOPS = ['优品生活馆', '潮流鞋铺', '百货小店', '精品折扣店', '时尚运动馆', '好物集市', '鞋品汇', '特卖仓', '工厂直销店', '阳光百货', '品质优选', '小林的店', '星辰数码', '美妆小屋', '家居好物', '清仓特价店'];
const OUT_LOCS = ['浙江省金华市义乌市', '广东省广州市白云区', '上海市浦东新区', '江苏省苏州市', '河北省石家庄市', '山东省临沂市', '湖南省长沙市', '广东省深圳市宝安区', '河南省郑州市', '四川省成都市'];
const FUJIAN = ['福建省泉州市晋江市', '福建省莆田市', '福建省厦门市湖里区', '福建省福州市鼓楼区'];
const KIND: Record<string, string[]> = {
  sport: ['运动鞋', '跑步鞋', '篮球鞋', '板鞋', '卫衣', '运动裤', 'T恤', '休闲鞋', '外套', '运动套装'],
  tea: ['铁观音', '茶叶', '大红袍', '乌龙茶', '茶叶礼盒', '红茶'],
  phone: ['手机壳', '蓝牙耳机', '充电器', '手机', '数据线', '智能手环'],
  beauty: ['面霜', '护肤套装', '爽肤水', '精华液', '洗面奶'],
  pharma: ['珍珠膏', '胶囊', '药品', '面霜'],
  bath: ['水龙头', '花洒', '马桶', '淋浴花洒套装', '浴室柜'],
  candy: ['奶糖', '糖果', '零食', '奶糖礼盒'],
  paper: ['卫生巾', '抽纸', '纸巾'],
  jacket: ['夹克', '皮带', '男士外套', '衬衫'],
};
const MARK_KIND: Record<string, string> = { 'TM-0001': 'sport', 'TM-0002': 'sport', 'TM-0003': 'sport', 'TM-0004': 'sport', 'TM-0005': 'sport', 'TM-0006': 'jacket', 'TM-0007': 'tea', 'TM-0008': 'phone', 'TM-0009': 'phone', 'TM-0010': 'beauty', 'TM-0011': 'pharma', 'TM-0012': 'bath', 'TM-0013': 'sport', 'TM-0014': 'sport', 'TM-0015': 'candy', 'TM-0016': 'paper' };
const SUFFIX = ['2024新款', '夏季透气', '正品', '包邮', '特价清仓', '新品', '经典款', '学生', '男款', '女士', '官方正品', '爆款', '秋冬', '大码', '礼盒装', '热卖'];
const SEPS = [' ', '·', '-', '*', '丨', '/', ' . ', '_'];
/** Substitutions a seller might write for each mark (one character each). */
const LOOK: Record<string, string[]> = {
  'TM-0001': ['安蹋', '按踏'], 'TM-0002': ['李柠', '里宁'], 'TM-0003': ['匹客', '皮克'], 'TM-0004': ['特布', '特埗'], 'TM-0005': ['鸿星耳克', '宏星尔克'],
  'TM-0006': ['七匹郎'], 'TM-0007': ['八玛'], 'TM-0008': ['小咪'], 'TM-0009': ['华伟', '骅为'], 'TM-0010': ['百鹊羚', '百雀灵'], 'TM-0011': ['片仔黄'],
  'TM-0012': ['九沐'], 'TM-0013': ['回立'], 'TM-0014': ['贵人乌'], 'TM-0015': ['大白免'], 'TM-0016': ['恒桉'],
};
const marks = R.trademarks;
const goodsOf = (id: string) => pick(KIND[MARK_KIND[id]]);
const splitMark = (m: string) => [...m].join(pick(SEPS));
const t = (a: string, b: string) => (rnd() < 0.5 ? `${a}${b} ${pick(SUFFIX)}` : `${pick(SUFFIX)} ${a}${b} ${pick(SUFFIX)}`);

// ---- Trademarks: positives ----
for (let i = 0; i < 24; i++) { const m = marks[i % marks.length]; add({ family: 'tm-exact', title: t(m.mark, goodsOf(m.id)), expect: [m.id] }); }
for (let i = 0; i < 20; i++) { const m = marks[(i * 3) % marks.length]; add({ family: 'tm-split', title: t(splitMark(m.mark) + ' ', goodsOf(m.id)), expect: [m.id] }); }
const tradMarks = marks.filter((m) => toTrad(m.mark) !== m.mark);
for (let i = 0; i < 18; i++) { const m = tradMarks[i % tradMarks.length]; const title = t(m.mark, goodsOf(m.id)); add({ family: 'tm-traditional', title: i % 2 ? toTrad(title) : title.replace(m.mark, toTrad(m.mark)), expect: [m.id] }); }
const aliased = marks.filter((m) => m.aliases.length);
for (let i = 0; i < 18; i++) {
  const m = aliased[i % aliased.length]; const a = pick(m.aliases);
  const form = i % 3 === 0 ? toFull(a) : i % 3 === 1 ? a.toLowerCase() : a[0] + a.slice(1).toLowerCase();
  add({ family: 'tm-fullwidth-case', title: t(form + ' ', goodsOf(m.id)), expect: [m.id] });
}
for (let i = 0; i < 24; i++) { const m = marks[i % marks.length]; add({ family: 'tm-lookalike', title: t(pick(LOOK[m.id]), goodsOf(m.id)), expect: [m.id] }); }
for (let i = 0; i < 14; i++) { const m = aliased[(i * 5) % aliased.length]; add({ family: 'tm-alias', title: `${m.aliases[0]} ${goodsOf(m.id)} ${pick(SUFFIX)}`, expect: [m.id] }); }
const COPY = ['高仿', '复刻', '原单', 'A货', '1:1', '莆田纯原', '精仿'];
for (let i = 0; i < 16; i++) {
  const m = marks[(i * 7) % marks.length];
  const title = i % 2 ? `${pick(COPY)} ${pick(LOOK[m.id])}同款 ${pick(SUFFIX)}` : `${m.mark}同款 ${pick(COPY)} 爆款 ${pick(SUFFIX)}`;
  add({ family: 'tm-copyword', title, expect: [m.id] });
}
for (let i = 0; i < 12; i++) { const m = marks[(i * 5 + 1) % marks.length]; add({ family: 'tm-ocr', title: `${goodsOf(m.id)} ${pick(SUFFIX)} ${pick(SUFFIX)}`, ocr: `${i % 2 ? m.mark : splitMark(m.mark)} 正品保障 ${goodsOf(m.id)}`, expect: [m.id] }); }
for (let i = 0; i < 10; i++) { const m = marks[(i * 3 + 2) % marks.length]; add({ family: 'tm-brand-attr', title: `${goodsOf(m.id)} ${pick(SUFFIX)} ${pick(SUFFIX)}`, attributes: { 品牌: m.mark, 货号: `A${i}8821` }, expect: [m.id] }); }

// ---- Trademarks: negatives ----
for (let i = 0; i < 20; i++) {
  const m = marks[(i * 3 + 1) % marks.length];
  const title = i % 3 === 0 ? t(splitMark(m.mark), goodsOf(m.id)) : t(m.mark, goodsOf(m.id));
  add({ family: 'neg-tm-authorized', title, shop: i % 4 === 3 ? m.owner : pick(m.authorizedSellers), location: pick(FUJIAN), expect: [] });
}

// ---- GIs ----
const gis = R.geoIndications;
const GI_GOODS: Record<string, string[]> = { 茶叶: ['特级', '浓香型', '清香型', '2024新茶', '礼盒装500g', '散装250g', '高山茶'], 水产品: ['鲜活', '干货 礼盒', '即食'], 水果: ['新鲜水果 5斤', '当季 整箱', '现摘'], 陶瓷: ['茶具套装', '观音像 摆件', '盖碗'] };
const giTitle = (g: typeof gis[number], name = g.name) => `${rnd() < 0.5 ? '' : pick(['正宗', '原产', '特产', '2024新货']) + ' '}${name} ${pick(GI_GOODS[g.category])}`;
const inRegion = (g: typeof gis[number]) => `${g.region.province}${g.region.city ?? ''}${g.region.counties[0] ?? ''}`;
const outside = (g: typeof gis[number]) => pick(g.region.province === '福建省' ? [...OUT_LOCS, g.region.city === '福州市' ? '福建省泉州市' : '福建省福州市台江区'] : OUT_LOCS);
for (let i = 0; i < 24; i++) { const g = gis[i % gis.length]; add({ family: 'gi-outside', title: giTitle(g), location: outside(g), expect: [g.id] }); }
for (let i = 0; i < 14; i++) { const g = gis[(i * 5) % gis.length]; add({ family: 'gi-origin-attr', title: giTitle(g), location: inRegion(g), attributes: { 产地: pick(['云南', '浙江丽水', '广西', '贵州', '四川雅安', '湖南']) }, expect: [g.id] }); }
for (let i = 0; i < 12; i++) { const g = gis[(i * 7) % gis.length]; add({ family: 'gi-origin-phrase', title: giTitle(g), description: `本品产自${pick(['云南普洱', '广西横县', '贵州湄潭', '浙江安吉', '江西婺源'])}，口感醇厚，欢迎选购。`, location: '', expect: [g.id] }); }
for (let i = 0; i < 20; i++) {
  const g = gis[(i * 3) % gis.length];
  const claim = pick(['地理标志保护产品', '地理标志专用标志', '国家地理标志产品']);
  add({ family: 'gi-special-mark', title: i % 2 ? `${g.name} ${claim} ${pick(GI_GOODS[g.category])}` : giTitle(g), description: i % 2 ? '' : `包装印有${claim}，品质保证。`, location: inRegion(g), shop: pick(['山野茶农小店', '乡味特产铺', '闽货优选', '源头直供店']), expect: [g.id] });
}
const CLOSE: Record<string, string> = { 'GI-0001': '福州茉丽花茶', 'GI-0002': '安西铁观音', 'GI-0003': '武姨岩茶', 'GI-0004': '福顶白茶', 'GI-0011': '西湖笼井', 'GI-0012': '正山小仲' };
for (let i = 0; i < 12; i++) { const id = Object.keys(CLOSE)[i % 6]; const g = gis.find((x) => x.id === id)!; add({ family: 'gi-close-spelling', title: i % 2 ? giTitle(g, CLOSE[id]) : giTitle(g, [...g.name].join(' ')), location: outside(g), expect: [g.id] }); }
for (let i = 0; i < 24; i++) {
  const g = gis[(i * 5 + 2) % gis.length];
  const loc = i % 3 === 0 ? `${g.region.province.replace('省', '')}${(g.region.counties[0] ?? '').replace(/[县区]$/, '')}` : inRegion(g);
  add({ family: 'neg-gi-in-region', title: giTitle(g), location: loc, attributes: i % 4 === 1 ? { 产地: inRegion(g) } : {}, expect: [] });
}
for (let i = 0; i < 10; i++) {
  const g = gis.filter((x) => x.authorizedUsers.length)[i % 6];
  add({ family: 'neg-gi-authorized', title: `${g.name} 地理标志保护产品 ${pick(GI_GOODS[g.category])}`, shop: g.authorizedUsers[g.authorizedUsers.length - 1], location: inRegion(g), expect: [] });
}

// ---- Patents ----
const P = R.patents;
const KZ = { invention: '发明专利', utility_model: '实用新型专利', design: '外观专利' } as const;
const space = (n: string) => (rnd() < 0.5 ? n : `ZL ${n.slice(2, 6)} ${n.slice(6, 7)} ${n.slice(7)}`);
const ptTitle = (kw: string, cite: string) => `${kw} ${pick(['家用', '加厚', '新款', '便携'])} ${cite}`;
const badCheck = (n: string) => { const d = n.slice(2, 14); const c = checkDigit(d); const wrong = c === 'X' ? '3' : String((Number(c) + 3) % 10); return `ZL${d}.${wrong}`; };
for (let i = 0; i < 14; i++) { const p = P[i % P.length]; add({ family: 'pt-bad-check', title: ptTitle(p.keywords[0], `${KZ[p.type]}号${space(badCheck(p.number))}`), shop: pick(p.licensees.length ? p.licensees : [p.owner]), expect: [p.id] }); }
const MAL = ['ZL20221955451.7', 'ZL20101061327.6', 'ZL 2019 7 1234567.2', 'ZL2020123.4', 'ZL 1999 1 0234567.1', 'ZL2021456789012.3'];
const canon = (s: string) => { const d = s.replace(/[^\dX.]/gi, ''); return `ZL${d}`; };
for (let i = 0; i < 12; i++) { const n = MAL[i % MAL.length]; add({ family: 'pt-malformed', title: ptTitle(pick(['晾衣架', '保温杯', '电水壶', '茶盘']), `专利号${n}`), expect: [canon(n)] }); }
const unreg = ['201920345678', '202320567812', '202110998877', '202230765432', '201810123456', '202420111222'];
for (let i = 0; i < 12; i++) { const d = unreg[i % unreg.length]; const n = `ZL${d}.${checkDigit(d)}`; const k = d[4] === '1' ? '发明专利' : d[4] === '2' ? '实用新型专利' : '外观专利'; add({ family: 'pt-not-registered', title: ptTitle(pick(['收纳盒', '折叠椅', '手机支架', '茶盘']), `${k}：${space(n)}`), expect: [n] }); }
const dead = P.filter((p) => p.status !== 'valid');
for (let i = 0; i < 12; i++) { const p = dead[i % dead.length]; add({ family: 'pt-expired', title: ptTitle(p.keywords[0], `${KZ[p.type]} ${space(p.number)}`), description: '专利产品 仿冒必究', shop: i % 2 ? p.owner : pick(SHOPS), expect: [p.id] }); }
const validP = P.filter((p) => p.status === 'valid');
for (let i = 0; i < 14; i++) {
  const p = validP[i % validP.length]; const wrong = p.type === 'invention' ? pick(['实用新型专利', '外观专利']) : '发明专利';
  add({ family: 'pt-type-mismatch', title: ptTitle(p.keywords[0], `${wrong}${space(p.number)}`), shop: pick([p.owner, ...p.licensees]), expect: [p.id] });
}
for (let i = 0; i < 10; i++) { const p = validP[(i * 3) % validP.length]; add({ family: 'pt-not-licensee', title: ptTitle(p.keywords[0], `${KZ[p.type]}号 ${space(p.number)}`), shop: pick(SHOPS), expect: [p.id] }); }
for (let i = 0; i < 14; i++) { const p = validP[i % validP.length]; add({ family: 'neg-pt-owner', title: ptTitle(p.keywords[0], `${i % 3 ? KZ[p.type] : '专利号'} ${space(p.number)}`), shop: i % 2 ? p.owner : pick(p.licensees.length ? p.licensees : [p.owner]), expect: [] }); }
for (const p of P.filter((x) => x.type === 'design' && x.status === 'valid')) {
  for (const w of ['外观专利', '外观设计专利', '外观设计专利号']) add({ family: 'neg-pt-design-correct', title: ptTitle(p.keywords[0], `${w}${space(p.number)}`), shop: p.licensees[0] ?? p.owner, expect: [] });
}

// ---- Hand-written hard cases ----
for (const h of HAND_CASES) add(h);

// ---- Real titles without any registered name (hard negatives from the wild) ----
const names = [...marks.flatMap((m) => [m.mark, ...m.aliases.map((a) => a.toLowerCase())]), ...gis.flatMap((g) => [g.name, ...g.aliases])];
const real: string[] = [];
let cur = '';
for (const line of readFileSync(`${dataDir}/ecommerce_titles/taobao_ner_ecommerce_test.txt`, 'utf8').split('\n')) {
  if (!line.trim()) { if (cur) real.push(cur); cur = ''; continue; }
  const ch = line.split(' ')[0]; cur += ch || ' ';
}
const tea = readFileSync(`${dataDir}/ecommerce_titles/taobao_ner_tea_titles.tsv`, 'utf8').split('\n').slice(1).map((l) => l.split('\t')[1]).filter(Boolean);
const clean = (s: string) => !names.some((n) => s.toLowerCase().includes(n)) && !/专利|zl\d/i.test(s);
const realPool = real.filter(clean);
for (let i = 0; i < 40; i++) add({ family: 'neg-plain', title: pick(realPool), expect: [] });
const teaPool = tea.filter(clean);
for (let i = 0; i < 16; i++) add({ family: 'neg-plain', title: pick(teaPool), expect: [] });

writeFileSync(new URL('registry.json', outDir), JSON.stringify(R, null, 2) + '\n');
writeFileSync(new URL('listings.jsonl', outDir), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
console.log(`wrote ${lines.length} listings`);
