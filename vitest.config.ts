import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: browser tests and the end-to-end scan run better two at a time.
    maxWorkers: 2,
    env: { DOTENV_CONFIG_QUIET: 'true' },
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
