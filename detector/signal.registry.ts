/**
 * The ordered set of signals a detector runs. The built-in text signals are
 * registered by createDetector; others (the image/logo signal) are added with
 * `createDetector(registry, config, { signals })` or `register`.
 */
import type { Signal } from './signal.js';

export class SignalRegistry {
  private readonly signals: Signal[] = [];

  constructor(signals: Iterable<Signal> = []) { for (const s of signals) this.register(s); }

  /** Adds a signal; a second signal with the same name is an error (it would double-count). */
  register(signal: Signal): this {
    if (this.signals.some((s) => s.name === signal.name)) throw new Error(`detector signal "${signal.name}" is registered twice`);
    this.signals.push(signal);
    return this;
  }

  /** Every signal, in registration order. */
  all(): readonly Signal[] { return this.signals; }

  /** The signals `detect()` runs: those that answer synchronously. */
  sync(): readonly Signal[] { return this.signals.filter((s) => !s.async); }

  names(): string[] { return this.signals.map((s) => s.name); }
}
