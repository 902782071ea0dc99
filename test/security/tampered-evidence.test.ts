/**
 * Issue 23: a tampered evidence file was refused by /api/evidence (409) but the
 * notice still rendered (its thumbnail silently dropped, its hash still
 * listed) and could be sent. Sending is now refused naming the file; the
 * printed notice and the desk's notice detail carry an integrity warning.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_A, setupFixture, snapshot, type Fixture } from '../api/fixtures.js';

describe('a notice citing a tampered evidence file', () => {
  let f: Fixture;
  let notice: number;
  let screenshot: string;
  let listingId: number;

  beforeAll(async () => {
    f = await setupFixture();
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'tamp1', title: '安踏 tamp1' });
    screenshot = l.screenshot;
    listingId = l.listingId;
    await f.inject('officer', 'POST', `/api/review/listings/${l.listingId}/decision`, { decision: 'confirm', reason: 'r' });
    notice = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices[0].id;
    // Intact at first: the detail says so.
    expect((await f.inject('officer', 'GET', `/api/notices/${notice}`)).json().evidenceProblems).toEqual([]);
    const file = path.join(f.evidence.root, screenshot.slice(0, 2), screenshot.slice(2, 4), screenshot);
    const bytes = await readFile(file);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(file, bytes);
  });
  afterAll(async () => { await f?.close(); });

  it('is not sent: 409 evidence_integrity naming the file, the notice stays a draft', async () => {
    const before = await snapshot(f.db);
    const r = await f.inject('officer', 'POST', `/api/notices/${notice}/send`);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error).toBe('evidence_integrity');
    expect(r.json().message).toContain(screenshot);
    expect(r.json().message).toContain('tamp1');
    expect(await snapshot(f.db)).toBe(before);
    expect((await f.inject('officer', 'GET', `/api/notices/${notice}`)).json().notice.state).toBe('draft');
  });

  it('the desk\'s notice detail lists the failing file', async () => {
    const d = (await f.inject('officer', 'GET', `/api/notices/${notice}`)).json();
    expect(d.evidenceProblems).toEqual([expect.objectContaining({ sha256: screenshot, kind: 'screenshot', platformListingId: 'tamp1' })]);
    expect(d.evidenceProblems[0].reason).toMatch(/SHA-256/);
  });

  it('the listing detail the officer decides on lists it too', async () => {
    const d = (await f.inject('officer', 'GET', `/api/review/listings/${listingId}`)).json();
    expect(d.evidenceProblems).toEqual([expect.objectContaining({ sha256: screenshot, kind: 'screenshot' })]);
  });

  it('the printed notice carries the warning beside the hash', async () => {
    const html = await f.inject('officer', 'GET', `/api/notices/${notice}/document.html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('data-test="integrity-warning"');
    expect(html.body).toMatch(new RegExp(`${screenshot}</span>[^<]*<strong class="bad" data-test="integrity-failed">`));
  });
});
