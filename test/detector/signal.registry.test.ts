import { describe, expect, it } from 'vitest';
import { configSchema } from '../../config/config.schema.js';
import { createDetector } from '../../detector/detector.js';
import type { DetectInput, Signal } from '../../detector/signal.js';
import { SignalRegistry } from '../../detector/signal.registry.js';
import { listing, registry } from './fixtures.js';

/** A stand-in image signal: async, reads the bytes it is given. */
const imageSignal: Signal = {
  name: 'logo', async: true,
  async evaluate(input: DetectInput) {
    await new Promise((r) => setImmediate(r)); // answers on a later turn, as an image signal does
    const img = input.images?.find((i) => i.bytes && new TextDecoder().decode(i.bytes).includes('ANTA-LOGO'));
    return img ? [{ assetId: 'TM-ANTA', assetType: 'trademark', signal: 'image', score: 0.8, evidence: `图片${img.ref}含安踏标志`, imageRef: img.ref, box: { x: 1, y: 2, w: 3, h: 4 } }] : [];
  },
};

describe('signal registry', () => {
  it('runs the built-in text signals in detect() and every signal in judge()', async () => {
    const d = createDetector(registry, {}, { signals: [imageSignal] });
    expect(d.signals.names()).toEqual(['trademark', 'gi', 'patent', 'logo']);
    const input: DetectInput = { listing: listing({ title: '运动鞋 男 透气' }), images: [{ ref: 'a.jpg', bytes: new TextEncoder().encode('…ANTA-LOGO…') }] };
    expect(d.detect(input).suspect).toBe(false);
    const v = await d.judge(input);
    expect(v.suspect).toBe(true);
    expect(v.matches[0]).toMatchObject({ signal: 'image', imageRef: 'a.jpg' });
    const both = await d.judge({ ...input, listing: listing({ title: '安踏运动鞋' }) });
    expect(both.matches.map((m) => m.signal).sort()).toEqual(['image', 'title']);
    expect(both.score).toBeGreaterThan(both.matches[0].score - 1e-9);
  });
  it('refuses a signal registered twice', () => {
    expect(() => new SignalRegistry([imageSignal, imageSignal])).toThrow(/registered twice/);
  });
});

describe('config.detector', () => {
  it('is validated at load, naming a mistyped key', () => {
    const r = configSchema.safeParse({ detector: { suspectThreshhold: 0.5 } });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('suspectThreshhold');
    const ok = configSchema.parse({ databaseUrl: 'postgres://x/y', redisUrl: 'redis://x', detector: { suspectThreshold: 0.5 } });
    expect(ok.detector.suspectThreshold).toBe(0.5);
    expect(ok.detector.weights.copyBoost).toBeGreaterThan(0);
  });
});
