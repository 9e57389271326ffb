import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': import.meta.dirname,
      // Route handlers are called directly in tests, outside Next (lib/api/testing).
      'server-only': path.join(import.meta.dirname, 'lib/api/testing/server-only-stub.ts'),
    },
  },
  test: {
    include: ['{lib,db,workers,scripts,components,app}/**/*.test.ts'],
    globalSetup: ['db/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { AUTH_SECRET: 'test-secret-test-secret-test-secret-0123456789' },
  },
});
