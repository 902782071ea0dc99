/**
 * Per-host politeness: at most `concurrency` requests in flight and at most
 * `requestsPerSecond` request starts per second, per worker process. A key
 * (a host or a whole platform) can be paused: after a 429 with Retry-After
 * nothing of that platform starts until the time has passed.
 */
export interface HostLimits { concurrency: number; requestsPerSecond: number }

interface HostState { active: number; nextStart: number; waiting: Array<() => void> }

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly pauses = new Map<string, { until: number; reason: string }>();

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

  /** Pauses `key` until `until` (epoch ms); a later pause extends, an earlier one never shortens. */
  pause(key: string, until: number, reason: string): void {
    const cur = this.pauses.get(key);
    if (!cur || cur.until < until) this.pauses.set(key, { until, reason });
  }

  /** Milliseconds `key` stays paused (0 when it is not), and why. */
  pausedFor(key: string): { ms: number; reason: string } {
    const p = this.pauses.get(key);
    if (!p) return { ms: 0, reason: '' };
    const ms = p.until - Date.now();
    if (ms <= 0) { this.pauses.delete(key); return { ms: 0, reason: '' }; }
    return { ms, reason: p.reason };
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) this.hosts.set(host, (s = { active: 0, nextStart: 0, waiting: [] }));
    return s;
  }
}
