// Runs a benchmark page of the built site (bench/browser/*.html) in headless Chromium behind
// `vite preview` and returns what the page put in window.__benchResult.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.HEAL_CHROMIUM ?? '/usr/bin/chromium';

declare global {
  interface Window { __benchResult?: unknown; __benchError?: string }
}

export async function runBenchPage<T>(path: string, port = Number(process.env.BENCH_PORT ?? 5190), timeoutMs = 600_000): Promise<T> {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root, stdio: 'ignore', detached: true,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const url = `http://127.0.0.1:${port}${path}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await page.goto(url);
        break;
      } catch (error) {
        if (attempt > 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250)); // preview server starting
      }
    }
    await page.waitForFunction(() => window.__benchResult !== undefined || window.__benchError !== undefined, null, { timeout: timeoutMs });
    const error = await page.evaluate(() => window.__benchError);
    if (error) throw new Error(`browser benchmark failed: ${error}`);
    return (await page.evaluate(() => window.__benchResult)) as T;
  } finally {
    await browser.close();
    try { process.kill(-server.pid!); } catch { /* already gone */ }
  }
}
