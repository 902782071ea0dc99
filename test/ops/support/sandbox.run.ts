/** Opens a page in the crawler's browser pool and prints whether its Chromium runs sandboxed (test/ops/chromium-sandbox.test.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import { BrowserPool } from '../../../crawler/browser.pool.js';

const pool = new BrowserPool({ executablePath: process.argv[2], pages: 1, offlineHostRules: true, viewport: { width: 400, height: 300 }, sandbox: 'auto' });
const text = await pool.withPage(async (page) => { await page.setContent('<p>ok</p>'); return page.textContent('p'); });
// The browser process is this process's child; its command line says whether the sandbox was switched off.
const children = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
  try {
    const ppid = /^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return ppid === String(process.pid) ? [readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')] : [];
  } catch { return []; }
}).filter((args) => args.some((a) => a.includes('chrom')));
console.log(JSON.stringify({ text, decision: pool.sandboxDecision, browsers: children.length, noSandbox: children.some((a) => a.includes('--no-sandbox')) }));
await pool.close();
