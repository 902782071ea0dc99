/**
 * OpenCV (WebAssembly build, @techstark/opencv-js) loaded once per process.
 * The WASM module is single-threaded; loading takes about 1 s, so callers
 * share {@link loadOpenCv}'s promise.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The OpenCV namespace (`cv`); typed loosely because the package's typings lag its build. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Cv = any;

let loading: Promise<Cv> | undefined;

/** Resolves to the initialised OpenCV module. */
export function loadOpenCv(): Promise<Cv> {
  loading ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('@techstark/opencv-js');
    // The Emscripten module is a thenable that resolves to itself: never `await` it directly (that loops forever).
    if (mod.Mat) return stripThen(mod);
    if (mod instanceof Promise) return stripThen(await mod);
    await new Promise<void>((resolve) => { mod.onRuntimeInitialized = () => resolve(); });
    return stripThen(mod);
  })();
  return loading;
}

function stripThen(mod: Cv): Cv {
  if (typeof mod.then === 'function') delete mod.then;
  return mod;
}

/** Deletes OpenCV objects (WASM heap memory is not garbage-collected). */
export function release(...objs: Array<{ delete(): void } | undefined | null>): void {
  for (const o of objs) { try { o?.delete(); } catch { /* already deleted */ } }
}
