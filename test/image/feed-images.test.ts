/** The detect command applies the logo signal to the images a feed names (paths relative to the feed file). */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectFeed, type FeedProblem } from '../../detector/feed.detect.js';
import { logoBytes, logoSvg } from './eval/eval-set.generator.js';

describe('detect with feed images', () => {
  it('flags a listing whose only sign is a logo in its photo, reports bad images and judges the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'feed-img-'));
    mkdirSync(path.join(dir, 'logos'));
    mkdirSync(path.join(dir, 'images'));
    writeFileSync(path.join(dir, 'logos/anta.svg'), logoBytes('anta'));
    writeFileSync(path.join(dir, 'registry.json'), JSON.stringify({ trademarks: [{ id: 'TM-0001', regNo: '1234567', mark: '安踏', aliases: ['ANTA'], niceClasses: [25], goods: ['运动鞋'], owner: '安踏（中国）有限公司', logo: 'logos/anta.svg', authorizedSellers: ['安踏官方旗舰店'] }] }));
    const photo = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><rect width="600" height="600" fill="#eef6ec"/><rect x="150" y="200" width="300" height="220" rx="30" fill="#2c3e50"/><rect x="454" y="14" width="132" height="132" rx="8" fill="#fff"/>${logoSvg('anta', 460, 20, 120, '#d70010')}</svg>`)).jpeg().toBuffer();
    writeFileSync(path.join(dir, 'images/1-1.jpg'), photo);
    writeFileSync(path.join(dir, 'images/bad.jpg'), Buffer.alloc(0));
    const base = { platform: 'demo-mall', url: 'http://x', description: '', price: 99, shop: { id: 's', name: '潮鞋汇', location: '浙江省金华市义乌市' }, capturedAt: '2026-11-21T08:00:00Z' };
    const lines = [
      { ...base, listingId: '1', title: '爆款 透气 运动鞋 看图', images: ['images/bad.jpg', 'images/1-1.jpg'] },
      { ...base, listingId: '2', title: '透气 运动鞋', images: ['images/missing.jpg'] },
      { ...base, listingId: '3', title: '安踏 运动鞋', images: [], shop: { ...base.shop, name: '安踏官方旗舰店' } },
    ];
    writeFileSync(path.join(dir, 'listings.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const problems: FeedProblem[] = [];
    const res = await detectFeed({ registryPath: path.join(dir, 'registry.json'), listingsPath: path.join(dir, 'listings.jsonl'), outPath: path.join(dir, 'verdicts.jsonl'), onProblem: (p) => problems.push(p) });
    expect(res).toMatchObject({ read: 3, written: 3, suspects: 1 });
    const verdicts = readFileSync(path.join(dir, 'verdicts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(verdicts[0]).toMatchObject({ listingId: '1', suspect: true });
    expect(verdicts[0].matches[0]).toMatchObject({ assetId: 'TM-0001', signal: 'image', imageRef: 'images/1-1.jpg' });
    expect(verdicts[0].matches[0].box.x).toBeGreaterThan(400);
    expect(verdicts[1].suspect).toBe(false);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('images/bad.jpg: empty'), expect.stringContaining('images/missing.jpg: unreadable')]);
  }, 60_000);
});
