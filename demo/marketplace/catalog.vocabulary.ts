/**
 * Title, shop and description vocabulary of the demo catalog. Product words and
 * title style follow the real Taobao titles and dictionaries in
 * shared/data/ecommerce_titles (taobao_ner_*, dsner_ec_dict_*); shop names and
 * companies are invented.
 */
import type { ImageShape } from './catalog.types.js';

/** A product kind: what titles, images, prices and attributes look like. */
export interface ProductKind {
  modifiers: string[];
  /** Generic products of the kind (clean listings). */
  generic: string[];
  /** Unrelated or no brands for clean listings ('' = no brand). */
  otherBrands: string[];
  descriptions: string[];
  /** Typical genuine price range, CNY. */
  price: [number, number];
  shape: (product: string) => ImageShape;
  extraAttributes: (pick: <T>(xs: readonly T[]) => T) => Record<string, string>;
}

const sportShape = (p: string): ImageShape => (p.includes('鞋') ? 'shoe' : p.includes('包') ? 'bag' : 'shirt');

export const KINDS = {
  sport: {
    modifiers: ['2024新款', '秋冬', '春夏', '男女同款', '透气', '减震', '轻便', '耐磨', '防滑', '学生', '情侣款', '休闲', '专业', '加绒保暖', '网面', '低帮'],
    generic: ['跑步鞋', '运动鞋', '休闲鞋', '板鞋', '篮球鞋', '慢跑鞋', '运动裤', '卫衣', '防风服', '运动T恤'],
    otherBrands: ['', '', '贵人鸟', '德尔惠', '双星', '人本', '飞跃', '361度'],
    descriptions: ['鞋面采用透气网布，中底轻质缓震，适合日常跑步与健身训练。', '面料柔软亲肤，版型宽松，运动休闲两相宜。', '防滑耐磨橡胶大底，抓地力强，久穿不累脚。', '尺码标准，建议按平时尺码购买。'],
    price: [199, 799],
    shape: sportShape,
    extraAttributes: (pick) => ({ 适用性别: pick(['男', '女', '男女通用']), 尺码: pick(['36-45', '39-44', 'S-XXL']) }),
  },
  electronics: {
    modifiers: ['2024新款', '原装', '无线', '降噪', '超长续航', '快充', '智能', '蓝牙5.3', '大容量', '全网通', '5G'],
    generic: ['蓝牙耳机', '充电宝', '智能手表', '运动手环', '充电器', '数据线', '无线路由器'],
    otherBrands: ['', '', '漫步者', '倍思', '绿联', '品胜'],
    descriptions: ['支持快速充电，多重安全保护。', '蓝牙连接稳定，低延迟，续航持久。', '全国联保，支持七天无理由退换。', '适用于主流安卓与苹果设备。'],
    price: [99, 2999],
    shape: (p) => (p.includes('耳机') ? 'earbuds' : /充电|数据线|路由/.test(p) ? 'machine' : 'phone'),
    extraAttributes: (pick) => ({ 颜色: pick(['黑色', '白色', '银色', '蓝色']), 型号: `${pick(['X', 'Pro', 'S', 'Lite'])}${pick(['10', '12', '20', '30'])}` }),
  },
  tea: {
    modifiers: ['2024新茶', '明前', '特级', '一级', '浓香型', '清香型', '高山', '礼盒装', '罐装', '散装', '500g', '250g', '送礼', '口粮茶', '花香'],
    generic: ['铁观音', '茉莉花茶', '大红袍', '白牡丹', '普洱熟茶饼', '红茶', '乌龙茶', '绿茶', '老白茶'],
    otherBrands: ['', '', '', '茶缘', '山间茗', '品茗轩'],
    descriptions: ['精选优质茶青，传统工艺制作，汤色明亮，回甘持久。', '密封包装，防潮避光保存。', '冲泡建议：95℃热水，首泡10秒出汤。', '产品保质期18个月。'],
    price: [58, 698],
    shape: () => 'teabox',
    extraAttributes: (pick) => ({ 净含量: pick(['250g', '500g', '100g']), 包装方式: pick(['罐装', '盒装', '袋装']) }),
  },
  zongzi: {
    modifiers: ['嘉兴', '端午', '礼盒', '真空', '10只装', '特产', '早餐', '手工'],
    generic: ['鲜肉粽', '蛋黄肉粽', '豆沙粽', '粽子', '月饼', '汤圆'],
    otherBrands: ['', '', '真真老老', '知味观'],
    descriptions: ['精选糯米与五花肉，箬叶包裹，软糯香浓。', '真空包装，常温保存，开袋加热即食。', '端午佳节送礼佳品。'],
    price: [29, 168],
    shape: () => 'zongzi',
    extraAttributes: (pick) => ({ 净含量: pick(['100g*10只', '140g*6只']), 储存方法: '常温' }),
  },
  liquor: {
    modifiers: ['52度', '浓香型', '500ml', '整箱', '6瓶装', '纯粮', '送礼', '宴请', '高度'],
    generic: ['白酒', '浓香型白酒', '粮食酒', '高粱酒'],
    otherBrands: ['', '丛台', '稻花香', '全兴'],
    descriptions: ['纯粮固态发酵，窖香浓郁，绵甜爽净。', '未成年人请勿饮酒。', '整箱发货，破损包赔。'],
    price: [99, 1299],
    shape: () => 'bottle',
    extraAttributes: (pick) => ({ 酒精度: pick(['52%vol', '42%vol']), 净含量: '500ml' }),
  },
  frozen: {
    modifiers: ['720g', '速冻', '早餐', '36只装', '家庭装', '冷冻', '方便菜'],
    generic: ['水饺', '馄饨', '汤圆', '云吞', '猪肉白菜水饺'],
    otherBrands: ['', '三全', '思念', '佑康'],
    descriptions: ['皮薄馅大，冷冻保存，开水下锅即可。', '冷链配送，-18℃保存。'],
    price: [19, 89],
    shape: () => 'bag',
    extraAttributes: () => ({ 储存方法: '冷冻-18℃', 净含量: '720g' }),
  },
  seafood: {
    modifiers: ['鲜活', '大只', '8-10头', '海鲜', '冷链包邮', '礼盒', '即食', '冷冻'],
    generic: ['鲍鱼', '鲜活鲍鱼', '扇贝', '生蚝', '海参'],
    otherBrands: ['', '', '海之味'],
    descriptions: ['当天捕捞，顺丰冷链发货。', '个头饱满，肉质鲜嫩。'],
    price: [68, 398],
    shape: () => 'shell',
    extraAttributes: () => ({ 储存方法: '冷藏', 净含量: '500g' }),
  },
  fishball: {
    modifiers: ['速冻', '火锅食材', '500g', '特产', '肉馅', '手工', '包心'],
    generic: ['鱼丸', '牛肉丸', '虾滑', '手打鱼丸', '包心鱼丸'],
    otherBrands: ['', '', '海霸王', '安井'],
    descriptions: ['鱼肉含量高，口感Q弹。', '火锅、煮汤皆宜，冷冻保存。'],
    price: [19, 79],
    shape: () => 'bowl',
    extraAttributes: () => ({ 储存方法: '冷冻', 净含量: '500g' }),
  },
  fruit: {
    modifiers: ['新鲜', '当季', '现摘', '5斤装', '10斤装', '整箱', '包邮', '孕妇水果', '清甜'],
    generic: ['红心蜜柚', '沙田柚', '青橄榄', '芦柑', '砂糖橘', '脐橙'],
    otherBrands: ['', '', '', '果园直供'],
    descriptions: ['产地直发，坏果包赔。', '果肉饱满，汁水充足。', '收到后请尽快食用。'],
    price: [29, 129],
    shape: () => 'fruit',
    extraAttributes: () => ({ 储存方法: '常温', 净含量: '5斤' }),
  },
  porcelain: {
    modifiers: ['手工', '羊脂玉', '中式', '礼盒装', '家用', '高档', '薄胎'],
    generic: ['白瓷盖碗', '白瓷茶具套装', '陶瓷茶杯', '观音摆件'],
    otherBrands: ['', '', '景德镇瓷韵'],
    descriptions: ['胎质细腻，釉面温润。', '适合功夫茶冲泡。'],
    price: [49, 899],
    shape: (p) => (p.includes('摆件') ? 'vase' : 'teacup'),
    extraAttributes: () => ({ 材质: '陶瓷' }),
  },
} satisfies Record<string, ProductKind>;

