import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import the TypeScript sources directly; only CLI and server tests spawn the built binaries.
    alias: {
      '@plan-lint/core': r('./packages/core/src/index.ts'),
      '@plan-lint/rules': r('./rules/index.ts'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
