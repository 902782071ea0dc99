/**
 * Detector thresholds, weights and word lists. Every field has a default, so
 * `createDetector(registry)` works as is; `config.detector` in ipwatch.json
 * overrides any of them (nested objects may be given in part).
 */
import { z } from 'zod';

/** Inline look-alike table: see config/lookalikes.json for the shape. */
export const lookalikeTableSchema = z.object({
  /** Interchangeable characters; the first of each group is canonical. */
  groups: z.array(z.array(z.string().min(1))).default([]),
  /** Single substitutions, variant -> canonical. */
  map: z.record(z.string(), z.string()).default({}),
}).passthrough();
export type LookalikeTable = z.infer<typeof lookalikeTableSchema>;

const weightsSchema = z.object({
  /** Mark or GI name as registered, or hidden by spaces/symbols, traditional or full-width characters, case. */
  exact: z.number().min(0).max(1).default(0.9),
  /** A registered alias (pinyin, Latin). */
  alias: z.number().min(0).max(1).default(0.85),
  /** A name reached through look-alike / near-homophone substitutions. */
  lookalike: z.number().min(0).max(1).default(0.75),
  /** The brand attribute (品牌) names the mark. */
  brandAttribute: z.number().min(0).max(1).default(0.95),
  /** Multiplier for a hit found only in image text (OCR), which is noisier. */
  ocrFactor: z.number().min(0).max(1).default(0.95),
  /** Multiplier for a hit found only in the description. */
  descriptionFactor: z.number().min(0).max(1).default(0.9),
  /** Multiplier when the listing's goods cannot be told (alone it keeps a hit below the threshold). */
  goodsUnknown: z.number().min(0).max(1).default(0.6),
  /** Multiplier when the listing's goods are not of the mark's kind. */
  goodsMismatch: z.number().min(0).max(1).default(0.25),
  /** Multiplier for referential use (适用于 X, 媲美 X). */
  referential: z.number().min(0).max(1).default(0.4),
  /** Multiplier when the name's characters sit inside another word (奥林匹克). */
  insideWord: z.number().min(0).max(1).default(0.15),
  /** Added when a copy word (高仿, 复刻, 1:1 …) is present. */
  copyBoost: z.number().min(0).max(1).default(0.15),
  /** Multiplier for a mark that is an ordinary word (小米, 长城) used without evidence of brand use. */
  ordinaryNoEvidence: z.number().min(0).max(1).default(0.3),
  /** Added when the price is far below peers or the register's reference price. */
  priceAnomaly: z.number().min(0).max(1).default(0.15),
  /** GI name claimed for a product from outside the protected region. */
  giOrigin: z.number().min(0).max(1).default(0.9),
  /** GI special-mark claim by a shop that is not an authorized user. */
  giSpecialMark: z.number().min(0).max(1).default(0.85),
  /** Patent number malformed (wrong length, impossible year or type digit). */
  patentMalformed: z.number().min(0).max(1).default(0.9),
  /** Patent number fails its check digit. */
  patentCheckDigit: z.number().min(0).max(1).default(0.95),
  /** Well-formed patent number not in the register. */
  patentNotRegistered: z.number().min(0).max(1).default(0.7),
  /** Patent expired or invalidated. */
  patentNotInForce: z.number().min(0).max(1).default(0.9),
  /** Patent cited as another type than it is. */
  patentTypeMismatch: z.number().min(0).max(1).default(0.9),
  /** Valid patent cited by a shop that is neither owner nor licensee. */
  patentNotLicensee: z.number().min(0).max(1).default(0.65),
  /** Added to the listing score for every further match above reportThreshold. */
  agreeBoost: z.number().min(0).max(1).default(0.03),
}).strict();

