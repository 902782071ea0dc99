/**
 * A total time budget for one capture: every step (navigation, browser
 * steps, page.content(), the screenshot, API requests) runs against what is
 * left of it, and when it runs out the capture fails with a clear error
 * instead of holding its job's lock while a page runs script forever.
 */
import { CaptureTimeoutError } from './errors.js';

export class CaptureBudget {
  private readonly deadline: number;
  private readonly controller = new AbortController();
  private readonly onExpire: Array<() => void> = [];

  constructor(readonly budgetMs: number, private readonly platform: string, private readonly url: string) {
    this.deadline = Date.now() + budgetMs;
  }

  /** Aborts when the budget is spent (for HTTP requests made during the capture). */
  get signal(): AbortSignal { return this.controller.signal; }

  remainingMs(): number { return Math.max(0, this.deadline - Date.now()); }

  /** Registers cleanup run when the budget expires (close the page so hung calls return). */
  whenExpired(fn: () => void): void { this.onExpire.push(fn); }

  /** Runs one step; rejects with CaptureTimeoutError naming the step when the budget runs out first. */
  async step<T>(name: string, work: Promise<T> | (() => Promise<T>)): Promise<T> {
    const left = this.remainingMs();
    if (left <= 0) { this.expire(); throw new CaptureTimeoutError(this.platform, this.url, this.budgetMs, name); }
    const p = typeof work === 'function' ? work() : work;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => { this.expire(); reject(new CaptureTimeoutError(this.platform, this.url, this.budgetMs, name)); }, left);
    });
    p.catch(() => {}); // the losing side of the race must not surface as unhandled
    try {
      return await Promise.race([p, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  private expire(): void {
    this.controller.abort();
    for (const f of this.onExpire.splice(0)) { try { f(); } catch { /* cleanup is best effort */ } }
  }
}
