import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.js';
import { detectFeed } from '../../detector/feed.detect.js';
import { loadRegistryFile } from '../../detector/registry.loader.js';
import { registry } from './fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-detector-'));
const write = (name: string, text: string) => { const p = path.join(dir, name); writeFileSync(p, text); return p; };
const ok = (id: string, title: string) => JSON.stringify({ platform: 'p', listingId: id, url: 'http://x', title, capturedAt: '2026-11-21T08:00:00Z', shop: { id: '', name: 'x', location: '浙江' } });

describe('detectFeed', () => {
  it('writes one verdict per valid line in order and reports malformed lines with their number', async () => {
    const registryPath = write('registry.json', JSON.stringify(registry));
    const listingsPath = write('listings.jsonl', [ok('1', '安踏运动鞋'), '{not json', '', JSON.stringify({ platform: 'p', listingId: '3', url: 'u', title: 5, capturedAt: 'x' }), ok('4', '普通 收纳盒')].join('\n') + '\n');
    const outPath = path.join(dir, 'verdicts.jsonl');
    const problems: Array<{ line: number; field: string }> = [];
    const res = await detectFeed({ registryPath, listingsPath, outPath, onProblem: (p) => problems.push(p) });
    expect(res).toEqual({ read: 4, written: 2, skipped: 2, suspects: 1 });
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
    expect(problems[1].field).toBe('title');
    const out = readFileSync(outPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((v) => [v.listingId, v.suspect])).toEqual([['1', true], ['4', false]]);
    expect(out[0].matches[0]).toMatchObject({ assetId: 'TM-ANTA', assetType: 'trademark', signal: 'title' });
  });
});

describe('detectFeed line cap', () => {
  it('skips an over-long line with a clear error and reads on', async () => {
    const registryPath = write('registry.json', JSON.stringify(registry));
    const long = ok('2', `安踏运动鞋${'啊'.repeat(5000)}`);
    const listingsPath = write('long.jsonl', [ok('1', '安踏运动鞋'), long, ok('3', '匹克篮球鞋')].join('\n'));
    const problems: Array<{ line: number; message: string }> = [];
    const res = await detectFeed({ registryPath, listingsPath, outPath: path.join(dir, 'v2.jsonl'), maxLineChars: 1000, onProblem: (p) => problems.push(p) });
    expect(res).toMatchObject({ read: 3, written: 2, skipped: 1 });
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBe(2);
    expect(problems[0].message).toMatch(/over the limit of 1000/);
  });
});

describe('loadRegistryFile', () => {
  it('names the file and field path of bad records', async () => {
    const bad = structuredClone(registry) as unknown as { trademarks: Array<Record<string, unknown>>; patents: Array<Record<string, unknown>> };
    bad.trademarks[3].regNo = '!';
    bad.patents[1].number = 'ZL201620161392.5';
    const p = write('bad.json', JSON.stringify(bad));
    const err = await loadRegistryFile(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).file).toBe(p);
    expect((err as InputError).problems.map((x) => x.field)).toContain('trademarks[3].regNo');
    bad.trademarks[3].regNo = '4567890';
    write('bad.json', JSON.stringify(bad));
    const err2 = (await loadRegistryFile(p).catch((e: unknown) => e)) as InputError;
    expect(err2.problems[0].field).toBe('patents[1].number');
    await expect(loadRegistryFile(write('broken.json', '{'))).rejects.toThrow(/not valid JSON/);
  });
});
