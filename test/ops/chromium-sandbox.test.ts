/**
 * Chromium runs in its own sandbox wherever the kernel allows: as an
 * unprivileged user on this machine (user namespaces allowed) the crawler's
 * pool starts it without `--no-sandbox`; as root, or with `browser.sandbox:
 * off`, or where the probe fails (Docker's default seccomp), it runs without
 * and says why.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.loader.js';
import { decideSandbox } from '../../crawler/chromium.sandbox.js';

const run = promisify(execFile);
const executablePath = loadConfig({ env: {} }).browser.executablePath;

describe('Chromium sandbox', () => {
  it('is off as root, when configured off, and where the kernel refuses it, each with the reason', async () => {
    expect(await decideSandbox(executablePath, 'auto', 0)).toEqual({ sandbox: false, reason: expect.stringMatching(/running as root/) });
    expect(await decideSandbox(executablePath, 'off', 1000)).toEqual({ sandbox: false, reason: 'browser.sandbox is off' });
    const refused = await decideSandbox('/probe/refused', 'auto', 1000, async () => 'No usable sandbox!');
    expect(refused).toEqual({ sandbox: false, reason: expect.stringMatching(/kernel refused Chromium's sandbox \(No usable sandbox!\)/) });
  });

  it.runIf(process.getuid?.() === 0)('runs the pool sandboxed as an unprivileged user where user namespaces are allowed', async () => {
    const { stdout } = await run('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', process.execPath, '--import', 'tsx',
      path.join('test', 'ops', 'support', 'sandbox.run.ts'), executablePath], { timeout: 120_000, env: { PATH: process.env.PATH, HOME: '/tmp' } });
    const r = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(r.text).toBe('ok');
    expect(r.decision).toEqual({ sandbox: true, reason: 'sandboxed' });
    expect(r.browsers).toBe(1);
    expect(r.noSandbox).toBe(false);
  });
});
