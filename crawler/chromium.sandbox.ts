/**
 * Whether Chromium runs in its own sandbox. It does wherever the kernel lets
 * it: not as root (Chromium refuses), and only where user namespaces are
 * allowed (Docker's default seccomp profile forbids them). `auto` probes once
 * per executable by starting it sandboxed on a data: page; when that fails
 * the pool runs with `--no-sandbox` and says why, so an operator can allow
 * the sandbox (run as a non-root user; `--security-opt seccomp=…` with clone
 * of user namespaces allowed) instead of never knowing.
 */
import { execFile } from 'node:child_process';

/** `auto`: sandboxed when the probe succeeds; `off`: always `--no-sandbox`. */
export type SandboxMode = 'auto' | 'off';

/** What was decided, and why (logged at start). */
export interface SandboxDecision { sandbox: boolean; reason: string }

const MARK = 'ipwatch-sandbox-probe';

/** Starts Chromium sandboxed on a data: page; resolves to an error text, or undefined when it ran. */
export function probeSandbox(executablePath: string, timeoutMs = 20_000): Promise<string | undefined> {
  const args = ['--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND',
    '--dump-dom', `data:text/html,<p>${MARK}</p>`];
  return new Promise((resolve) => {
    execFile(executablePath, args, { timeout: timeoutMs, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (!err && stdout.includes(MARK)) return resolve(undefined);
      const why = String(stderr).split('\n').find((l) => /sandbox|namespace|FATAL/i.test(l)) ?? (err as Error | null)?.message ?? 'no output';
      resolve(why.trim().slice(0, 300));
    });
  });
}

const decided = new Map<string, Promise<SandboxDecision>>();

/** The decision for this executable and mode, probed once per process. */
export function decideSandbox(executablePath: string, mode: SandboxMode, uid = process.getuid?.() ?? 0,
  probe: (path: string) => Promise<string | undefined> = probeSandbox): Promise<SandboxDecision> {
  if (mode === 'off') return Promise.resolve({ sandbox: false, reason: 'browser.sandbox is off' });
  if (uid === 0) return Promise.resolve({ sandbox: false, reason: 'running as root, where Chromium refuses its sandbox: run as an unprivileged user (the image runs as node)' });
  const key = `${executablePath}\0${uid}`;
  let d = decided.get(key);
  if (!d) {
    d = probe(executablePath).then((problem) => (problem
      ? { sandbox: false, reason: `the kernel refused Chromium's sandbox (${problem}); allow user namespaces (e.g. a seccomp profile that permits them) to run sandboxed` }
      : { sandbox: true, reason: 'sandboxed' }));
    decided.set(key, d);
  }
  return d;
}
