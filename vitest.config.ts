import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          // Browser end-to-end tests run in their own project (see tests/e2e/README.md): a real Chromium.
          exclude: ['tests/e2e/**', 'node_modules/**'],
          environment: 'node',
          setupFiles: ['tests/support/setup-matchers.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // Builds the client and starts the real server once; says so when there is no Chromium.
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          // One server, one browser at a time: files in parallel would only fight over two cores.
          fileParallelism: false,
          // After the unit project, so that its timing-sensitive tests do not share the CPU with Chromium.
          sequence: { groupOrder: 1 },
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // A page waits on the server and on chart code: give polled assertions time on a busy machine.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
