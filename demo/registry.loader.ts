/** Loads the bundled demo register (demo/registry.json), validated by the shared schema. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registrySchema, type Registry } from '../domain/registry.schema.js';

/** Absolute path of demo/registry.json (logo paths in it are relative to its folder). */
export const DEMO_REGISTRY_PATH = join(dirname(fileURLToPath(import.meta.url)), 'registry.json');

/** Reads and validates demo/registry.json; throws a zod error naming the field if it is broken. */
export function loadDemoRegistry(path: string = DEMO_REGISTRY_PATH): Registry {
  return registrySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}
