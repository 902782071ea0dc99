/**
 * The built-in kinds' text signals, for the detector run on its own (the
 * `detect` command, the evaluations, the benchmarks). The app builds its
 * detector from every installed kind's own factory (kinds/kind.registry.ts);
 * test/kinds/kind.registry.test.ts checks that the built-in kinds name
 * exactly these, so the two lists cannot drift apart.
 */
import { giSignals } from './gi-origin.signal.js';
import { patentSignals } from './patent-number.signal.js';
import type { SignalFactory } from './signal.js';
import { trademarkSignals } from './trademark.signal.js';

export const BUILTIN_TEXT_SIGNALS: readonly SignalFactory[] = [trademarkSignals, giSignals, patentSignals];
