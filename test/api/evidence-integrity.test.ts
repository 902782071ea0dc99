/**
 * Evidence is re-hashed before it is served, and the store follows no
 * symbolic link: a tampered file, a file replaced by a link (even to
 * identical bytes) and a directory linked out of the store are all refused.
 */
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../store/evidence.store.js';
import { PLATFORM_A, setupFixture, type Fixture } from './fixtures.js';

let f: Fixture;
let outside: string;

beforeAll(async () => {
  f = await setupFixture();
  outside = await mkdtemp(path.join(tmpdir(), 'ipwatch-outside-'));
});
afterAll(async () => {
  await f?.close();
  await rm(outside, { recursive: true, force: true });
});

const fileOf = (sha: string) => path.join(f.evidence.root, sha.slice(0, 2), sha.slice(2, 4), sha);

describe('evidence integrity', () => {
  it('an intact file is served, byte for byte', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'e0', title: '安踏 e0' });
    const r = await f.inject('officer', 'GET', `/api/evidence/${l.screenshot}`);
    expect(r.statusCode).toBe(200);
    expect(sha256Hex(r.rawPayload)).toBe(l.screenshot);
  });

  it('a file altered on disk is refused (409 evidence_integrity), never served', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'e1', title: '安踏 e1' });
    const file = fileOf(l.screenshot);
    const bytes = await readFile(file);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(file, bytes);
    const r = await f.inject('officer', 'GET', `/api/evidence/${l.screenshot}`);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json()).toMatchObject({ error: 'evidence_integrity' });
    expect(r.json().message).toMatch(/SHA-256/);
    expect(await f.evidence.verify(l.screenshot)).toBe(false);
  });

  it('a file replaced by a symlink is refused even when the target has the right bytes', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'e2', title: '安踏 e2' });
    const file = fileOf(l.html);
    const target = path.join(outside, 'copy.html');
    await rename(file, target);
    await symlink(target, file);
    const r = await f.inject('officer', 'GET', `/api/evidence/${l.html}`);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().message).toMatch(/symbolic link/);
    expect(await f.evidence.has(l.html)).toBe(false);
    expect(await f.evidence.verify(l.html)).toBe(false);
  });

  it('a directory linked out of the store is refused', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'e3', title: '安踏 e3' });
    const dir = path.dirname(fileOf(l.screenshot));
    const moved = path.join(outside, 'moved-dir');
    await mkdir(outside, { recursive: true });
    await rename(dir, moved);
    await symlink(moved, dir);
    const r = await f.inject('officer', 'GET', `/api/evidence/${l.screenshot}`);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().message).toMatch(/link out of the evidence store/);
  });

  it('a missing file is 404, and the stream API applies the same check', async () => {
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'e4', title: '安踏 e4' });
    await rm(fileOf(l.screenshot));
    expect((await f.inject('officer', 'GET', `/api/evidence/${l.screenshot}`)).statusCode).toBe(404);
    const chunks: Buffer[] = [];
    const err = await new Promise<unknown>((resolve) => {
      f.evidence.stream(l.html).on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(undefined)).on('error', resolve);
    });
    expect(err).toBeUndefined();
    expect(sha256Hex(Buffer.concat(chunks))).toBe(l.html);
  });
});
