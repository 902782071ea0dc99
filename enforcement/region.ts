/**
 * Shop location → province and city by prefix ("浙江省金华市义乌市" →
 * 浙江省 / 金华市). Short forms ("浙江金华") resolve too; anything else is 未知.
 */

const PROVINCES = [
  '北京市', '天津市', '上海市', '重庆市', '河北省', '山西省', '辽宁省', '吉林省', '黑龙江省', '江苏省', '浙江省', '安徽省',
  '福建省', '江西省', '山东省', '河南省', '湖北省', '湖南省', '广东省', '海南省', '四川省', '贵州省', '云南省', '陕西省',
  '甘肃省', '青海省', '台湾省', '内蒙古自治区', '广西壮族自治区', '西藏自治区', '宁夏回族自治区', '新疆维吾尔自治区',
  '香港特别行政区', '澳门特别行政区',
];
/** Provinces that are their own city. */
export const MUNICIPALITIES: ReadonlySet<string> = new Set(['北京市', '天津市', '上海市', '重庆市']);
/** Provinces in the order they are tried: longest short form first (so 内蒙古 is not read as 内…). */
export const PROVINCE_MATCH_ORDER: ReadonlyArray<{ full: string; short: string }> = PROVINCES.map((full) => {
  const short = full.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
  return { full, short };
}).sort((a, b) => b.short.length - a.short.length);

export const UNKNOWN_REGION = '未知';

export interface Region { province: string; city: string }

export function resolveRegion(location: string | null | undefined): Region {
  const s = (location ?? '').replace(/\s+/g, '');
  for (const { full, short } of PROVINCE_MATCH_ORDER) {
    let rest: string | undefined;
    if (s.startsWith(full)) rest = s.slice(full.length);
    else if (s.startsWith(short)) rest = s.slice(short.length);
    if (rest === undefined) continue;
    if (MUNICIPALITIES.has(full)) return { province: full, city: full };
    const m = /^(.+?(?:自治州|地区|盟|市))/.exec(rest);
    return { province: full, city: m ? `${full}${m[1]}` : `${full}${UNKNOWN_REGION}` };
  }
  return { province: UNKNOWN_REGION, city: UNKNOWN_REGION };
}
