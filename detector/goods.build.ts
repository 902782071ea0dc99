/**
 * Builds detector/data/goods.nouns.tsv, the product-noun → Nice-class table
 * the goods check reads. Sources (../shared/data/ecommerce_titles, see its
 * SOURCES.md): the e-commerce category taxonomy (level-3 names, classed by
 * the level-2 crosswalk below), the DSNER product dictionary and the product
 * (HCCX) spans of the NER training titles, classed by their head noun (Chinese
 * compounds are head-final: 手机充电头 is a 充电头). The hand seed table in
 * goods.classes.ts comes first and wins.
 *   npx tsx detector/goods.build.ts [sharedDir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { bundledGoodsKeywords } from './goods.classes.js';
import { readNerTitles, nerSpans } from './ner.reader.js';

/** Level-2 taxonomy category → Nice classes (Nice 12th ed. class headings). */
const CROSSWALK: Record<string, number[]> = {
  '本地生活--游戏充值': [9, 41],
  '宠物生活--宠物零食': [31], '宠物生活--宠物主粮': [31], '宠物生活--宠物玩具': [28], '宠物生活--出行装备': [18], '宠物生活--家居日用': [21],
  '宠物生活--洗护美容': [3], '宠物生活--医疗保健': [5],
  '厨具锅具--餐具': [21], '厨具锅具--茶具/咖啡具': [21], '厨具锅具--厨房配件': [21], '厨具锅具--刀剪菜板': [8, 21], '厨具锅具--烹饪锅具': [21], '厨具锅具--水具酒具': [21],
  '电脑/办公--办公设备': [9], '电脑/办公--电脑配件': [9], '电脑/办公--电脑整机': [9], '电脑/办公--外设产品': [9], '电脑/办公--网络设备': [9], '电脑/办公--文具/耗材': [16],
  '服饰鞋帽--服饰配件': [25, 26], '服饰鞋帽--男鞋': [25], '服饰鞋帽--男装': [25], '服饰鞋帽--内衣': [25], '服饰鞋帽--女鞋': [25], '服饰鞋帽--女装': [25],
  '家居家装--家纺': [24], '家居家装--家装软饰': [20, 24, 27],
  '家用/商用家具--储物家具': [20], '家用/商用家具--客厅家具': [20], '家用/商用家具--卧室家具': [20], '家用/商用家具--阳台/户外': [20],
  '家用电器--厨房小电': [7, 11], '家用电器--厨卫大电': [11], '家用电器--大家电': [7, 9, 11], '家用电器--个护健康': [8, 10, 11], '家用电器--生活电器': [7, 11],
  '家装建材--厨房卫浴': [11], '家装建材--灯饰照明': [11], '家装建材--电工电料': [9], '家装建材--墙地面材料': [19, 27], '家装建材--五金家装': [6, 8],
  '教育音像--教材/教辅': [16], '教育音像--经管/培训': [16], '教育音像--亲子幼教': [16], '教育音像--软件工具': [9], '教育音像--在线教育/学习卡': [41],
  '母婴用品/玩具乐器--安全座椅': [12], '母婴用品/玩具乐器--创意减压': [28], '母婴用品/玩具乐器--动漫玩具': [28], '母婴用品/玩具乐器--积木拼插': [28],
  '母婴用品/玩具乐器--健身玩具': [28], '母婴用品/玩具乐器--乐器': [15], '母婴用品/玩具乐器--妈妈专区': [10, 25], '母婴用品/玩具乐器--毛绒布艺': [28],
  '母婴用品/玩具乐器--模型玩具': [28], '母婴用品/玩具乐器--奶粉': [5, 29], '母婴用品/玩具乐器--尿裤湿巾': [5, 16], '母婴用品/玩具乐器--寝居服饰': [24, 25],
  '母婴用品/玩具乐器--童车童床': [12, 20], '母婴用品/玩具乐器--童装童鞋': [25], '母婴用品/玩具乐器--娃娃玩具': [28], '母婴用品/玩具乐器--喂养用品': [10, 21],
  '母婴用品/玩具乐器--洗护用品': [3], '母婴用品/玩具乐器--遥控/电动': [28], '母婴用品/玩具乐器--益智玩具': [28], '母婴用品/玩具乐器--营养辅食': [5, 29, 30],
  '汽配用品--安全自驾': [9, 12], '汽配用品--车载电器': [9, 11], '汽配用品--美容清洗': [3, 21], '汽配用品--汽车装饰': [12, 27], '汽配用品--赛事改装': [12],
  '汽配用品--维修保养': [4, 7, 12],
  '生鲜水果--海鲜水产': [29, 31], '生鲜水果--禽肉蛋品': [29], '生鲜水果--蔬菜': [31], '生鲜水果--水果': [31], '生鲜水果--猪牛羊肉': [29],
  '食品/饮料/酒水--地方特产': [29, 30], '食品/饮料/酒水--进口食品': [29, 30], '食品/饮料/酒水--粮油调味': [29, 30], '食品/饮料/酒水--休闲食品': [29, 30],
  '食品/饮料/酒水--饮料冲调': [30, 32], '食品/饮料/酒水--中外名酒': [33], '食品/饮料/酒水--茗茶': [30],
  '手机数码--电子教育': [9], '手机数码--摄影摄像': [9], '手机数码--手机配件': [9], '手机数码--手机通讯': [9], '手机数码--数码配件': [9], '手机数码--影音娱乐': [9], '手机数码--智能设备': [9],
  '箱包皮具--潮流女包': [18], '箱包皮具--功能箱包': [18], '箱包皮具--精品男包': [18],
  '医药保健--保健器械': [10], '医药保健--传统滋补': [5, 29, 30], '医药保健--护理护具': [10], '医药保健--营养成分': [5], '医药保健--营养健康': [5], '医药保健--中西药品': [5],
  '运动户外--垂钓用品': [28], '运动户外--户外鞋服': [25], '运动户外--户外装备': [22, 28], '运动户外--健身训练': [28], '运动户外--骑行运动': [12, 28],
  '运动户外--体育用品': [28], '运动户外--游泳用品': [25, 28], '运动户外--运动服饰': [25], '运动户外--运动鞋包': [18, 25],
  '钟表礼品--钟表': [14], '钟表礼品--奢侈品': [14, 18],
  '珠宝饰品--K金饰品': [14], '珠宝饰品--彩宝': [14], '珠宝饰品--黄金': [14], '珠宝饰品--金银投资': [14], '珠宝饰品--木手串/把件': [14], '珠宝饰品--时尚饰品': [14],
  '珠宝饰品--水晶玛瑙': [14], '珠宝饰品--银饰': [14], '珠宝饰品--珍珠': [14], '珠宝饰品--钻石': [14], '珠宝饰品--翡翠玉石': [14],
};
/** Book and media categories name topics (爱情, 奥数), not goods: only these words stand for them. */
const MEDIA: Array<[number[], string]> = [[[16], '图书 书籍 书 杂志 期刊 教材 教辅 绘本 字典 词典 画册 漫画书'], [[9], '光盘 唱片 碟片 CD DVD 蓝光碟']];