export const detectorConfigSchema = z.object({
  /** A listing is suspect when its score reaches this. */
  suspectThreshold: z.number().min(0).max(1).default(0.6),
  /** Matches below this are not reported at all. */
  reportThreshold: z.number().min(0).max(1).default(0.35),
  /** Look-alike table: a file path, or an inline table. Default: the bundled config/lookalikes.json. */
  lookalikes: z.union([z.string().min(1), lookalikeTableSchema]).optional(),
  /** Keep the bundled table and add `lookalikes` to it (true), or use `lookalikes` alone (false). */
  mergeBundledLookalikes: z.boolean().default(true),
  /** At most this many look-alike substitutions per name (FORMATS §4: one character). */
  maxLookalikeSubstitutions: z.number().int().min(0).max(4).default(1),
  /** A Latin spelling shorter than this reached by a look-alike swap is a different word (dell is not deli). */
  minLatinLookalikeLength: z.number().int().min(1).default(5),
  /** Names shorter than this (after normalisation) need exact characters, no look-alikes. */
  minLookalikeNameLength: z.number().int().min(1).default(2),
  /** Words that flag a copy. `1:1` style ratios are also recognised. */
  copyWords: z.array(z.string().min(1)).default(['高仿', '复刻', '原单', 'A货', '1:1', '1比1', '一比一', '同款', '仿品', '精仿', '超A', '纯原', '尾单', '原版复刻', '专柜品质', '公司级']),
  /** Words before a name that make it a reference, not a use (适用于 iPhone). */
  referentialWords: z.array(z.string().min(1)).default(['适用于', '适用', '适配', '兼容', '可搭配', '媲美', '堪比', '不输', '类似', '胜过']),
  /** Words right after a name that make it a reference, not a use (X专用茶壶, X平替). */
  referentialSuffixes: z.array(z.string().min(1)).default(['专用', '适用', '通用', '平替', '替代', '香型', '味道', '风味']),
  /** Accessories that name the device they fit by brand and model (苹果6s手机壳): such a mark is a reference. */
  accessoryWords: z.array(z.string().min(1)).default(['手机壳', '保护壳', '保护套', '手机套', '钢化膜', '贴膜', '手机膜', '支架', '臂包', '臂带', '臂袋', '臂套', '防水袋', '手机袋', '转换器', '雨刮', '雨刷', '烟灰缸', '脚垫', '座套', '表带', '腕带']),
  /** Words that say the goods are empty packaging (空盒): a food or drink name on them is not a use for those goods. */
  packagingWords: z.array(z.string().min(1)).default(['空盒', '空罐', '空瓶', '包装盒', '包装袋', '茶叶盒', '茶盒', '茶叶袋', '包装罐']),
  /** GI special-mark claims. */
  specialMarkPhrases: z.array(z.string().min(1)).default(['地理标志保护产品', '地理标志产品保护', '地理标志专用标志', '地理标志产品专用标志', '地理标志证明商标', '国家地理标志产品', '地理标志产品', '地标产品', '国家地理标志']),
  /** Listing attributes that state the origin. */
  originAttributeKeys: z.array(z.string().min(1)).default(['产地', '原产地', '产区', '生产地', '出产地', '原产国', '省份', '地区']),
  /** Listing attributes that state the brand. */
  brandAttributeKeys: z.array(z.string().min(1)).default(['品牌', '品牌名称', 'brand', '牌子']),
  /** Extra words for the segmenter's dictionary (the bundled one is jieba's, about 350,000 words). */
  extraWords: z.array(z.string().min(2)).default([]),
  /** A mark whose segmenter-dictionary frequency reaches this is an ordinary word and needs evidence of brand use. */
  ordinaryWordMinFreq: z.number().int().min(1).default(50),
  /** Frequency given to registered names (and goods nouns) the segmenter's dictionary lacks. */
  segmenterNameFreq: z.number().int().min(1).default(20),
  /** Listing words after which a mark opens a phrase (新款小米手机), for the ordinary-word evidence. */
  leadWords: z.array(z.string().min(1)).default(['新款', '新品', '正品', '原装', '官方', '全新', '正版', '包邮', '特价', '热卖', '爆款', '同款', '原厂', '进口', '国行', '港版', '专柜', '现货', '促销', '秒杀', '清仓', '限量', '经典', '二手', '收藏', '正宗', '原版']),
  /** Words beside a mark that name it as a brand (品牌：小米, 苹果原装). */
  brandWords: z.array(z.string().min(1)).default(['品牌', '牌子', '官方', '旗舰', '原装', '正品', '专柜', '官网', '原厂', '出品', '授权', '商标']),
  /** Price below this share of the peer median or reference price is an anomaly (Corsearch: 20% of retail). */
  priceAnomalyRatio: z.number().min(0).max(1).default(0.2),
  /** A peer median over fewer listings than this is not used. */
  minPeerCount: z.number().int().min(1).default(3),
  /** Extra goods keywords -> Nice classes, for the goods check (bundled: detector/data/goods.nouns.tsv). */
  goodsKeywords: z.record(z.string(), z.array(z.number().int().min(1).max(45))).default({}),
  /** Date (YYYY-MM-DD) to judge trademark validity by when a listing has no capturedAt; absent: not checked. */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  weights: weightsSchema.prefault({}),
}).strict();

export type DetectorConfig = z.infer<typeof detectorConfigSchema>;
export type DetectorWeights = DetectorConfig['weights'];

/** Parses a partial config (nested objects may be partial too) into a full one. */
export function parseDetectorConfig(config: unknown = {}): DetectorConfig {
  return detectorConfigSchema.parse(config ?? {});
}
