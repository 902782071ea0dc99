/**
 * CPU and memory of processes and their threads from /proc (Linux): what a
 * process tree has used so far, and its resident memory now. The scan
 * benchmark reads these for each worker process and its Chromium children.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux

function statFields(path: string): string[] | undefined {
  try {
    const s = readFileSync(path, 'utf8');
    // The command name may hold spaces and parentheses: split after its last ')'.
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch { return undefined; }
}

/** CPU seconds (user + system) a process has used itself, and its reaped children. */
export function processCpu(pid: number): number {
  const f = statFields(`/proc/${pid}/stat`);
  if (!f) return 0;
  // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICK;
}

/** Per-thread CPU seconds of one process, grouped by thread name (`comm`); the main thread is `main`. */
export function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[] = [];
  try { tids = readdirSync(`/proc/${pid}/task`); } catch { return out; }
  for (const tid of tids) {
    const f = statFields(`/proc/${pid}/task/${tid}/stat`);
    if (!f) continue;
    let name = 'unknown';
    try { name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim(); } catch { /* gone */ }
    if (Number(tid) === pid) name = 'main';
    out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / TICK);
  }
  return out;
}

/** Every live descendant of `pid` (children, grandchildren…). */
export function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const f = statFields(`/proc/${d}/stat`);
    if (f) parent.set(Number(d), Number(f[1]));
  }
  const out: number[] = [];
  const walk = (p: number) => { for (const [c, pp] of parent) if (pp === p) { out.push(c); walk(c); } };
  walk(pid);
  return out;
}

/** Processes whose command line contains `needle` (e.g. the Postgres and Redis servers). */
export function pidsMatching(needle: RegExp): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (needle.test(cmd)) out.push(Number(d));
    } catch { /* gone */ }
  }
  return out;
}

/** Proportional set size (MB) of a process, from smaps_rollup (shared pages split among sharers). */
export function pssMb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch { return 0; }
}

/** Resident set size (MB) of a process. */
export function rssMb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch { return 0; }
}
