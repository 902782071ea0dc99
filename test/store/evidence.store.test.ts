import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvidenceStore, sha256Hex } from '../../store/evidence.store.js';

describe('evidence store', () => {
  it('stores content-addressed, once, and detects tampering', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ev-'));
    const store = createEvidenceStore(root);
    const data = Buffer.from('<html>福州茉莉花茶</html>');
    const a = await store.put(data);
    const b = await store.put(Buffer.from(data));
    expect(a.sha256).toBe(sha256Hex(data));
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(a.path).toBe(path.join(a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256));
    expect((await store.read(a.sha256)).equals(data)).toBe(true);
    expect(await store.verify(a.sha256)).toBe(true);
    writeFileSync(path.join(root, a.path), 'altered');
    expect(await store.verify(a.sha256)).toBe(false);
    await expect(store.read('../../etc/passwd')).rejects.toThrow(/not a sha256/);
  });

  it('lists what it holds and removes on request', async () => {
    const store = createEvidenceStore(mkdtempSync(path.join(tmpdir(), 'ev-')));
    const a = await store.put(Buffer.from('one'));
    const b = await store.put(Buffer.from('two'));
    const listed: string[] = [];
    for await (const sha of store.list()) listed.push(sha);
    expect(listed.sort()).toEqual([a.sha256, b.sha256].sort());
    expect(await store.remove(a.sha256)).toBe(true);
    expect(await store.remove(a.sha256)).toBe(false);
    expect(await store.has(a.sha256)).toBe(false);
    expect(store.describe()).toMatch(/local folder/);
  });
});
