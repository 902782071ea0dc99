/** A small register used by the unit tests. */
import type { Registry } from '../../domain/registry.schema.js';
import type { ListingInput } from '../../domain/listing.schema.js';

export const registry: Registry = {
  trademarks: [
    { id: 'TM-ANTA', regNo: '1234567', mark: '安踏', aliases: ['ANTA'], niceClasses: [25, 28], goods: ['运动鞋', '服装'], owner: '安踏（中国）有限公司', authorizedSellers: ['安踏官方旗舰店'] },
    { id: 'TM-PEAK', regNo: '2345678', mark: '匹克', aliases: ['PEAK'], niceClasses: [25, 28], goods: ['篮球鞋'], owner: '匹克体育用品有限公司', authorizedSellers: ['匹克官方旗舰店'] },
    { id: 'TM-BAMA', regNo: '3456789', mark: '八马', aliases: ['BAMA'], niceClasses: [30], goods: ['茶叶'], owner: '八马茶业股份有限公司', authorizedSellers: ['八马茶业官方旗舰店'] },
    { id: 'TM-XIAOMI', regNo: '4567890', mark: '小米', aliases: ['XIAOMI', 'MI'], niceClasses: [9], goods: ['手机'], owner: '小米科技有限责任公司', authorizedSellers: ['小米官方旗舰店'] },
  ],
  geoIndications: [
    { id: 'GI-FZMLHC', name: '福州茉莉花茶', aliases: [], category: '茶叶', region: { province: '福建省', city: '福州市', counties: ['仓山区', '晋安区', '马尾区', '福清市', '长乐区', '闽侯县', '连江县', '闽清县', '罗源县', '永泰县'] }, authorizedUsers: ['福州春伦茶业有限公司'] },
    { id: 'GI-AXTGY', name: '安溪铁观音', aliases: [], category: '茶叶', region: { province: '福建省', city: '泉州市', counties: ['安溪县'] }, authorizedUsers: ['安溪铁观音集团旗舰店'] },
  ],
  patents: [
    { id: 'PT-1', number: 'ZL202011472880.4', type: 'invention', title: '一种茶叶烘焙装置', owner: '福州茶机有限公司', licensees: ['茶机官方旗舰店'], status: 'valid', keywords: ['烘焙'] },
    { id: 'PT-2', number: 'ZL201620161392.4', type: 'utility_model', title: '一种保温杯', owner: '厦门杯业有限公司', licensees: [], status: 'valid', keywords: ['保温杯'] },
    { id: 'PT-3', number: 'ZL201210442457.9', type: 'invention', title: '一种鞋底', owner: '晋江鞋业有限公司', licensees: [], status: 'expired', keywords: ['鞋底'] },
  ],
};

let n = 0;
/** A listing with sensible defaults. */
export function listing(p: Partial<ListingInput> & { title: string }): ListingInput {
  n++;
  return {
    platform: 'test', listingId: String(n), url: `http://x/${n}`, description: '', price: 99, images: [], attributes: {},
    shop: { id: 's', name: '某某小店', location: '浙江省金华市义乌市' }, ...p,
  };
}
