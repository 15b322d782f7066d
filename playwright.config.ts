import { defineConfig } from '@playwright/test';

// Playwright's own browser download does not work here: use the system Chromium.
const chromiumPath = process.env.HEAL_CHROMIUM ?? '/usr/bin/chromium';
const isolatedPort = Number(process.env.HEAL_E2E_PORT ?? 5173);
const nonIsolatedPort = isolatedPort + 1;
const preview = (port: number) => `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }], ['json', { outputFile: 'reports/e2e.json' }]] : 'list',
  use: {
    headless: true,
    trace: 'retain-on-failure',
    // The app's service worker (offline cache, isolation shim) would change what other
    // specs test (e.g. make the non-isolated server isolated); e2e/offline.spec.ts allows it.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'isolated', use: { browserName: 'chromium', baseURL: `http://127.0.0.1:${isolatedPort}` } },
    { name: 'non-isolated', use: { browserName: 'chromium', baseURL: `http://127.0.0.1:${nonIsolatedPort}` } },
    // The WebLLM specs in Chromium with WebGPU (headless: the SwiftShader adapter, no shader-f16).
    {
      name: 'webgpu',
      testMatch: /webllm-webgpu\.spec\.ts/,
      use: {
        browserName: 'chromium',
        baseURL: `http://127.0.0.1:${isolatedPort}`,
        launchOptions: {
          executablePath: chromiumPath,
          args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'],
        },
      },
    },
  ],
  // Web servers start one after another, in this order: the first one builds dist/
  // (prepare:pyodide + vite build) unless HEAL_E2E_NO_BUILD=1, the second reuses it.
  webServer: [
    {
      command: process.env.HEAL_E2E_NO_BUILD === '1' ? preview(isolatedPort) : `npm run build && ${preview(isolatedPort)}`,
      url: `http://127.0.0.1:${isolatedPort}/`,
      env: { HEAL_NO_ISOLATION: '0' },
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      stdout: 'pipe',
    },
    {
      command: preview(nonIsolatedPort),
      url: `http://127.0.0.1:${nonIsolatedPort}/`,
      env: { HEAL_NO_ISOLATION: '1' },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
