import { defineConfig } from 'vitest/config';

// The core has no DOM: Node 20 provides crypto, URL, TextEncoder, performance and fetch's Response.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
  },
});
