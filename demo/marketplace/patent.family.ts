/** Patent-marking families (假冒专利): bad check digits, unregistered, expired/invalid, wrong type, and correct citations. */
import type { Patent } from '../../domain/registry.schema.js';
import type { Family, ImageShape } from './catalog.types.js';
import { CLEAN_SHOPS } from './catalog.vocabulary.js';
import { type FamilyContext, type ListingDraft, imageSpecs, joinTitle, price } from './listing.draft.js';
import { formatPatentNumber, type PatentStyle, patentCheckDigit, splitPatentNumber, wrongCheckDigit } from './patent.number.js';

type PtFamily = Extract<Family, 'pt-bad-check' | 'pt-unregistered' | 'pt-expired' | 'pt-invalid' | 'pt-type-mismatch' | 'pt-licensee'>;

interface PatentProduct {
  words: string[];
  mods: string[];
  shape: ImageShape;
  price: [number, number];
  /** Register name the platform surfaces the product for. */
  topic: string;
  location: string;
}

/** What the products built on each demo patent look like. */
const PRODUCTS: Record<string, PatentProduct> = {
  'PT-0001': { words: ['茶水分离泡茶杯', '便携泡茶杯', '玻璃泡茶杯'], mods: ['男女', '办公室', '随手杯', '大容量', '双层防烫'], shape: 'teacup', price: [39, 129], topic: '福鼎白茶', location: '福建省福州市仓山区' },
  'PT-0002': { words: ['茶叶烘焙机', '家用焙茶机', '小型提香机'], mods: ['智能温控', '不锈钢', '商用', '220V'], shape: 'machine', price: [680, 3680], topic: '安溪铁观音', location: '福建省泉州市安溪县' },
  'PT-0003': { words: ['缓震跑鞋', '减震跑步鞋', '气垫运动鞋'], mods: ['2024新款', '透气', '轻便', '男女同款'], shape: 'shoe', price: [129, 399], topic: '安踏', location: '福建省泉州市晋江市' },
  'PT-0004': { words: ['充氮包装茶叶罐', '密封茶叶罐', '铁罐茶叶包装'], mods: ['定制', '半斤装', '防潮', '批发'], shape: 'teabox', price: [9, 59], topic: '武夷岩茶', location: '福建省福州市晋安区' },
  'PT-0005': { words: ['竹纤维速干T恤', '速干运动T恤', '竹纤维短袖'], mods: ['夏季', '男士', '冰丝', '跑步'], shape: 'shirt', price: [39, 129], topic: '李宁', location: '福建省泉州市石狮市' },
  'PT-0006': { words: ['鱼丸成型机', '全自动鱼丸机', '肉丸机'], mods: ['商用', '不锈钢', '小型', '高产'], shape: 'machine', price: [1980, 12800], topic: '福州鱼丸', location: '福建省福州市台江区' },
  'PT-0007': { words: ['红心蜜柚', '保鲜蜜柚', '三红蜜柚'], mods: ['新鲜', '当季', '10斤装', '包邮'], shape: 'fruit', price: [39, 99], topic: '平和琯溪蜜柚', location: '福建省漳州市平和县' },
  'PT-0008': { words: ['快充充电器', '65W快充头', '多协议充电器'], mods: ['氮化镓', '多口', '便携', '2024新款'], shape: 'machine', price: [39, 159], topic: '华为', location: '广东省深圳市宝安区' },
  'PT-0009': { words: ['折叠旅行茶盘', '便携茶盘', '旅行茶具套装'], mods: ['户外', '中式', '家用', '小号'], shape: 'tray', price: [59, 259], topic: '福州茉莉花茶', location: '福建省泉州市德化县' },
  'PT-0010': { words: ['福韵茶叶罐', '陶瓷茶叶罐', '马口铁茶叶罐'], mods: ['密封', '创意', '礼盒', '高档'], shape: 'teabox', price: [19, 89], topic: '八马', location: '福建省福州市晋安区' },
  'PT-0011': { words: ['透气减震鞋垫', '运动鞋垫', '气垫鞋垫'], mods: ['男女', '吸汗', '防臭', '可裁剪'], shape: 'mat', price: [9, 39], topic: '特步', location: '福建省莆田市荔城区' },
  'PT-0012': { words: ['粽叶清洗机', '粽子机械', '粽叶消毒设备'], mods: ['商用', '全自动', '不锈钢'], shape: 'machine', price: [880, 5800], topic: '五芳斋', location: '浙江省嘉兴市秀洲区' },
};

/** Real numbers with valid check digits that the demo register does not hold (shared/data/patents) plus synthetic ones. */
const UNREGISTERED = ['202411020646', '202410841907', '202510010203', '202210110472', '201010613264', '201010603363', '202511400055', '201720905527', '202420117703', '202230118846'];
/** Real-world malformed (11-digit) numbers from shared/data/patents: [digits, check as written]. */
const MALFORMED: [string, string][] = [['20221955451', '7'], ['20101061327', '6']];

