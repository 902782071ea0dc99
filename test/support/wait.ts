/**
 * Waiting for a condition, bounded: polls `check` until it returns a value
 * other than undefined / false, and throws (naming what was awaited) when
 * `timeoutMs` passes first. The time bounds the wait only; a test proves what
 * `check` saw, never that some time went by.
 */
export async function until<T>(check: () => Promise<T | undefined | false> | T | undefined | false, opts: { what: string; timeoutMs?: number; intervalMs?: number }): Promise<T> {
  const end = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${opts.what}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 10));
  }
}
