import { defineConfig } from '@playwright/test';

// `npx playwright install` cannot download browsers here: the system Chromium is used.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 30_000,
  workers: 2,
  retries: 0,
  reporter: 'list',
  // No webServer: each test starts its own recording server through the `server` fixture.
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
});
