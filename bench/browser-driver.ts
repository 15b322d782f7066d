// Benchmark pages of the built site in headless Chromium behind `vite preview`: a page of the
// app itself (withPreviewPage), or a bench/browser/*.html page that puts its figures in
// window.__benchResult (runBenchPage).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.HEAL_CHROMIUM ?? '/usr/bin/chromium';
const PORT = Number(process.env.BENCH_PORT ?? 5190);

declare global {
  interface Window {
    __benchResult?: unknown;
    __benchError?: string;
  }
}

export interface PreviewOptions {
  port?: number;
  /** A script run in the page before any of its own (e.g. a PerformanceObserver). */
  initScript?: string;
}

export async function withPreviewPage<T>(path: string, use: (page: Page) => Promise<T>, options: PreviewOptions = {}): Promise<T> {
  const port = options.port ?? PORT;
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    if (options.initScript) await page.addInitScript(options.initScript);
    for (let attempt = 0; ; attempt++) {
      try {
        await page.goto(`http://127.0.0.1:${port}${path}`);
        break;
      } catch (error) {
        if (attempt > 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250)); // preview server starting
      }
    }
    return await use(page);
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid!);
    } catch {
      /* already gone */
    }
  }
}

export function runBenchPage<T>(path: string, port = PORT, timeoutMs = 600_000): Promise<T> {
  return withPreviewPage(
    path,
    async (page) => {
      await page.waitForFunction(() => window.__benchResult !== undefined || window.__benchError !== undefined, null, { timeout: timeoutMs });
      const error = await page.evaluate(() => window.__benchError);
      if (error) throw new Error(`browser benchmark failed: ${error}`);
      return (await page.evaluate(() => window.__benchResult)) as T;
    },
    { port },
  );
}

/** Replaces the editor's program the way a person pastes (the editor must have focus). */
export async function pasteProgram(page: Page, code: string): Promise<void> {
  await page.locator('.code-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  // A string, not a function: tsx would add helpers (__name) the page does not have.
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(code)});
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}
