/**
 * Builds the logo index from a register: every trademark's `logo`
 * (FORMATS §1, a path relative to the register file, SVG or raster) is read
 * and indexed once. Missing or unreadable logo files are reported, not fatal.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Registry } from '../domain/registry.schema.js';
import { LogoIndex, type LogoEntry, type LogoIndexOptions } from './logo.index.js';

/** A logo that could not be indexed. */
export interface LogoProblem { assetId: string; logo: string; message: string }

/** Reads the register's logo files (relative to `baseDir`) into entries. */
export async function registryLogoEntries(registry: Registry, baseDir: string, onProblem?: (p: LogoProblem) => void): Promise<LogoEntry[]> {
  const out: LogoEntry[] = [];
  for (const t of registry.trademarks ?? []) {
    if (!t.logo) continue;
    if (/^[a-z]+:\/\//i.test(t.logo)) { onProblem?.({ assetId: t.id, logo: t.logo, message: 'logo URLs are not fetched; give a file path' }); continue; }
    try {
      out.push({ logoId: path.basename(t.logo).replace(/\.[a-z0-9]+$/i, ''), assetId: t.id, bytes: await readFile(path.resolve(baseDir, t.logo)) });
    } catch (err) {
      onProblem?.({ assetId: t.id, logo: t.logo, message: (err as Error).message });
    }
  }
  return out;
}

/** The index over a register's logos (one build per register version). */
export async function buildRegistryLogoIndex(registry: Registry, baseDir: string, options: Partial<LogoIndexOptions> = {},
  onProblem?: (p: LogoProblem) => void): Promise<LogoIndex> {
  const entries = await registryLogoEntries(registry, baseDir, onProblem);
  return LogoIndex.build(entries, options, (logoId, err) => {
    const e = entries.find((x) => x.logoId === logoId);
    onProblem?.({ assetId: e?.assetId ?? '', logo: logoId, message: `not a readable image: ${(err as Error).message}` });
  });
}
