/** Real-language rules: segmentation, ordinary-word marks, goods from the product noun, close spellings, Unicode hygiene, price. */
import { describe, expect, it } from 'vitest';
import type { ListingInput } from '../../domain/listing.schema.js';
import type { Registry } from '../../domain/registry.schema.js';
import { createDetector } from '../../detector/detector.js';
import type { DetectInput } from '../../detector/signal.js';
import { sanitizeEvidence } from '../../detector/unicode.hygiene.js';
import { listing, registry as base } from './fixtures.js';

const registry: Registry = {
  ...base,
  trademarks: [
    ...base.trademarks,
    { id: 'TM-YD', regNo: '5000001', mark: '移动', aliases: ['中国移动'], niceClasses: [9, 38], goods: [], owner: '中国移动通信集团', authorizedSellers: [] },
    { id: 'TM-CC', regNo: '5000002', mark: '长城', aliases: [], niceClasses: [9, 12, 33], goods: [], owner: '长城汽车', authorizedSellers: [] },
    { id: 'TM-HY', regNo: '5000003', mark: '荣耀', aliases: ['honor'], niceClasses: [9], goods: [], owner: '荣耀终端', authorizedSellers: [] },
    { id: 'TM-XD', regNo: '5000004', mark: '现代', aliases: [], niceClasses: [12], goods: [], owner: '现代汽车', authorizedSellers: [] },
    { id: 'TM-MD', regNo: '5000005', mark: '马丁', aliases: [], niceClasses: [25], goods: [], owner: '马丁公司', authorizedSellers: [] },
    { id: 'TM-NK', regNo: '5000006', mark: '耐克', aliases: ['nike'], niceClasses: [25], goods: [], owner: '耐克公司', authorizedSellers: [], referencePrice: 699 },
    { id: 'TM-LN', regNo: '5000007', mark: '李宁', aliases: [], niceClasses: [25], goods: [], owner: '李宁公司', authorizedSellers: [] },
    { id: 'TM-DELI', regNo: '5000008', mark: '得力', aliases: ['deli'], niceClasses: [9, 16], goods: [], owner: '得力集团', authorizedSellers: [] },
  ],
  geoIndications: [
    ...base.geoIndications,
    { id: 'GI-WYYC', name: '武夷岩茶', aliases: [], category: '茶叶', region: { province: '福建省', city: '南平市', counties: ['武夷山市'] }, authorizedUsers: [] },
  ],
};
const d = createDetector(registry);
const flagged = (l: ListingInput, extra: Omit<DetectInput, 'listing'> = {}) => {
  const v = d.detect({ listing: l, ...extra });
  return v.suspect ? [...new Set(v.matches.filter((m) => m.score >= 0.6).map((m) => m.assetId))].sort() : [];
};
const t = (title: string) => flagged(listing({ title }));

describe('marks that are ordinary words', () => {
  it('are not flagged inside another word or as plain language', () => {
    for (const title of ['移动电源 10000毫安 大容量', '现代简约沙发 客厅', '马丁靴女 2024秋冬', '王者荣耀手办 公仔', '万里长城 纪念品 冰箱贴', '小迷你 手机 老人机', '东北小米 5斤 新米']) {
      expect(t(title), title).toEqual([]);
    }
  });
  it('are flagged with evidence of brand use', () => {
    expect(t('荣耀 V20 手机 全网通')).toEqual(['TM-HY']); // a model code
    expect(t('新款荣耀手机 6.5寸')).toEqual(['TM-HY']); // a product noun of its class after a listing word
    expect(t('honor/荣耀 智能手表 运动')).toEqual(['TM-HY']); // the registered Latin spelling beside it
    expect(flagged(listing({ title: '手机 6.5寸 大屏', attributes: { 品牌: '荣耀' } }))).toEqual(['TM-HY']);
    expect(t('长城 葡萄酒 干红 750ml 高仿')).toEqual(['TM-CC']);
  });
  it('are flagged when written apart with symbols, or as a phrase of their own that cannot name the goods', () => {
    expect(t('李*宁,2024新款,运动裤')).toEqual(['TM-LN']); // split by a symbol: a disguise, no one writes a word so
    expect(t('小/米 蓝牙 耳机')).toEqual(['TM-XIAOMI']);
    expect(t('小 米 粥 500g')).toEqual([]); // apart by a space only, and the goods are grain: not the mark's goods
    expect(t('黑/米色 大小/米白色 卫衣')).toEqual([]); // 小/米 across two words (大小, 米白色)
    expect(t('小米 大容量 无线 手机')).toEqual(['TM-XIAOMI']); // 小米 alone names grain, and the goods are phones
    expect(t('小米 500g 农家 新米')).toEqual([]); // here it is the grain
    expect(t('小米蓝牙5.3手机')).toEqual(['TM-XIAOMI']); // a decimal point (5.3) does not end the phrase
    expect(t('1:1NlKE耐磨卫衣')).toEqual(['TM-NK']); // a number before a Latin name is not part of the word
    expect(t('snike 卫衣')).toEqual([]);
  });
  it('are a reference when the goods fit a named device', () => {
    expect(t('荣耀20 手机壳 硅胶')).toEqual([]);
    expect(t('适用于荣耀手机 钢化膜')).toEqual([]);
  });
});

