/**
 * Loads and validates the configuration. This is the only module that reads
 * process.env; everything else receives the frozen {@link AppConfig}.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, fieldPath, type FieldProblem } from '../domain/errors.js';
import { configSchema, type AppConfig } from './config.schema.js';
import { REMOVED_PLATFORM_KEYS, platformSchema, type PlatformConfig } from './platform.schema.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Environment variables understood, and the config key each overrides. */
export const ENV_OVERRIDES: Record<string, (v: string) => [string[], unknown]> = {
  DATABASE_URL: (v) => [['databaseUrl'], v],
  REDIS_URL: (v) => [['redisUrl'], v],
  IPWATCH_QUEUE_PREFIX: (v) => [['queuePrefix'], v],
  IPWATCH_EVIDENCE_DIR: (v) => [['evidenceDir'], v],
  IPWATCH_HEALTH_MIN_DISK_FREE_MB: (v) => [['health', 'minDiskFreeMb'], Number(v)],
  IPWATCH_HEALTH_STUCK_RUN_MINUTES: (v) => [['health', 'stuckRunMinutes'], Number(v)],
  IPWATCH_REGISTRY: (v) => [['registryPath'], v],
  IPWATCH_LOG_LEVEL: (v) => [['logLevel'], v],
  IPWATCH_API_PORT: (v) => [['api', 'port'], Number(v)],
  IPWATCH_API_HOST: (v) => [['api', 'host'], v],
  IPWATCH_COOKIE_SECURE: (v) => [['api', 'cookieSecure'], !/^(0|false|no|off)$/i.test(v)],
  // A comma-separated list of proxy addresses / CIDR ranges (`uniquelocal` for a proxy on a private network).
  IPWATCH_TRUST_PROXY: (v) => [['api', 'trustProxy'], v.split(',').map((x) => x.trim()).filter(Boolean)],
  IPWATCH_METRICS_PORT: (v) => [['api', 'metrics', 'port'], Number(v)],
  IPWATCH_METRICS_HOST: (v) => [['api', 'metrics', 'host'], v],
  IPWATCH_METRICS_TOKEN_FILE: (v) => [['api', 'metrics', 'tokenFile'], v],
  IPWATCH_DEMO_PORT: (v) => [['demo', 'port'], Number(v)],
  CHROMIUM_PATH: (v) => [['browser', 'executablePath'], v],
};

export interface LoadConfigOptions {
  /** Config file; default IPWATCH_CONFIG or config/ipwatch.json. */
  file?: string;
  /** Environment to read; default process.env. Tests pass their own. */
  env?: Record<string, string | undefined>;
  /** Values applied over the file and the environment (tests, the demo command). */
  overrides?: Record<string, unknown>;
  rootDir?: string;
}

export function loadConfig(opts: LoadConfigOptions = {}): AppConfig {
  const env = opts.env ?? process.env;
  const rootDir = opts.rootDir ?? PROJECT_ROOT;
  const file = path.resolve(rootDir, opts.file ?? env.IPWATCH_CONFIG ?? 'config/ipwatch.json');
  let raw: Record<string, unknown> = {};
  if (existsSync(file)) raw = readJson(file);
  else if (opts.file || env.IPWATCH_CONFIG) throw new InputError(file, [{ field: '', message: 'config file not found' }]);

  for (const [name, apply] of Object.entries(ENV_OVERRIDES)) {
    // NAME_FILE: the value is the content of that file (Docker and Kubernetes secrets), so a password
    // in DATABASE_URL or REDIS_URL need not sit in the environment or the config file.
    const v = env[`${name}_FILE`] ? secretFromFile(env[`${name}_FILE`]!, name) : env[name];
    if (v !== undefined && v !== '') {
      const [keys, value] = apply(v);
      setPath(raw, keys, value);
    }
  }
  raw = deepMerge(raw, opts.overrides ?? {});

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(file, parsed.error.issues.map((i) => ({
      field: fieldPath(i.path),
      message: i.code === 'unrecognized_keys' ? `unknown key(s): ${(i as { keys: string[] }).keys.join(', ')}` : i.message,
    })));
  }
  const platforms = loadPlatforms(path.resolve(rootDir, parsed.data.platformsDir), parsed.data.platformBaseUrls);
  return deepFreeze({ ...parsed.data, rootDir, platforms });
}

