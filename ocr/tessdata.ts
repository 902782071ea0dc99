/**
 * Tesseract language data from npm (@tesseract.js-data/*), gathered into one
 * folder because tesseract.js takes a single langPath. Never fetched from a CDN.
 */
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Copies chi_sim and eng (best_int models) into `dir` if missing; returns `dir`. */
export function prepareTessdata(dir: string, langs: string[] = ['chi_sim', 'eng']): string {
  mkdirSync(dir, { recursive: true });
  for (const lang of langs) {
    const target = path.join(dir, `${lang}.traineddata.gz`);
    if (existsSync(target)) continue;
    const pkg = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
    const source = path.join(pkg, '4.0.0_best_int', `${lang}.traineddata.gz`);
    if (!existsSync(source)) throw new Error(`tesseract language data for ${lang} not found at ${source}`);
    copyFileSync(source, target);
  }
  return dir;
}