const TYPE_WORD: Record<Patent['type'], string> = { invention: '发明专利', utility_model: '实用新型专利', design: '外观设计专利' };
const TYPE_BY_DIGIT: Record<string, Patent['type']> = { '1': 'invention', '2': 'utility_model', '3': 'design', '8': 'invention', '9': 'utility_model' };

/** The patents a family cites from the register. */
function registered(ctx: FamilyContext, family: PtFamily): Patent[] {
  const ps = ctx.registry.patents.filter((p) => PRODUCTS[p.id]);
  if (family === 'pt-expired') return ps.filter((p) => p.status === 'expired');
  if (family === 'pt-invalid') return ps.filter((p) => p.status === 'invalid');
  if (family === 'pt-type-mismatch') return ps.filter((p) => p.status === 'valid' && p.type !== 'invention');
  return ps.filter((p) => p.status === 'valid');
}

/** Builds one patent-marking listing of the given family. */
export function buildPatentListing(ctx: FamilyContext, family: PtFamily): ListingDraft {
  const { rng } = ctx;
  const pool = registered(ctx, family);
  const patent = rng.pick(pool);
  const product = PRODUCTS[patent.id];
  const { digits, check } = splitPatentNumber(patent.number);
  const style = rng.pick<PatentStyle>(['compact', 'compact', 'spaced', 'fullwidth', 'bare']);

  let cited: string;
  let typeWord = rng.chance(0.5) ? TYPE_WORD[patent.type] : '';
  let assetIds = [patent.id];
  let note: string;
  const registeredNumbers = new Set(ctx.registry.patents.map((p) => splitPatentNumber(p.number).digits));
  if (family === 'pt-bad-check') {
    assetIds = [];
    if (rng.chance(0.3)) {
      const [d, c] = rng.pick(MALFORMED);
      cited = formatPatentNumber(d, c, style === 'spaced' ? 'compact' : style);
      note = `cites ${cited}, a malformed number (11 digits)`;
    } else {
      cited = formatPatentNumber(digits, wrongCheckDigit(digits, rng.int(0, 9)), style);
      note = `cites ${cited}: check digit wrong (the register's ${patent.number} ends in ${check})`;
    }
  } else if (family === 'pt-unregistered') {
    assetIds = [];
    const d = rng.pick(UNREGISTERED.filter((u) => !registeredNumbers.has(u)));
    cited = formatPatentNumber(d, patentCheckDigit(d), style);
    typeWord = rng.chance(0.5) ? TYPE_WORD[TYPE_BY_DIGIT[d[4]]] : '';
    note = `cites ${cited}: valid check digit but not in the register`;
  } else {
    cited = formatPatentNumber(digits, check, style);
    if (family === 'pt-type-mismatch') {
      typeWord = patent.type === 'design' ? rng.pick(['发明专利', '实用新型专利']) : '发明专利';
      note = `cites ${patent.number} (${patent.type}) as ${typeWord}`;
    } else if (family === 'pt-licensee') {
      note = `${patent.number} (${patent.status}, ${patent.type}) cited correctly by its licensee/owner`;
    } else {
      note = `cites ${patent.number}, whose status is ${patent.status}`;
    }
  }

  const onRegisterSide = family === 'pt-licensee' || family === 'pt-type-mismatch' || family === 'pt-expired' || family === 'pt-invalid';
  const shopName = onRegisterSide ? (patent.licensees.length > 0 ? rng.pick(patent.licensees) : patent.owner) : rng.pick(CLEAN_SHOPS.names);
  const location = onRegisterSide ? product.location : rng.pick(CLEAN_SHOPS.locations);
  const marking = typeWord ? `${typeWord}${rng.pick(['号：', '号:', ' ', '：'])}${cited}` : `${rng.pick(['专利号：', '专利号:', '专利 ', '专利号 '])}${cited}`;
  const word = rng.pick(product.words);
  const inTitle = rng.chance(0.35);
  const titleParts = [rng.chance(0.5) ? '【专利产品】' : '', word, ...rng.sample(product.mods, rng.int(1, 2))];
  if (inTitle) titleParts.push(marking);
  const description = [
    `${word}，做工精细，品质保证。`,
    inTitle ? '' : `本产品受国家专利保护，${marking}，仿冒必究。`,
    '支持七天无理由退换。',
  ].join('');
  const attributes: Record<string, string> = { 品牌: rng.pick(['无品牌', shopName.slice(0, 4)]) };
  if (rng.chance(0.3)) attributes['专利号'] = cited;
  return {
    title: joinTitle(rng, titleParts),
    description,
    price: price(rng, product.price),
    shop: { name: shopName, location },
    attributes,
    imageSpecs: imageSpecs(rng, product.shape, rng.chance(0.4) ? ['专利产品', cited] : []),
    topic: product.topic,
    truth: { suspect: family !== 'pt-licensee', assetIds, family, note: `${note}; shop ${shopName}` },
  };
}
