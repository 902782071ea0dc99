/**
 * Broken feed lines and registers for the detect and import-registry
 * commands: each problem names the file, the line and the field; a bad feed
 * line is skipped and the rest detected; a bad register lists every problem
 * at once, with its line.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.js';
import { detectFeed, type FeedProblem } from '../../detector/feed.detect.js';
import { loadRegistryFile } from '../../detector/registry.loader.js';
import { registry } from '../detector/fixtures.js';
import { REFUSED, STORED, huge } from './corpus.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-bad-feed-'));
const write = (name: string, text: string | Buffer) => { const p = path.join(dir, name); writeFileSync(p, text); return p; };
const good = (id: string, title: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ platform: 'p', listingId: id, url: 'http://x/' + id, title, capturedAt: '2026-11-21T08:00:00Z', shop: { id: '', name: 's', location: '浙江' }, ...extra });

/** Each broken line, and the field its problem must name ('' = the line itself). */
const BROKEN: Array<[string, string, string]> = [
  ['truncated JSON', '{"platform": "p", "listingId": "x", "title": "安踏', ''],
  ['not JSON at all', 'ANTA running shoes, 99 CNY', ''],
  ['a JSON array', '[1, 2, 3]', ''],
  ['a JSON string', '"安踏运动鞋"', ''],
  ['title is a number', good('t', 'x').replace('"title":"x"', '"title":5'), 'title'],
  ['price is text', good('p1', '安踏', { price: '99元' }), 'price'],
  ['negative price', good('p2', '安踏', { price: -1 }), 'price'],
  ['missing listingId', JSON.stringify({ platform: 'p', url: 'u', title: '安踏', capturedAt: '2026-11-21T08:00:00Z' }), 'listingId'],
  ['blank platform', good('b', '安踏', { platform: '   ' }), 'platform'],
  ['capturedAt not a date', good('d1', '安踏', { capturedAt: '2024-13-45' }), 'capturedAt'],
  ['capturedAt without offset', good('d2', '安踏', { capturedAt: '2026-11-21 08:00' }), 'capturedAt'],
  ['attributes not strings', good('a', '安踏', { attributes: { size: 42 } }), 'attributes.size'],
  ['images not an array', good('i', '安踏', { images: 'http://x/1.jpg' }), 'images'],
  ['shop is a string', good('s', '安踏', { shop: '安踏官方旗舰店' }), 'shop'],
];

describe('detect: broken feed lines', () => {
  it('each broken line is reported with its line and field; every good line is still detected', async () => {
    const registryPath = write('registry.json', JSON.stringify(registry));
    const lines: string[] = [good('first', '安踏运动鞋 正品')];
    for (const [, line] of BROKEN) lines.push(line, good(`after-${lines.length}`, '普通收纳盒'));
    // Hostile but valid text is detected like any other title.
    for (const [k, v] of Object.entries({ ...STORED, ...REFUSED })) lines.push(good(`text-${k}`, `安踏 ${v} 运动鞋`));
    lines.push(good('huge', `安踏 ${huge(200_000)}`), '', '   ', good('last', '匹克篮球鞋'));
    const listingsPath = write('listings.jsonl', '\uFEFF' + lines.join('\r\n') + '\n');
    const outPath = path.join(dir, 'verdicts.jsonl');
    const problems: FeedProblem[] = [];
    const res = await detectFeed({ registryPath, listingsPath, outPath, onProblem: (p) => problems.push(p) });

    expect(problems).toHaveLength(BROKEN.length);
    BROKEN.forEach(([name, , field], i) => {
      expect(problems[i].line, name).toBe(2 + 2 * i);
      if (field) expect(problems[i].field, name).toBe(field);
      expect(problems[i].message, name).toBeTruthy();
    });
    const out = readFileSync(outPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(res.written).toBe(out.length);
    expect(res.skipped).toBe(BROKEN.length);
    expect(out[0]).toMatchObject({ listingId: 'first', suspect: true });
    expect(out.at(-1)).toMatchObject({ listingId: 'last', suspect: true });
    expect(out.filter((v) => String(v.listingId).startsWith('after-'))).toHaveLength(BROKEN.length);
    for (const k of Object.keys(STORED)) expect(out.find((v) => v.listingId === `text-${k}`)?.suspect, k).toBe(true);
  });

  it('the detect command prints file:line: field for each skipped line and goes on', async () => {
    const registryPath = write('registry2.json', JSON.stringify(registry));
    const listingsPath = write('listings2.jsonl', [good('1', '安踏运动鞋'), '{oops', good('3', '安踏', { price: 'free' }), good('4', '小米手机')].join('\n'));
    const outPath = path.join(dir, 'out2.jsonl');
    // Skipped lines make the command exit 1 (scripts must not take a partial result for a whole one), after the good lines are written.
    const failed = await promisify(execFile)('npx', ['tsx', 'cli/main.ts', 'detect', '--registry', registryPath, '--listings', listingsPath, '--out', outPath], { cwd: process.cwd() })
      .then(() => undefined, (e: { code: number; stdout: string; stderr: string }) => e);
    expect(failed?.code).toBe(1);
    const { stdout, stderr } = failed!;
    expect(stderr).toContain(`${listingsPath}:2: `);
    expect(stderr).toContain(`${listingsPath}:3: price:`);
    expect(stdout).toMatch(/wrote 2 verdicts/);
  }, 60_000);
});

describe('import-registry: broken registers', () => {
  const bad = () => structuredClone(registry) as unknown as Record<string, Array<Record<string, unknown>>>;

  it('every bad field is named with its line, all at once', async () => {
    const r = bad();
    r.trademarks[1].regNo = '';
    r.trademarks[2].niceClasses = ['twenty-five'];
    r.geoIndications[0].name = 42;
    r.patents[0].number = 'ZL2020114728804';
    r.patents[1].id = r.patents[0].id;
    const file = write('bad-registry.json', JSON.stringify(r, null, 2));
    const err = await loadRegistryFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.file).toBe(file);
    const text = readFileSync(file, 'utf8').split('\n');
    const fields = e.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['trademarks[1].regNo', 'trademarks[2].niceClasses[0]', 'geoIndications[0].name']));
    for (const p of e.problems) {
      expect(p.line, p.field).toBeGreaterThan(0);
      const last = p.field.split(/[.[\]]/).filter(Boolean).at(-1)!;
      if (!/^\d+$/.test(last)) expect(text[p.line! - 1], p.field).toContain(`"${last}"`);
    }
    expect(e.message).toMatch(/line \d+: trademarks\[1\]\.regNo/);
  });

  it('invalid JSON names its line', async () => {
    const file = write('broken.json', '{\n  "trademarks": [\n    {"id": "TM-1",\n  ]\n}\n');
    const err = (await loadRegistryFile(file).catch((e: unknown) => e)) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.problems[0].line).toBe(4);
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('a missing file, an empty file, a binary file and a JSON array are refused clearly', async () => {
    const cases: Array<[string, RegExp]> = [
      [path.join(dir, 'nope.json'), /cannot read: ENOENT/],
      [write('empty.json', ''), /not valid JSON/],
      [write('binary.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])), /not valid JSON/],
      [write('array.json', '[]'), /expected object|Invalid input/i],
    ];
    for (const [file, msg] of cases) {
      const err = await loadRegistryFile(file).catch((e: unknown) => e);
      expect(err, file).toBeInstanceOf(InputError);
      expect((err as InputError).message, file).toMatch(msg);
      expect((err as InputError).message, file).toContain(file);
    }
  });
});
