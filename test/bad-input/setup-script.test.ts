/**
 * scripts/setup.sh decides from the configured URLs whether PostgreSQL and
 * Redis must be installed and started. Checked with --dry-run only: the
 * machine's own services are never touched.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function setup(env: Record<string, string>) {
  const r = spawnSync('bash', ['scripts/setup.sh', '--dry-run'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('setup.sh service detection (dry run)', () => {
  it('leaves reachable services alone', () => {
    const r = setup({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ipwatch', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('PostgreSQL answers at 127.0.0.1:5432');
    expect(r.out).toContain('Redis answers at 127.0.0.1:6379');
    expect(r.out).not.toMatch(/would run: .*(pg_ctlcluster|redis-server|postgresql)/);
  });

  it('installs and starts both when nothing answers at the configured ports', () => {
    const r = setup({ DATABASE_URL: 'postgres://postgres@127.0.0.1:59999/ipwatch', REDIS_URL: 'redis://:secret@localhost:59998/3', TEST_ADMIN_DATABASE_URL: 'postgres://postgres@127.0.0.1:59999/test' });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('no PostgreSQL at 127.0.0.1:59999');
    expect(r.out).toMatch(/would run: pg_ctlcluster .* main start/);
    expect(r.out).toContain('no Redis at localhost:59998');
    expect(r.out).toMatch(/would run: redis-server --bind 127.0.0.1 --port 59998 --daemonize yes/);
  });

  it('refuses to install for a service that is on another machine', () => {
    const r = setup({ DATABASE_URL: 'postgres://u:p@db.example.invalid:5432/ipwatch' });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/no PostgreSQL at db\.example\.invalid:5432, and it is not this machine/);
  });
});