describe('goods from the product noun', () => {
  it('masks the mark and reads the head product noun', () => {
    expect(t('李宁 跑步鞋 男')).toEqual(['TM-LN']);
    expect(t('李宁 保温杯 500ml')).toEqual([]); // class 21, not 25
  });
  it('does not flag on unknown goods alone', () => {
    expect(t('李宁 新品 2024')).toEqual([]);
    expect(t('李宁 新品 2024 高仿')).toEqual(['TM-LN']);
  });
  it('reads a one-character noun that begins a longer word as its modifier (肉桂 is no meat, 茶几 no tea)', () => {
    // 肉桂 is a Wuyi rock tea (and cinnamon): the GI's own tea, sold from outside its region.
    for (const title of ['武夷岩茶 肉桂 特级', '武夷岩茶肉桂清香型一级', '原产,武夷岩茶,肉桂,送礼']) expect(t(title), title).toEqual(['GI-WYYC']);
    expect(t('李宁 鞋柜 收纳')).toEqual([]); // the head 柜 is furniture, not the 鞋 (shoes) that begins it
    expect(t('李宁 牛肉干 零食')).toEqual([]);
  });
});

describe('special-mark claims written into the name', () => {
  it('are claims, not references, when no separator stands between (专用 inside 地理标志专用标志)', () => {
    const inRegion = (title: string) => flagged(listing({ title, shop: { id: 'w1', name: '武夷山茶庄', location: '福建省南平市武夷山市' } }));
    expect(inRegion('武夷岩茶地理标志专用标志大红袍高山一级')).toEqual(['GI-WYYC']);
    expect(inRegion('武夷岩茶 地理标志专用标志 大红袍')).toEqual(['GI-WYYC']);
    expect(inRegion('武夷岩茶 大红袍 高山一级')).toEqual([]); // in its region and no claim
    expect(t('耐克专用 鞋垫 运动')).toEqual([]); // a real 专用 still makes a reference
    expect(t('耐克 鞋垫 运动')).toEqual(['TM-NK']);
  });
});

describe('close spellings', () => {
  it('reads homophones and radical swaps from character data', () => {
    expect(t('奈克 运动鞋 男')).toEqual(['TM-NK']); // nai ke
    expect(t('李柠 运动鞋')).toEqual(['TM-LN']); // 柠 for 宁, shared component
  });
  it('cleans invisible characters, emoji, combining marks and cross-script look-alikes', () => {
    expect(t('耐❤️克 运动鞋')).toEqual(['TM-NK']);
    expect(t('耐\uFEFF克 运动鞋')).toEqual(['TM-NK']);
    expect(t('李\u0301宁 运动鞋')).toEqual(['TM-LN']);
    expect(t('nik\u0435 跑步鞋')).toEqual(['TM-NK']); // Cyrillic е
    expect(t('ｎｉｋｅ 跑步鞋')).toEqual(['TM-NK']);
  });
  it('does not read a close spelling that is itself another word', () => {
    expect(t('dell 显示器 27英寸')).toEqual([]); // dell is not a look-alike of the alias deli
    expect(t('deli 计算器 办公')).toEqual(['TM-DELI']);
    expect(t('一动不动 运动鞋')).toEqual([]);
  });
  it('reads a short Latin look-alike whose own case or digits give it away (NlKE, N1KE), and not a plain word', async () => {
    const { brokenSpelling } = await import('../../detector/trademark.signal.js');
    expect(t('NlKE 网面 轻便 卫衣')).toEqual(['TM-NK']);
    expect(t('N1KE 跑步鞋')).toEqual(['TM-NK']);
    expect(t('Dell 显示器 27英寸')).toEqual([]);
    expect(t('DELL 显示器 27英寸')).toEqual([]);
    expect([brokenSpelling('NlKE'), brokenSpelling('N1KE'), brokenSpelling('ADlDAS')]).toEqual([true, true, true]);
    expect([brokenSpelling('Dell'), brokenSpelling('dell'), brokenSpelling('DELL'), brokenSpelling('2024'), brokenSpelling('NiKe')]).toEqual([false, false, false, false, false]);
  });
  it('finds GI names with one inserted or split character', () => {
    const shop = { id: '', name: '茶铺', location: '广东省深圳市' };
    expect(flagged(listing({ title: '武夷山岩茶 大红袍 500g', shop }))).toEqual(['GI-WYYC']);
    expect(flagged(listing({ title: '武夷山石茶 大红袍 500g', shop }))).toEqual(['GI-WYYC']);
  });
  it('writes evidence without control or bidi characters', () => {
    const v = d.detect({ listing: listing({ title: '耐\u202E克 运动鞋\u0007' }) });
    expect(v.matches[0].evidence).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
    expect(sanitizeEvidence('a\u202Eb\nc')).toBe('ab c');
  });
});

describe('price far below peers', () => {
  it('raises the score and says so; a genuine reseller ranks below a counterfeit', () => {
    const reseller = d.detect({ listing: listing({ title: '耐克 跑步鞋 男', price: 599 }) });
    const cheap = d.detect({ listing: listing({ title: '耐克 跑步鞋 男', price: 59 }) });
    const byPeers = d.detect({ listing: listing({ title: '耐克 跑步鞋 男', price: 99 }), peerPrices: [{ assetId: 'TM-NK', niceClass: 25, median: 600, count: 12 }] });
    const copy = d.detect({ listing: listing({ title: '耐克 跑步鞋 男 1:1 复刻', price: 599 }) });
    expect(cheap.score).toBeGreaterThan(reseller.score);
    expect(copy.score).toBeGreaterThan(reseller.score);
    expect(cheap.matches[0].evidence).toContain('登记的正品参考价699元');
    expect(byPeers.matches[0].evidence).toContain('中位数600元');
    expect(reseller.matches[0].evidence).not.toContain('低于');
  });
});
