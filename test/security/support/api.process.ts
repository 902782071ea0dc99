/**
 * The API as production starts it (`cli/main.ts api`), in a child process of
 * its own, on a test database and an ephemeral port. A request that freezes
 * that process cannot freeze the test: the test's own timers keep running,
 * so it fails by a bounded timeout instead of hanging, and the child is
 * killed (SIGKILL: a frozen event loop never runs a SIGTERM handler).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PROJECT_ROOT } from '../../../config/config.loader.js';
import { until } from '../../support/wait.js';

/** A running API process. */
export interface ApiProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `cli/main.ts api` with `config` merged over the bundled config/ipwatch.json. */
export async function startApiProcess(config: Record<string, unknown>): Promise<ApiProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-api-proc-'));
  const file = path.join(dir, 'ipwatch.json');
  const base = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'config/ipwatch.json'), 'utf8'));
  writeFileSync(file, JSON.stringify({
    ...base, evidenceDir: path.join(dir, 'evidence'), queuePrefix: `t-sec-${randomBytes(4).toString('hex')}`, logLevel: 'info',
    ...config, api: { ...base.api, host: '127.0.0.1', port: 0, cookieSecure: false, ...(config.api as object | undefined) },
  }));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'cli/main.ts'), 'api'], {
    cwd: PROJECT_ROOT, env: { ...process.env, IPWATCH_CONFIG: file, DOTENV_CONFIG_QUIET: 'true' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => { out += String(d); });
  child.stderr?.on('data', (d) => { err += String(d); });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const address = await until(() => {
      if (child.exitCode !== null) throw new Error(`api exited ${child.exitCode}: ${err.slice(-2000)}`);
      return /"address":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1];
    }, { what: 'the api process to listen', timeoutMs: 60_000, intervalMs: 50 });
    return { url: address, child, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** One HTTP request on a connection of its own (no keep-alive), failing after `timeoutMs` without an answer. */
export function send(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs: number }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: { connection: 'close', ...opts.headers }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`no answer from ${opts.method ?? 'GET'} ${url} within ${opts.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}