/** Category names that name no product (其他, 适用年龄 …). */
const NOT_GOODS = /^(其他|其它|更多|套装|配件|用品|周边|礼品|礼券|礼盒|组合|服务|适用|\d|[a-z]+$)|年龄|以上|以下|岁|个月/i;

export function buildGoodsTable(shared: string): Map<string, { classes: number[]; source: string }> {
  const table = new Map<string, { classes: number[]; source: string }>();
  const add = (w: string, classes: number[], source: string) => {
    const k = w.trim().toLowerCase();
    if (k.length < 1 || k.length > 10 || table.has(k) || (source !== 'seed' && NOT_GOODS.test(k))) return;
    table.set(k, { classes: [...new Set(classes)].sort((a, b) => a - b), source });
  };
  for (const [w, cls] of bundledGoodsKeywords()) if (cls.length) add(w, cls, 'seed');
  // Class-less words (礼盒, 套装, 包邮) stay out of the table but still stop a head-noun guess.
  for (const [w, cls] of bundledGoodsKeywords()) if (!cls.length && !table.has(w)) table.set(w, { classes: [], source: 'seed' });
  for (const [cls, words] of MEDIA) for (const w of words.split(' ')) add(w, cls, 'seed');
  const tax = readFileSync(path.join(shared, 'product_category_taxonomy_level3_counts.txt'), 'utf8');
  for (const line of tax.split(/\r?\n/)) {
    const [cat] = line.split(' ');
    const parts = cat?.split('--');
    if (!parts || parts.length < 3) continue;
    const cls = CROSSWALK[`${parts[0]}--${parts[1]}`];
    if (!cls) continue;
    for (const noun of parts[2].split(/[/.、]/)) if (/^[\u4e00-\u9fff]{2,}$/.test(noun)) add(noun, cls, 'taxonomy');
  }
  // Head-final compounds: class of the longest known suffix (2+ chars, or a known 1-char head such as 鞋).
  // A one-character head (靴, 鞋) only for product spans of listings; dictionary words need a longer one (代表 is no 表).
  const headClass = (w: string, oneChar: boolean): number[] | undefined => {
    for (let i = 1; i < w.length - (oneChar ? 0 : 1); i++) { const t = table.get(w.slice(i)); if (t?.classes.length && (w.length - i >= 2 || t.source === 'seed')) return t.classes; }
    return undefined;
  };
  const derived: string[] = readFileSync(path.join(shared, 'dsner_ec_dict_product.txt'), 'utf8').split(/\r?\n/).map((s) => s.trim());
  const counts = new Map<string, number>();
  for (const t of readNerTitles(path.join(shared, 'taobao_ner_ecommerce_train.txt'))) {
    for (const s of nerSpans(t, 'HCCX')) if (/^[\u4e00-\u9fff]{2,8}$/.test(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  // A product span that starts with a known brand is that brand's product (网易一卡通, 苹果电脑), not a generic noun.
  // Brands tagged at least three times; a rarer tag (马丁 in 马丁靴) is as likely a slip as a brand.
  const brands = readFileSync(path.join(shared, 'taobao_ner_brand_lexicon.csv'), 'utf8').split(/\r?\n/).slice(1).map((l) => l.split(','))
    .filter(([b, n]) => b && b.length >= 2 && Number(n) >= 3).map(([b]) => b);
  brands.push(...readFileSync(path.join(shared, 'dsner_ec_dict_brand.txt'), 'utf8').split(/\r?\n/).map((s) => s.trim()).filter((b) => /^[\u4e00-\u9fff]{2,}$/.test(b)));
  const branded = (w: string) => brands.some((b) => w.startsWith(b) && w.length > b.length);
  derived.push(...counts.keys());
  const derivedBeforeJieba = derived.length;
  // Nouns of jieba's dictionary (tag n*, 3-6 characters) whose head is a classed noun of two or more characters.
  const jiebaDict = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'), 'utf8');
  for (const line of jiebaDict.split('\n')) {
    const [w, f, tag] = line.split(' ');
    if (w && tag?.startsWith('n') && Number(f) >= 3 && /^[\u4e00-\u9fff]{3,6}$/.test(w)) derived.push(w);
  }
  const fromJieba = new Set(derived.slice(derived.length - (derived.length - derivedBeforeJieba)));
  // Twice, so that nouns classed in the first pass can head longer ones.
  for (let pass = 0; pass < 2; pass++) for (const w of derived) { if (!w || table.has(w) || branded(w)) continue; const cls = headClass(w, !fromJieba.has(w)); if (cls) add(w, cls, fromJieba.has(w) ? 'jieba' : 'head'); }
  return table;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const shared = process.argv[2] ?? fileURLToPath(new URL('../../shared/data/ecommerce_titles/', import.meta.url));
  const table = buildGoodsTable(shared);
  const out = fileURLToPath(new URL('./data/goods.nouns.tsv', import.meta.url));
  const lines = [...table].filter(([, t]) => t.classes.length).sort((a, b) => a[0].localeCompare(b[0], 'zh')).map(([w, t]) => `${w}\t${t.classes.join(',')}\t${t.source}`);
  writeFileSync(out, `# noun\tnice classes\tsource (seed | taxonomy | head: product span classed by its head noun | jieba: dictionary noun classed by its head) — generated by detector/goods.build.ts\n${lines.join('\n')}\n`);
  const by = (s: string) => [...table.values()].filter((t) => t.source === s && t.classes.length).length;
  console.log(`${lines.length} goods nouns (${by('seed')} seed, ${by('taxonomy')} taxonomy, ${by('head')} product spans and ${by('jieba')} dictionary nouns classed by head noun) -> ${out}`);
}
