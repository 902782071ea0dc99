/**
 * Simplified → traditional (Hong Kong forms) for the characters of the demo
 * vocabulary, as pairs "简繁". Generated once with opencc-js (cn → hk) from
 * catalog.vocabulary.ts, trademark.family.ts and registry.json, because
 * building the full OpenCC cn→hk dictionary takes ~140 ms. Characters with an
 * ambiguous traditional form (干, 冲) are left out. The test checks that
 * OpenCC t → cn maps every traditional form back.
 */
export const TRADITIONAL_PAIRS =
  '与與专專业業丛叢东東两兩个個丰豐临臨为為义義乌烏乐樂买買于於云雲产產亲親仓倉价價优優伙夥传傳体體侣侶储儲儿兒兰蘭兴興冻凍净淨准準减減创創别別动動区區华華协協单單' +
  '卖賣厂廠厢廂厦廈县縣参參双雙发發叠疊叶葉号號后後吴吳咸鹹园園国國图圖圆圓坏壞垫墊壮壯备備复復头頭夹夾妇婦学學宁寧宝寶实實宽寬对對寿壽尔爾尽盡岗崗岩巖峰峯带帶帮幫' +
  '广廣庄莊开開弹彈强強当當态態总總护護捞撈损損换換据據携攜摆擺数數斋齋无無时時晋晉术術机機权權来來极極柜櫃标標档檔检檢楼樓榄欖横橫气氣汇匯汤湯泸瀘泽澤浓濃润潤淀澱' +
  '湾灣满滿点點热熱猪豬环環现現电電盖蓋盘盤码碼礼禮离離种種稳穩篮籃粮糧红紅纤纖级級纯純纳納纺紡线線练練细細织織终終绒絨统統续續维維绵綿绿綠缓緩缘緣网網罗羅联聯肤膚' +
  '胜勝胶膠脐臍脑腦脚腳腻膩舰艦艺藝节節芦蘆苏蘇苹蘋营營蓝藍虾蝦蚝蠔衬襯装裝裤褲观觀训訓议議设設请請贝貝责責货貨质質购購贵貴赔賠跃躍轩軒软軟轻輕达達运運连連迟遲适適' +
  '选選邮郵郁鬱郑鄭采採里裏针針铁鐵银銀铺鋪链鏈销銷锅鍋镇鎮长長门門闲閒间間闵閔闽閩阳陽陆陸静靜韵韻顶頂顺順颜顏风風飞飛饨飩饮飲饰飾饱飽饺餃饼餅馄餛馅餡馆館马馬验驗' +
  '鱼魚鲍鮑鲜鮮鸟鳥鸭鴨鸿鴻黄黃龙龍';

let map: Map<string, string> | undefined;

/** Character-by-character simplified → traditional for demo titles. */
export function toTraditionalChars(s: string): string {
  if (!map) {
    map = new Map();
    const chars = [...TRADITIONAL_PAIRS];
    for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
  }
  let out = '';
  for (const ch of s) out += map.get(ch) ?? ch;
  return out;
}
