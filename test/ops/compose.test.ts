/**
 * docker-compose.yml as a bureau runs it (Docker does not run here, so its
 * structure is checked): secrets come from files, never from values in the
 * file; Redis has a password, AOF and noeviction; a one-shot migrate runs
 * before the API and workers, which restart; the API is reached only through
 * the HTTPS proxy; every app service runs the image's CLI command.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV_OVERRIDES, PROJECT_ROOT } from '../../config/config.loader.js';

// merge: compose's `<<: *app` keys (YAML 1.1 merge, which Compose reads).
const compose = parse(readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[]; entrypoint?: string[]; environment?: Record<string, string>; secrets?: string[]; restart?: string; ports?: string[];
    depends_on?: Record<string, { condition: string }> }>;
  secrets: Record<string, { file: string }>;
};
const APP = ['migrate', 'api', 'worker', 'scheduler'];

describe('docker-compose.yml', () => {
  it('takes every secret from a file and names no password in the file', () => {
    const text = readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8');
    expect(text).not.toMatch(/postgres:\/\/[^:\s]+:[^@$\s]+@/);
    expect(text).not.toMatch(/POSTGRES_PASSWORD:/);
    for (const s of Object.values(compose.secrets)) expect(s.file).toMatch(/^\.\/secrets\//);
    for (const name of APP) {
      const env = compose.services[name].environment ?? {};
      expect(env.DATABASE_URL, name).toBeUndefined();
      expect(env.DATABASE_URL_FILE, name).toBe('/run/secrets/database_url');
      expect(env.REDIS_URL_FILE, name).toBe('/run/secrets/redis_url');
      // Every variable the app reads is one the config loader knows (a *_FILE of one of them).
      for (const k of Object.keys(env)) expect(Object.keys(ENV_OVERRIDES), `${name}: ${k}`).toContain(k.replace(/_FILE$/, ''));
    }
  });

  it('runs Redis with a password, AOF and noeviction', () => {
    const cmd = compose.services.redis.entrypoint?.join(' ') ?? '';
    expect(cmd).toMatch(/--requirepass/);
    expect(cmd).toMatch(/--appendonly yes/);
    expect(cmd).toMatch(/--maxmemory-policy noeviction/);
  });

  it('migrates once before the API and workers, which restart; the API only behind the proxy', () => {
    expect(compose.services.migrate.command).toEqual(['migrate']);
    for (const name of ['api', 'worker']) {
      expect(compose.services[name].depends_on?.migrate?.condition, name).toBe('service_completed_successfully');
      expect(compose.services[name].restart, name).toBe('unless-stopped');
    }
    expect(compose.services.api.ports).toBeUndefined();
    expect(compose.services.proxy.ports).toContain('443:443');
    for (const name of APP) expect(compose.services[name].command?.[0], name).not.toMatch(/npx|tsx/);
  });
});
