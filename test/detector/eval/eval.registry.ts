/** The evaluation register (written to registry.json by generate.eval.ts). */
import type { Registry } from '../../../domain/registry.schema.js';
import { checkDigit } from '../../../detector/patent-number.js';

const zl = (d: string) => `ZL${d}.${checkDigit(d)}`;
const tm = (id: string, regNo: string, mark: string, aliases: string[], niceClasses: number[], goods: string[], owner: string) =>
  ({ id, regNo, mark, aliases, niceClasses, goods, owner, authorizedSellers: [`${mark}官方旗舰店`, `${mark}专卖店`] });

export const evalRegistry: Registry = {
  trademarks: [
    tm('TM-0001', '1560385', '安踏', ['ANTA'], [25, 28], ['运动鞋', '服装'], '安踏（中国）有限公司'),
    tm('TM-0002', '1120523', '李宁', ['LI-NING', 'LINING'], [25, 28], ['运动鞋', '运动服'], '李宁（中国）体育用品有限公司'),
    tm('TM-0003', '3072648', '匹克', ['PEAK'], [25, 28], ['篮球鞋', '运动鞋'], '匹克（中国）有限公司'),
    tm('TM-0004', '1928340', '特步', ['XTEP'], [25], ['运动鞋', '服装'], '特步（中国）有限公司'),
    tm('TM-0005', '4155562', '鸿星尔克', ['ERKE'], [25, 28], ['运动鞋'], '鸿星尔克（厦门）实业有限公司'),
    tm('TM-0006', '1010217', '七匹狼', ['SEPTWOLVES'], [25, 18], ['夹克', '皮带'], '福建七匹狼实业股份有限公司'),
    tm('TM-0007', '6010233', '八马', ['BAMA'], [30], ['茶叶', '铁观音'], '八马茶业股份有限公司'),
    tm('TM-0008', '8228341', '小米', ['XIAOMI'], [9], ['手机', '耳机'], '小米科技有限责任公司'),
    tm('TM-0009', '7012345', '华为', ['HUAWEI'], [9], ['手机', '平板'], '华为技术有限公司'),
    tm('TM-0010', '0170012', '百雀羚', ['PECHOIN'], [3], ['面霜', '护肤品'], '上海百雀羚日用化学有限公司'),
    tm('TM-0011', '0112233', '片仔癀', ['PIENTZEHUANG'], [5, 3], ['药品', '化妆品'], '漳州片仔癀药业股份有限公司'),
    tm('TM-0012', '3301234', '九牧', ['JOMOO'], [11], ['水龙头', '花洒', '马桶'], '九牧厨卫股份有限公司'),
    tm('TM-0013', '0140887', '回力', ['WARRIOR'], [25], ['帆布鞋', '运动鞋'], '上海回力鞋业有限公司'),
    tm('TM-0014', '1345678', '贵人鸟', [], [25], ['运动鞋'], '贵人鸟股份有限公司'),
    tm('TM-0015', '2034567', '大白兔', [], [30], ['奶糖', '糖果'], '上海冠生园食品有限公司'),
    tm('TM-0016', '5123098', '恒安', ['HENGAN'], [16, 5], ['卫生巾', '纸巾'], '恒安（中国）卫生用品有限公司'),
  ],
  geoIndications: [
    { id: 'GI-0001', name: '福州茉莉花茶', aliases: [], category: '茶叶', region: { province: '福建省', city: '福州市', counties: ['仓山区', '晋安区', '马尾区', '福清市', '长乐区', '闽侯县', '连江县', '闽清县', '罗源县', '永泰县'] }, authorizedUsers: ['福州春伦茶业有限公司', '春伦茶业旗舰店'], announcement: '国家质检总局2009年第87号公告' },
    { id: 'GI-0002', name: '安溪铁观音', aliases: [], category: '茶叶', region: { province: '福建省', city: '泉州市', counties: ['安溪县'] }, authorizedUsers: ['安溪铁观音集团旗舰店'] },
    { id: 'GI-0003', name: '武夷岩茶', aliases: [], category: '茶叶', region: { province: '福建省', city: '南平市', counties: ['武夷山市'] }, authorizedUsers: ['武夷星茶业旗舰店'] },
    { id: 'GI-0004', name: '福鼎白茶', aliases: [], category: '茶叶', region: { province: '福建省', city: '宁德市', counties: ['福鼎市'] }, authorizedUsers: ['品品香茶业旗舰店'] },
    { id: 'GI-0005', name: '政和白茶', aliases: [], category: '茶叶', region: { province: '福建省', city: '南平市', counties: ['政和县'] }, authorizedUsers: [] },
    { id: 'GI-0006', name: '坦洋工夫', aliases: ['坦洋工夫红茶'], category: '茶叶', region: { province: '福建省', city: '宁德市', counties: ['福安市'] }, authorizedUsers: [] },
    { id: 'GI-0007', name: '连江鲍鱼', aliases: [], category: '水产品', region: { province: '福建省', city: '福州市', counties: ['连江县'] }, authorizedUsers: ['连江鲍鱼协会旗舰店'] },
    { id: 'GI-0008', name: '平和琯溪蜜柚', aliases: ['琯溪蜜柚'], category: '水果', region: { province: '福建省', city: '漳州市', counties: ['平和县'] }, authorizedUsers: [] },
    { id: 'GI-0009', name: '永春芦柑', aliases: [], category: '水果', region: { province: '福建省', city: '泉州市', counties: ['永春县'] }, authorizedUsers: [] },
    { id: 'GI-0010', name: '德化白瓷', aliases: [], category: '陶瓷', region: { province: '福建省', city: '泉州市', counties: ['德化县'] }, authorizedUsers: ['德化瓷都旗舰店'] },
    { id: 'GI-0011', name: '西湖龙井', aliases: [], category: '茶叶', region: { province: '浙江省', city: '杭州市', counties: ['西湖区'] }, authorizedUsers: [] },
    { id: 'GI-0012', name: '正山小种', aliases: [], category: '茶叶', region: { province: '福建省', city: '南平市', counties: ['武夷山市'] }, authorizedUsers: [] },
  ],
  patents: [
    { id: 'PT-0001', number: 'ZL202011472880.4', type: 'invention', title: '一种茶叶烘焙装置', owner: '福州茶机科技有限公司', licensees: ['茶机官方旗舰店'], status: 'valid', keywords: ['烘焙机'] },
    { id: 'PT-0002', number: 'ZL202310397744.0', type: 'invention', title: '一种保温杯盖', owner: '厦门杯匠有限公司', licensees: ['杯匠旗舰店'], status: 'valid', keywords: ['保温杯'] },
    { id: 'PT-0003', number: 'ZL201410026192.3', type: 'invention', title: '一种鞋底减震结构', owner: '晋江鞋材有限公司', licensees: [], status: 'expired', keywords: ['鞋底'] },
    { id: 'PT-0004', number: 'ZL202111118032.8', type: 'invention', title: '一种茶具清洗装置', owner: '泉州清洁电器有限公司', licensees: ['清洁电器旗舰店'], status: 'valid', keywords: ['茶具'] },
    { id: 'PT-0005', number: 'ZL201710736136.2', type: 'invention', title: '一种空气净化滤芯', owner: '福州净化科技有限公司', licensees: [], status: 'invalid', keywords: ['滤芯'] },
    { id: 'PT-0006', number: 'ZL201620161392.4', type: 'utility_model', title: '一种折叠晾衣架', owner: '莆田家居有限公司', licensees: ['莆田家居旗舰店'], status: 'valid', keywords: ['晾衣架'] },
    { id: 'PT-0007', number: 'ZL202210110472.7', type: 'invention', title: '一种电热水壶', owner: '漳州小家电有限公司', licensees: [], status: 'valid', keywords: ['电水壶'] },
    { id: 'PT-0008', number: 'ZL202110377287.X', type: 'invention', title: '一种跑鞋鞋垫', owner: '泉州体育用品有限公司', licensees: ['跑鞋研究所旗舰店'], status: 'valid', keywords: ['鞋垫'] },
    { id: 'PT-0009', number: zl('202130456712'), type: 'design', title: '茶叶罐（福字）', owner: '福州茶器设计有限公司', licensees: ['茶器设计旗舰店'], status: 'valid', keywords: ['茶叶罐'] },
    { id: 'PT-0010', number: zl('202230118845'), type: 'design', title: '手机支架', owner: '深圳支架科技有限公司', licensees: [], status: 'valid', keywords: ['手机支架'] },
    { id: 'PT-0011', number: zl('202220987654'), type: 'utility_model', title: '一种便携茶盘', owner: '德化茶盘有限公司', licensees: ['德化茶盘旗舰店'], status: 'valid', keywords: ['茶盘'] },
    { id: 'PT-0012', number: zl('201820345671'), type: 'utility_model', title: '一种儿童水杯', owner: '厦门母婴用品有限公司', licensees: [], status: 'expired', keywords: ['水杯'] },
  ],
};
