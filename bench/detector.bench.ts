/**
 * Detector throughput on one core: a synthetic register of 10,000 marks and
 * GIs, realistic listings, the indexed detector vs a naive scan that compares
 * every registered name with every same-length n-gram of the title using
 * natural's Jaro-Winkler distance.
 *   npx tsx bench/detector.bench.ts [--listings 5000] [--naive 40]
 */
process.env.DOTENV_CONFIG_QUIET = 'true';
import type { ListingInput } from '../domain/listing.schema.js';
import type { Registry } from '../domain/registry.schema.js';
import { createDetector } from '../detector/detector.js';
import { checkDigit } from '../detector/patent-number.js';

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const N_LISTINGS = arg('listings', 5000);
const N_NAIVE = arg('naive', 40);
let seed = 7;
const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];

const CHARS = '安踏李宁匹克特步鸿星尔克七匹狼八马小米华为百雀羚片仔癀九牧回力贵人鸟大白兔恒金银龙凤天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏美佳乐康福禄寿喜财源广进东西南北中春夏冬雪梅兰竹菊松柏青山绿水云海星光明亮丰泰和顺';
const PLACES = ['福州', '厦门', '泉州', '漳州', '南平', '宁德', '龙岩', '三明', '莆田', '杭州', '苏州', '成都', '昆明', '贵阳', '长沙', '武汉', '南宁', '桂林', '黄山', '六安'];
const PRODUCTS = ['茉莉花茶', '白茶', '红茶', '绿茶', '岩茶', '蜜柚', '芦柑', '鲍鱼', '白瓷', '米粉', '粉干', '橄榄', '板鸭', '腊肉', '枇杷', '荔枝', '龙眼', '笋干'];
const GOODS = ['运动鞋', '跑步鞋', '卫衣', 'T恤', '手机壳', '蓝牙耳机', '面霜', '茶叶', '水龙头', '保温杯', '收纳盒', '床单', '背包', '充电器', '奶糖', '花洒'];
const FILL = ['2024新款', '夏季透气', '正品', '包邮', '特价清仓', '男女同款', '学生', '大码', '礼盒装', '热卖', '加厚', '家用'];
const LOCS = ['浙江省金华市义乌市', '广东省广州市白云区', '福建省泉州市晋江市', '福建省福州市鼓楼区', '上海市浦东新区', '江苏省苏州市'];

function registry(): Registry {
  const seen = new Set<string>();
  const tm: Registry['trademarks'] = [];
  while (tm.length < 8000) {
    const len = 2 + Math.floor(rnd() * 3);
    let mark = '';
    for (let i = 0; i < len; i++) mark += pick([...CHARS]);
    if (seen.has(mark)) continue;
    seen.add(mark);
    const i = tm.length;
    tm.push({ id: `TM-${i}`, regNo: String(1000000 + i), mark, aliases: i % 4 === 0 ? [`BRAND${i}`] : [], niceClasses: [pick([25, 9, 30, 3, 11, 21])], goods: [pick(GOODS)], owner: `${mark}有限公司`, authorizedSellers: [`${mark}官方旗舰店`] });
  }
  const gi: Registry['geoIndications'] = [];
  while (gi.length < 2000) {
    const name = `${pick(PLACES)}${pick([...CHARS])}${pick(PRODUCTS)}`;
    if (seen.has(name)) continue;
    seen.add(name);
    gi.push({ id: `GI-${gi.length}`, name, aliases: [], category: pick(['茶叶', '水果', '水产品']), region: { province: '福建省', city: '福州市', counties: ['闽侯县'] }, authorizedUsers: [] });
  }
  const pt: Registry['patents'] = [];
  for (let i = 0; i < 500; i++) { const d = `2021${pick(['1', '2', '3'])}${String(1000000 + i).slice(1)}0`.slice(0, 12); pt.push({ id: `PT-${i}`, number: `ZL${d}.${checkDigit(d)}`, type: d[4] === '1' ? 'invention' : d[4] === '2' ? 'utility_model' : 'design', title: '一种装置', owner: '某公司', licensees: [], status: 'valid', keywords: [] }); }
  return { trademarks: tm, geoIndications: gi, patents: pt };
}

