import { defineConfig, devices } from '@playwright/test';
import { defaultPlaces, findChromium } from './scripts/chromium';

const port = Number(process.env.E2E_PORT ?? 3210);
// Playwright's own Chromium, else the system's, else the npm package's (scripts/chromium.ts).
const chromium = await findChromium(process.env.E2E_CHROMIUM, await defaultPlaces());

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium.executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // A production build (npm run test:e2e builds first) on a fresh, seeded database.
    command: 'node --import tsx e2e/support/serve.ts',
    url: `http://127.0.0.1:${port}/`,
    env: { E2E_PORT: String(port) },
    timeout: 180_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    stdout: 'pipe',
  },
});
