/**
 * The production start path, as the image runs it (Dockerfile): the
 * compiled JavaScript from scripts/build.sh, started with `node` under tini
 * (the init that forwards signals), as an unprivileged user; the API answers
 * health, and SIGTERM to tini stops node and ends the container's process
 * with nothing left behind. Docker does not run on this machine, so the test
 * runs the image's command directly.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config/config.loader.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { until } from '../support/wait.js';

const run = promisify(execFile);
const OUT = path.join('var', `build-${process.pid}`);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

let t: TestDatabase;
let evidenceDir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  evidenceDir = await mkdtemp(path.join(tmpdir(), 'ipwatch-prod-evidence-'));
  await chmod(evidenceDir, 0o777);
  await run('bash', ['scripts/build.sh', OUT], { cwd: PROJECT_ROOT, timeout: 300_000 });
}, 320_000);
afterAll(async () => {
  await rm(path.join(PROJECT_ROOT, OUT), { recursive: true, force: true });
  await rm(evidenceDir, { recursive: true, force: true });
  await t?.drop();
});

describe('production start', () => {
  it('runs the compiled API under tini as an unprivileged user and stops on SIGTERM', async () => {
    const port = await freePort();
    // As root (CI, a container build), drop to nobody as the image's USER does; otherwise run as who we are.
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--'] : [];
    const cmd = [...asUser, '/usr/bin/tini', '--', process.execPath, path.join(OUT, 'cli', 'main.js'), 'api'];
    const child: ChildProcess = spawn(cmd[0], cmd.slice(1), {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH, HOME: tmpdir(), NODE_ENV: 'production', DATABASE_URL: t.url, REDIS_URL: 'redis://127.0.0.1:6379',
        IPWATCH_API_PORT: String(port), IPWATCH_API_HOST: '127.0.0.1', IPWATCH_QUEUE_PREFIX: `prod${process.pid}`,
        IPWATCH_EVIDENCE_DIR: evidenceDir, IPWATCH_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => { output += d; });
    child.stderr?.on('data', (d) => { output += d; });
    const exited = new Promise<number | null>((r) => child.on('exit', (code, signal) => r(code ?? (signal ? -1 : null))));

    await until(async () => {
      if (child.exitCode !== null) throw new Error(`the API exited ${child.exitCode}: ${output}`);
      const r = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      return r?.status === 200;
    }, { timeoutMs: 60_000, intervalMs: 200, what: 'the compiled API to answer health' });

    // tini's one child is node, running the compiled file (no tsx), as nobody when we started as root.
    const { stdout: kids } = await run('pgrep', ['-P', String(child.pid)]);
    const nodePid = Number(kids.trim().split('\n')[0]);
    const cmdline = (await readFile(`/proc/${nodePid}/cmdline`, 'utf8')).split('\0');
    expect(cmdline.some((a) => a.endsWith(path.join('cli', 'main.js')))).toBe(true);
    expect(cmdline.join(' ')).not.toMatch(/tsx/);
    const uid = /^Uid:\s+(\d+)/m.exec(await readFile(`/proc/${nodePid}/status`, 'utf8'))?.[1];
    if (asUser.length) expect(uid).toBe('65534');
    expect(uid).not.toBe('0');

    child.kill('SIGTERM');
    expect(await exited, output).toBe(0);
    expect(alive(nodePid), 'node is gone with tini').toBe(false);
  });
});