/** A secret from a file (NAME_FILE), trailing line break removed; InputError naming the variable if unreadable. */
function secretFromFile(file: string, name: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (e) {
    throw new InputError(file, [{ field: `${name}_FILE`, message: `cannot read the secret file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
}

/** Validates every platform file; one error lists every bad key of every file. */
export function loadPlatforms(dir: string, baseUrls: Record<string, string> = {}): PlatformConfig[] {
  if (!existsSync(dir)) throw new InputError(dir, [{ field: '', message: 'platforms directory not found' }]);
  const problems: FieldProblem[] = [];
  const out: PlatformConfig[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  for (const f of files) {
    const full = path.join(dir, f);
    let data: Record<string, unknown>;
    try { data = readJson(full); } catch (err) {
      const msg = err instanceof InputError ? err.problems.map((p) => p.message).join('; ') : (err as Error).message;
      problems.push({ field: `${f}: (file)`, message: msg });
      continue;
    }
    const id = typeof data.id === 'string' ? data.id : undefined;
    if (id && baseUrls[id]) data.baseUrl = baseUrls[id];
    data = withoutRemovedKeys(data, (key, message) => problems.push({ field: `${f}: ${key}`, message }));
    const parsed = platformSchema.safeParse(data);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        problems.push({
          field: `${f}: ${fieldPath(i.path)}`,
          message: i.code === 'unrecognized_keys' ? `unknown key(s): ${(i as { keys: string[] }).keys.join(', ')}` : i.message,
        });
      }
      continue;
    }
    for (const key of ['idPattern'] as const) {
      try { new RegExp(parsed.data.item[key]); } catch { problems.push({ field: `${f}: item.${key}`, message: 'not a valid regular expression' }); }
    }
    if (out.some((p) => p.id === parsed.data.id)) problems.push({ field: `${f}: id`, message: `duplicate platform id ${parsed.data.id}` });
    out.push(parsed.data);
  }
  for (const id of Object.keys(baseUrls)) {
    if (!out.some((p) => p.id === id)) problems.push({ field: `platformBaseUrls.${id}`, message: 'unknown platform' });
  }
  if (problems.length) throw new InputError(dir, problems);
  return out;
}

/** A copy of a platform file without the keys {@link REMOVED_PLATFORM_KEYS} names, each told to `report` (the rest is still validated). */
function withoutRemovedKeys(data: Record<string, unknown>, report: (key: string, message: string) => void): Record<string, unknown> {
  let out = data;
  for (const [key, message] of Object.entries(REMOVED_PLATFORM_KEYS)) {
    const [parent, leaf] = [key.split('.').slice(0, -1), key.split('.').at(-1)!];
    const holder = parent.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), out);
    if (!holder || typeof holder !== 'object' || !(leaf in holder)) continue;
    report(key, message);
    out = structuredClone(out);
    const copy = parent.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, out);
    delete copy[leaf];
  }
  return out;
}

function readJson(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  try {
    const v = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('expected a JSON object');
    return v as Record<string, unknown>;
  } catch (err) {
    throw new InputError(file, [{ field: '', message: `invalid JSON: ${(err as Error).message}` }]);
  }
}

function setPath(obj: Record<string, unknown>, keys: string[], value: unknown): void {
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev)
      ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>)
      : v;
  }
  return out;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/** Secrets a command may take from the environment instead of a prompt (never from the config file). */
export type SecretName = 'IPWATCH_ADMIN_PASSWORD';

/** Reads one secret from the environment, or from the file NAME_FILE names; undefined when unset or empty. */
export function readSecret(name: SecretName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[`${name}_FILE`];
  return (file ? secretFromFile(file, name) : env[name]) || undefined;
}
