/** Bad images are refused with a reason; the rest of the listing is still judged. */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeGrey, inspectImage } from '../../image/image.guard.js';
import { LogoIndex } from '../../image/logo.index.js';
import { createLogoSignal } from '../../image/logo.signal.js';
import { logoBytes, logoSvg } from './eval/eval-set.generator.js';

const good = () => sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="#fff"/>${logoSvg('anta', 60, 60, 280, '#d70010')}</svg>`)).jpeg().toBuffer();

describe('image guard', () => {
  it('refuses zero bytes', async () => {
    expect(await inspectImage(new Uint8Array())).toMatchObject({ ok: false, code: 'empty' });
  });

  it('refuses a file that is not an image (wrong type)', async () => {
    const r = await inspectImage(Buffer.from('<html><body>not found</body></html>'));
    expect(r).toMatchObject({ ok: false, code: 'unsupported-type' });
  });

  it('refuses SVG as a listing image (not a photo format)', async () => {
    expect(await inspectImage(logoBytes('nike'))).toMatchObject({ ok: false, code: 'unsupported-type' });
  });

  it('refuses a truncated JPEG as corrupt', async () => {
    const bytes = await good();
    const r = await decodeGrey(bytes.subarray(0, Math.floor(bytes.length / 2)), 400);
    expect(r).toMatchObject({ ok: false, code: 'corrupt' });
  });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    // A tiny PNG whose header claims 10000 × 10000 (100 megapixels), as a bomb's does.
    const bomb = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer());
    bomb.writeUInt32BE(10_000, 16);
    bomb.writeUInt32BE(10_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    const r = await inspectImage(bomb);
    expect(r).toMatchObject({ ok: false, code: 'too-many-pixels' });
    expect(!r.ok && r.reason).toMatch(/decompression bomb/);
  });

  it('refuses huge dimensions', async () => {
    const tall = await sharp({ create: { width: 20, height: 13_000, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(await inspectImage(tall)).toMatchObject({ ok: false, code: 'too-large-dimensions' });
  });

  it('accepts a normal JPEG and decodes a small greyscale copy', async () => {
    const r = await decodeGrey(await good(), 200);
    expect(r.ok && [r.width, r.height, r.original.width]).toEqual([200, 200, 400]);
  });
});

describe('logo signal with bad images', () => {
  let index: LogoIndex;
  beforeAll(async () => { index = await LogoIndex.build([{ logoId: 'anta', assetId: 'TM-0001', bytes: logoBytes('anta') }]); }, 60_000);

  it('reports each bad image with its reason and still finds the logo in the good one', async () => {
    const refused: Array<[string, string]> = [];
    const signal = createLogoSignal(index, {
      trademarks: [{ id: 'TM-0001', regNo: '1234567', mark: '安踏', aliases: ['ANTA'], niceClasses: [25], goods: [], owner: 'x', authorizedSellers: ['安踏官方旗舰店'] }],
      onRefused: (ref, r) => refused.push([ref, r.code]),
    });
    const listing = { platform: 'p', listingId: '1', url: 'u', title: 't', description: '', price: null, shop: { id: '', name: '某某运动专营店', location: '' }, attributes: {}, images: [] };
    const images = [
      { ref: 'empty.jpg', bytes: new Uint8Array() },
      { ref: 'page.jpg', bytes: Buffer.from('<html>') },
      { ref: 'missing.jpg', path: '/nonexistent/missing.jpg' },
      { ref: 'good.jpg', bytes: await good() },
    ];
    const matches = await signal.evaluate({ listing, images });
    expect(refused).toEqual([['empty.jpg', 'empty'], ['page.jpg', 'unsupported-type'], ['missing.jpg', 'unreadable']]);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ assetId: 'TM-0001', assetType: 'trademark', signal: 'image', imageRef: 'good.jpg' });
    expect(matches[0].evidence).toContain('安踏');
    // An authorized seller may show the logo.
    const ok = await signal.evaluate({ listing: { ...listing, shop: { ...listing.shop, name: '安踏官方旗舰店' } }, images: [{ ref: 'good.jpg', bytes: await good() }] });
    expect(ok).toEqual([]);
  }, 60_000);
});
