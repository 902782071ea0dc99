/**
 * Per-host politeness: at most `concurrency` requests in flight and at most
 * `requestsPerSecond` request starts per second, per worker process.
 */
export interface HostLimits { concurrency: number; requestsPerSecond: number }

interface HostState { active: number; nextStart: number; waiting: Array<() => void> }

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  async run<T>(host: string, limits: HostLimits, fn: () => Promise<T>): Promise<T> {
    const s = this.state(host);
    if (s.active >= limits.concurrency) await new Promise<void>((r) => s.waiting.push(r));
    s.active++;
    try {
      const interval = 1000 / limits.requestsPerSecond;
      const now = Date.now();
      const start = Math.max(now, s.nextStart);
      s.nextStart = start + interval;
      if (start > now) await new Promise((r) => setTimeout(r, start - now));
      return await fn();
    } finally {
      s.active--;
      s.waiting.shift()?.();
    }
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) this.hosts.set(host, (s = { active: 0, nextStart: 0, waiting: [] }));
    return s;
  }
}