export type KindName = keyof typeof KINDS;

/** Product kind of each register asset (by TM/GI id). */
export const ASSET_KIND: Record<string, KindName> = {
  'TM-0001': 'sport', 'TM-0002': 'sport', 'TM-0003': 'sport', 'TM-0004': 'sport', 'TM-0005': 'electronics',
  'TM-0006': 'electronics', 'TM-0007': 'sport', 'TM-0008': 'sport', 'TM-0009': 'sport', 'TM-0010': 'sport',
  'TM-0011': 'sport', 'TM-0012': 'tea', 'TM-0013': 'zongzi', 'TM-0014': 'liquor', 'TM-0015': 'frozen',
  'GI-0001': 'tea', 'GI-0002': 'fishball', 'GI-0003': 'fruit', 'GI-0004': 'tea', 'GI-0005': 'tea', 'GI-0006': 'seafood',
  'GI-0007': 'fruit', 'GI-0008': 'tea', 'GI-0009': 'tea', 'GI-0010': 'tea', 'GI-0011': 'fruit', 'GI-0012': 'porcelain',
};

/** How often an asset is the subject of a listing (default 1): the mission's headline names come up more, so their searches page. */
export const ASSET_WEIGHT: Record<string, number> = {
  'TM-0001': 4, 'TM-0002': 2, 'TM-0003': 2, 'TM-0005': 2, 'TM-0006': 1.5,
  'GI-0001': 4, 'GI-0004': 2, 'GI-0005': 2, 'GI-0008': 1.5,
};
export const assetWeight = (a: { id: string }): number => ASSET_WEIGHT[a.id] ?? 1;