function listings(reg: Registry): ListingInput[] {
  const out: ListingInput[] = [];
  for (let i = 0; i < N_LISTINGS; i++) {
    const r = rnd();
    const brand = r < 0.3 ? pick(reg.trademarks).mark : r < 0.4 ? pick(reg.geoIndications).name : '';
    const title = `${pick(FILL)} ${brand}${pick(GOODS)} ${pick(FILL)} ${pick(FILL)} ${pick(GOODS)}`;
    out.push({
      platform: 'bench', listingId: String(i), url: `http://x/${i}`, title,
      description: `${pick(FILL)}，${pick(GOODS)}，${i % 10 === 0 ? `专利号ZL${pick(reg.patents).number.slice(2)}` : '质量保证'}，${pick(FILL)}。`,
      price: 99, shop: { id: 's', name: pick(['某某小店', '优品生活馆']), location: pick(LOCS) }, attributes: { 产地: pick(['浙江', '福建', '广东']) }, images: [],
    });
  }
  return out;
}

function time(fn: () => void): number { const t = process.hrtime.bigint(); fn(); return Number(process.hrtime.bigint() - t) / 1e9; }

const reg = registry();
const items = listings(reg);
console.log(`register: ${reg.trademarks.length} marks + ${reg.geoIndications.length} GIs (+${reg.patents.length} patents); ${items.length} listings`);

let detector!: ReturnType<typeof createDetector>;
const build = time(() => { detector = createDetector(reg); });
for (let i = 0; i < 2000; i++) detector.detect({ listing: items[i % items.length] }); // warm-up
let suspects = 0;
// CPU time as well as wall time: on a shared machine the wall clock counts other processes' turns.
const cpu0 = process.cpuUsage();
const secs = time(() => { for (const l of items) if (detector.detect({ listing: l }).suspect) suspects++; });
const cpu = process.cpuUsage(cpu0);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
const indexed = items.length / cpuSecs;
console.log(`indexed detector: build ${(build * 1000).toFixed(0)} ms; ${indexed.toFixed(0)} listings per CPU-second (${(cpuSecs * 1e6 / items.length).toFixed(1)} µs CPU/listing; wall ${(items.length / secs).toFixed(0)}/s; ${suspects} suspect)`);

const natural = await import('natural');
const nat = ((natural as { default?: unknown }).default ?? natural) as { JaroWinklerDistance: (a: string, b: string, o?: unknown) => number };
const jw = nat.JaroWinklerDistance;
const names = [...reg.trademarks.map((t) => t.mark), ...reg.geoIndications.map((g) => g.name)];
function naive(l: ListingInput): number {
  const text = `${l.title} ${l.description}`.replace(/\s+/g, '');
  let hits = 0;
  for (const n of names) {
    for (let i = 0; i + n.length <= text.length; i++) if (jw(n, text.slice(i, i + n.length)) >= 0.9) { hits++; break; }
  }
  return hits;
}
const sample = items.slice(0, N_NAIVE);
const nsecs = time(() => { for (const l of sample) naive(l); });
const naiveRate = sample.length / nsecs;
console.log(`naive per-name Jaro-Winkler scan (natural): ${naiveRate.toFixed(1)} listings/s (${sample.length} listings in ${nsecs.toFixed(1)} s)`);
console.log(`speed-up: ${(indexed / naiveRate).toFixed(0)}x   targets: >= 20000 listings/s ${indexed >= 20000 ? 'MET' : 'NOT MET'}, >= 100x ${indexed / naiveRate >= 100 ? 'MET' : 'NOT MET'}`);
