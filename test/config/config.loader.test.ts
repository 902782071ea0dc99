import { mkdtempSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT, readSecret } from '../../config/config.loader.js';
import { InputError } from '../../domain/errors.js';

function tmpProject(config: unknown, platforms?: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-cfg-'));
  mkdirSync(path.join(dir, 'config'));
  writeFileSync(path.join(dir, 'config', 'ipwatch.json'), typeof config === 'string' ? config : JSON.stringify(config));
  if (platforms) {
    mkdirSync(path.join(dir, 'config', 'platforms'));
    for (const [f, body] of Object.entries(platforms)) writeFileSync(path.join(dir, 'config', 'platforms', f), typeof body === 'string' ? body : JSON.stringify(body));
  } else {
    cpSync(path.join(PROJECT_ROOT, 'config', 'platforms'), path.join(dir, 'config', 'platforms'), { recursive: true });
  }
  return dir;
}

const base = { databaseUrl: 'postgres://u@127.0.0.1/db', redisUrl: 'redis://127.0.0.1:6379' };

function problemsOf(fn: () => unknown): string[] {
  try { fn(); } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems.map((p) => `${p.field}: ${p.message}`);
  }
  throw new Error('expected an InputError');
}

describe('config loader', () => {
  it('loads the bundled config, with every platform validated and the result frozen', () => {
    const cfg = loadConfig({ env: {} });
    expect(cfg.platforms.map((p) => p.id).sort()).toEqual(['demo-mall', 'demo-mobile', 'demo-shop']);
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.platforms[0].search)).toBe(true);
    expect(cfg.schedules[0].cron).toBe('0 2 * * *');
  });

  it('applies environment overrides', () => {
    const cfg = loadConfig({ env: { DATABASE_URL: 'postgres://x@127.0.0.1/other', IPWATCH_API_PORT: '9999' } });
    expect(cfg.databaseUrl).toBe('postgres://x@127.0.0.1/other');
    expect(cfg.api.port).toBe(9999);
  });

  it('fills every section with its defaults from a minimal file', () => {
    const cfg = loadConfig({ rootDir: tmpProject(base), env: {} });
    expect(cfg.api.port).toBe(8600);
    expect(cfg.takedown.deadlineDays).toBe(7);
    expect(cfg.workers.attempts).toBe(4);
    expect(cfg.browser.executablePath).toBe('/usr/bin/chromium-headless-shell');
    expect(cfg.browser.offlineHostRules).toBe(false);
    expect(cfg.ocr.enabled).toBe(true);
    expect(cfg.platforms[0].limits.maxRedirects).toBeGreaterThan(0);
  });

  it('lists every bad key, naming it', () => {
    const dir = tmpProject({ ...base, redisUrl: 'http://nope', workers: { attempts: 0, bogus: 1 }, schedules: [{ name: 'n', cron: '99 * * *' }], colour: 'red' });
    const problems = problemsOf(() => loadConfig({ rootDir: dir, env: {} }));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^redisUrl: expected a redis:\/\/ URL/),
      expect.stringMatching(/^workers\.attempts: /),
      expect.stringMatching(/^workers: unknown key\(s\): bogus/),
      expect.stringMatching(/^schedules\[0\]\.cron: not a valid five-field cron/),
      expect.stringMatching(/^: unknown key\(s\): colour/),
    ]));
  });

  it('names the file and the key of a bad platform, and an unknown override', () => {
    const dir = tmpProject({ ...base, platformBaseUrls: { 'no-such': 'http://127.0.0.1:1' } }, {
      'good.json': JSON.parse(JSON.stringify(loadConfig({ env: {} }).platforms[0])),
      'bad.json': { id: 'Bad Id', name: 'x', fetchMode: 'ftp', baseUrl: 'not a url', search: {}, item: {} },
      'broken.json': '{ not json',
    });
    const problems = problemsOf(() => loadConfig({ rootDir: dir, env: {} }));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^bad\.json: id: /),
      expect.stringMatching(/^bad\.json: fetchMode: /),
      expect.stringMatching(/^bad\.json: baseUrl: /),
      expect.stringMatching(/^broken\.json: \(file\): invalid JSON/),
      expect.stringMatching(/^platformBaseUrls\.no-such: unknown platform/),
    ]));
  });

  it('names a removed key and where its meaning went, and still lists the file\'s other bad keys', () => {
    const good = JSON.parse(JSON.stringify(loadConfig({ env: {} }).platforms[0]));
    const dir = tmpProject(base, {
      'old.json': { ...good, item: { ...good.item, screenshot: true }, colour: 'red' },
      'new.json': { ...good, id: 'new-style', evidence: { screenshot: 'always' } },
    });
    const problems = problemsOf(() => loadConfig({ rootDir: dir, env: {} }));
    expect(problems).toEqual([
      expect.stringMatching(/^old\.json: item\.screenshot: removed: the one screenshot setting is evidence\.screenshot .*"always".*"suspect".*"never"/),
      'old.json: : unknown key(s): colour',
    ]);
    // The one setting, and its default: only flagged listings get a screenshot, drawn from the stored page.
    const fixed = tmpProject(base, { 'new.json': { ...good, id: 'new-style', evidence: { screenshot: 'always' } }, 'default.json': good });
    const loaded = loadConfig({ rootDir: fixed, env: {} }).platforms;
    expect(Object.fromEntries(loaded.map((p) => [p.id, p.evidence.screenshot]))).toEqual({ 'new-style': 'always', [good.id]: 'suspect' });
    expect('screenshot' in loaded[0].item).toBe(false);
  });

  it('rejects a config file that is not JSON, naming the file', () => {
    const dir = tmpProject('{ "databaseUrl": ');
    expect(() => loadConfig({ rootDir: dir, env: {} })).toThrow(/ipwatch\.json: .*invalid JSON/s);
  });
});

describe('secrets from files and database limits', () => {
  it('takes NAME_FILE as the content of that file, and names the variable when the file is missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ipwatch-secret-'));
    writeFileSync(path.join(dir, 'db'), 'postgres://ipwatch:s3cret@db.internal:5432/ipwatch\n');
    const cfg = loadConfig({ env: { DATABASE_URL: 'postgres://ignored@x/y', DATABASE_URL_FILE: path.join(dir, 'db') } });
    expect(cfg.databaseUrl).toBe('postgres://ipwatch:s3cret@db.internal:5432/ipwatch');
    expect(() => loadConfig({ env: { REDIS_URL_FILE: path.join(dir, 'nope') } })).toThrow(/REDIS_URL_FILE: cannot read the secret file: ENOENT/);
    writeFileSync(path.join(dir, 'pw'), 'correct horse\n');
    expect(readSecret('IPWATCH_ADMIN_PASSWORD', { IPWATCH_ADMIN_PASSWORD_FILE: path.join(dir, 'pw') })).toBe('correct horse');
  });

  it('reads the pool size and statement limits, with defaults, and refuses bad ones', () => {
    expect(loadConfig({ env: {} }).database).toEqual({ poolSize: 10, statementTimeoutMs: 300_000, lockTimeoutMs: 30_000, idleInTransactionTimeoutMs: 300_000 });
    expect(loadConfig({ env: {}, overrides: { database: { poolSize: 3, lockTimeoutMs: 0 } } }).database).toMatchObject({ poolSize: 3, lockTimeoutMs: 0 });
    expect(() => loadConfig({ env: {}, overrides: { database: { poolSize: 0, statementTimeout: 1 } } })).toThrow(/database.poolSize[\s\S]*unknown key\(s\): statementTimeout|unknown key\(s\): statementTimeout[\s\S]*database.poolSize/);
  });
});