/** Product words used with each GI name (the GI name itself is put in front). */
export const GI_PRODUCTS: Record<string, string[]> = {
  'GI-0001': ['茉莉银针', '茉莉毛峰', '茉莉大白毫', '茉莉龙珠', '花茶'],
  'GI-0002': ['包心鱼丸', '手打鱼丸', '鱼丸'],
  'GI-0003': ['青橄榄', '檀香橄榄', '新鲜橄榄'],
  'GI-0004': ['浓香型', '清香型', '乌龙茶', '兰花香'],
  'GI-0005': ['白牡丹', '白毫银针', '寿眉', '老白茶饼'],
  'GI-0006': ['鲜活鲍鱼', '冷冻鲍鱼', '即食鲍鱼'],
  'GI-0007': ['红心蜜柚', '白心蜜柚', '三红蜜柚'],
  'GI-0008': ['大红袍', '肉桂', '水仙', '岩茶'],
  'GI-0009': ['红茶', '工夫红茶'],
  'GI-0010': ['白牡丹', '白毫银针', '寿眉'],
  'GI-0011': ['芦柑', '椪柑'],
  'GI-0012': ['白瓷盖碗', '白瓷茶具', '观音摆件'],
};

/** Origins outside every demo GI region, for GI misuse (shop location or 产地). */
export const OUTSIDE_LOCATIONS = [
  '浙江省金华市义乌市', '广西壮族自治区南宁市横州市', '广东省广州市荔湾区', '云南省西双版纳傣族自治州勐海县',
  '山东省日照市东港区', '江苏省苏州市吴中区', '浙江省杭州市西湖区', '广东省潮州市潮安区',
];
/** Short origin phrases for 产地 attributes / "产地：…" phrases outside Fujian. */
export const OUTSIDE_ORIGINS = ['浙江', '广西横县', '云南', '广东潮州', '山东日照', '江苏', '浙江义乌', '越南'];

/** Shops that sell copies (names and where they are). */
export const COPY_SHOPS: Record<'sport' | 'electronics' | 'food', { names: string[]; locations: string[] }> = {
  sport: {
    names: ['晋江好鞋工厂店', '莆田运动鞋批发', '潮鞋汇', '鞋都直营店', '优品运动馆', '步步高升鞋业', '运动潮品店', '尾货折扣仓'],
    locations: ['福建省泉州市晋江市', '福建省莆田市荔城区', '福建省莆田市城厢区', '浙江省温州市鹿城区', '广东省广州市白云区', '浙江省金华市义乌市'],
  },
  electronics: {
    names: ['华强北数码城', '极客数码店', '新潮3C配件', '优选数码专营', '科技潮玩馆'],
    locations: ['广东省深圳市福田区', '广东省深圳市龙岗区', '广东省东莞市长安镇', '浙江省金华市义乌市'],
  },
  food: {
    names: ['乐享零食铺', '惠民食品店', '酒水批发行', '名酒特卖仓', '老街坊食品', '茶缘小铺', '一叶茶庄'],
    locations: ['浙江省金华市义乌市', '山东省临沂市兰山区', '河南省郑州市金水区', '广东省广州市荔湾区', '福建省福州市鼓楼区'],
  },
};

/** Generic shops for clean listings. */
export const CLEAN_SHOPS = {
  names: ['百货优选店', '居家好物馆', '品质生活馆', '源头工厂店', '平价小铺', '城市精选', '好物集合店', '佳品汇'],
  locations: ['浙江省金华市义乌市', '广东省广州市番禺区', '江苏省苏州市工业园区', '福建省厦门市思明区', '上海市浦东新区', '福建省福州市鼓楼区'],
};

/** Where each mark's authorized seller ships from. */
export const AUTHORIZED_LOCATION: Record<string, string> = {
  'TM-0001': '福建省泉州市晋江市', 'TM-0002': '北京市通州区', 'TM-0003': '上海市黄浦区', 'TM-0004': '上海市静安区',
  'TM-0005': '广东省深圳市龙岗区', 'TM-0006': '北京市海淀区', 'TM-0007': '福建省泉州市丰泽区', 'TM-0008': '福建省厦门市湖里区',
  'TM-0009': '福建省泉州市晋江市', 'TM-0010': '上海市黄浦区', 'TM-0011': '福建省泉州市晋江市', 'TM-0012': '福建省泉州市安溪县',
  'TM-0013': '浙江省嘉兴市南湖区', 'TM-0014': '四川省泸州市江阳区', 'TM-0015': '上海市闵行区',
};

/** Words that flag a copy (FORMATS §4). `同款` is used as "<mark>同款". */
export const COPY_WORDS = ['高仿', '复刻', '原单', 'A货', '1:1', '纯原', '顶级版本', '公司级', '真标', '同款'];
export const COPY_DESCRIPTIONS = ['原厂同料，细节做工与专柜一致，支持验货。', '专柜品质，懂货的来，假一赔十。', '工厂尾单，原版开模，正品对比无差别。'];
