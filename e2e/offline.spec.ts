import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PRECACHE_TAMPER_MARKER, tamperPrecache, tamperPrecacheProgram, tamperedIndexHtml, tamperedScript, workerEvalProgram } from '../test/attacks.ts';
import { test, expect, openReady, pasteCode } from './helpers.ts';
import { plainStaticServer } from './static-server.ts';

// Offline after one visit (service worker precache), the cross-origin isolation shim
// (on the non-isolated server the page becomes isolated through the worker), and the
// Content Security Policy (header + meta, no violation during a heal session). On a plain
// static host (e2e/static-server.ts): the policy headers the service worker adds, framing
// refused, and a tampered precache never served (payloads: test/attacks.ts).
// Other specs block service workers (playwright.config.ts); this one needs them.
test.use({ serviceWorkers: 'allow' });

async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('__healCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __healCspViolation(t: string): void }).__healCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return violations;
}

/** Survives the one-time reload of the isolation shim (the execution context is replaced). */
async function pageState(page: Page) {
  try {
    return await page.evaluate(() => ({ isolated: crossOriginIsolated, controlled: navigator.serviceWorker.controller !== null }));
  } catch {
    return { isolated: false, controlled: false };
  }
}

test('CSP present and respected; works offline after one visit; the shim isolates the page', async ({ page, context }, testInfo) => {
  // On the non-isolated server the shim must do the isolating, and afterwards the page is
  // exactly as isolated as on the isolated server: one project covers both (and saves a minute).
  test.skip(testInfo.project.name !== 'non-isolated', 'covered by the non-isolated project');
  test.setTimeout(240_000); // three Pyodide workers start twice (online, then offline)
  const violations = await watchCsp(page);
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);

  // The worker installs (precache), takes control; without COOP/COEP headers from the
  // server the shim reloads the page once and it comes back isolated.
  await expect.poll(() => pageState(page), { timeout: 60_000 }).toEqual({ isolated: true, controlled: true });
  expect((await page.request.get('/')).headers()['cross-origin-embedder-policy']).toBeUndefined(); // the server really sends none
  await openReady(page, page.url().replace(/^https?:\/\/[^/]+/, ''));

  // A heal session online, watching for CSP violations (page and workers).
  await pasteCode(page, 'values = [3, 1, 2]\ntotal = sum(valeus)\nprint(total)\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('handling-code')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('state-diff')).toContainText('total', { timeout: 60_000 });
  await page.getByTestId('accept').click();
  await expect(page.getByTestId('console')).toHaveText('6\n');

  // Offline: reload, Python starts from the cache and runs.
  await context.setOffline(true);
  try {
    await openReady(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await pasteCode(page, 'import sys\nprint(6 * 7, sys.version_info[:2])\n');
    await page.getByTestId('run').click();
    await expect(page.getByTestId('console')).toHaveText('42 (3, 14)\n');
  } finally {
    await context.setOffline(false);
  }
  expect(violations).toEqual([]);
  // The watch itself works: a fetch to a host outside connect-src is reported.
  await page.evaluate(() => fetch('https://example.com/').catch(() => null));
  await expect.poll(() => violations.join('\n')).toContain('connect-src');
});

function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** First visit on a host without headers: the worker installs and takes over, the shim makes the page isolated. */
async function firstVisit(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/`);
  await expect.poll(() => pageState(page), { timeout: 90_000 }).toEqual({ isolated: true, controlled: true });
}

/** What the precache holds for a path (read the way any same-origin code can). */
function cachedText(page: Page, path: string): Promise<string | null> {
  return page.evaluate(async (p) => {
    for (const name of await caches.keys()) {
      if (!name.startsWith('heal-precache-')) continue;
      const hit = await (await caches.open(name)).match(new URL(p, location.origin).href);
      if (hit) return hit.text();
    }
    return null;
  }, path);
}

test.describe('static host without headers', () => {
  // These start their own servers: the project's (vite preview) does not matter, one project runs them.
  test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'covered by the isolated project'));
  test.describe.configure({ timeout: 240_000 });

  test('the service worker adds the CSP with frame-ancestors on documents and worker scripts; another origin cannot frame the app', async ({ page }) => {
    const app = await plainStaticServer({ '/framed.html': '<!doctype html><title>same origin</title><iframe src="/" width="800" height="600"></iframe>' });
    const errors = watchPageErrors(page);
    try {
      const framer = `<!doctype html><title>other origin</title><iframe src="${app.origin}/" width="800" height="600"></iframe>`;
      const other = await plainStaticServer({ '/framer.html': framer });
      try {
        // The host really sends no policy at all.
        const plain = await page.request.get(`${app.origin}/`);
        expect(plain.headers()['content-security-policy']).toBeUndefined();
        expect(plain.headers()['cross-origin-embedder-policy']).toBeUndefined();

        await firstVisit(page, app.origin);
        const document = await page.reload();
        expect(document?.fromServiceWorker()).toBe(true);
        const headers = document!.headers();
        expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
        expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
        expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
        expect(headers['x-content-type-options']).toBe('nosniff');

        // Worker scripts: the program's worker runs under the policy (the host sends none for it).
        await openReady(page, `${app.origin}/`);
        const workerScript = await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((e) => e.name)
            .find((n) => /\/assets\/runner\.worker-[^/]*\.js$/.test(n)),
        );
        expect(workerScript, 'the runner worker script was loaded').toBeTruthy();
        expect((await page.request.get(workerScript!)).headers()['content-security-policy']).toBeUndefined();
        await pasteCode(page, workerEvalProgram);
        await page.getByTestId('run').click();
        await expect(page.getByTestId('console')).toHaveText('eval refused: True\n', { timeout: 60_000 });

        // Framed by the same origin: allowed (frame-ancestors 'self').
        await page.goto(`${app.origin}/framed.html`);
        await expect(page.frameLocator('iframe').locator('#root')).not.toBeEmpty({ timeout: 60_000 });

        // Framed by another origin (another port: same site, so the same worker serves the
        // frame): refused by the header, the app never appears in the frame.
        const refusals: string[] = [];
        page.on('console', (m) => {
          if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
        });
        await page.goto(`${other.origin}/framer.html`);
        await expect.poll(() => refusals.join('\n'), { timeout: 30_000 }).toContain("frame-ancestors 'self'");
        const frame = page.frames().find((f) => f !== page.mainFrame());
        expect(await frame?.locator('#root').count()).toBe(0);

        // Framed by another site: Chromium partitions storage by top-level site, so this
        // frame is a fresh visit that no service worker serves (no header). The page
        // itself refuses to start there: nothing to clickjack, no Python.
        await page.goto(`${other.origin.replace('127.0.0.1', 'localhost')}/framer.html`);
        const crossSite = page.frameLocator('iframe');
        await expect(crossSite.getByTestId('framed-notice')).toBeVisible({ timeout: 30_000 });
        await expect(crossSite.getByTestId('run')).toHaveCount(0);
        const crossSiteFrame = page.frames().find((f) => f !== page.mainFrame())!;
        expect(await crossSiteFrame.evaluate(() => navigator.serviceWorker.controller === null)).toBe(true);
        expect(
          await crossSiteFrame.evaluate(() =>
            performance
              .getEntriesByType('resource')
              .map((e) => e.name)
              .filter((n) => /worker/.test(n)),
          ),
        ).toEqual([]);
      } finally {
        await other.close();
      }
    } finally {
      await app.close();
    }
    expect(errors).toEqual([]);
  });

  test('a tampered precache is never served: verified on every serve, deleted, refetched and cached again', async ({ page, context }) => {
    const app = await plainStaticServer();
    const errors = watchPageErrors(page);
    try {
      await firstVisit(page, app.origin);
      await openReady(page, `${app.origin}/`);
      const chunk = new URL(await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"][src]')!.src)).pathname;
      const good: Record<string, string> = { '/': readFileSync('dist/index.html', 'utf8'), [chunk]: readFileSync(join('dist', chunk), 'utf8') };
      const markerGlobal = PRECACHE_TAMPER_MARKER.replaceAll('-', '_');

      // The attack lands. A stranger's program, one click on Run, overwrites the cached app
      // shell from the Python worker; page-level code overwrites the app's main chunk.
      await pasteCode(page, tamperPrecacheProgram);
      await page.getByTestId('run').click();
      await expect(page.getByTestId('console')).toHaveText('tampered caches: 1\n', { timeout: 60_000 });
      expect(await page.evaluate(tamperPrecache, [{ path: chunk, body: tamperedScript, headers: { 'Content-Type': 'text/javascript' } }])).toHaveLength(1);
      expect(await cachedText(page, '/')).toBe(tamperedIndexHtml);
      expect(await cachedText(page, chunk)).toBe(tamperedScript);

      // Offline the tampered shell is the only copy there is: refused, not shown.
      await context.setOffline(true);
      try {
        const refused = await page.reload();
        expect(refused?.status()).toBe(503);
        expect(await page.content()).not.toContain(PRECACHE_TAMPER_MARKER);
      } finally {
        await context.setOffline(false);
      }
      expect(await cachedText(page, '/')).toBeNull(); // deleted, the network was not there to repair it

      // Online: the chunk comes from the cache, fails its check, and the good copy is served
      // and cached again; the navigation checks the shell and caches it again as well.
      await openReady(page, `${app.origin}/`);
      expect(await page.title()).not.toContain(PRECACHE_TAMPER_MARKER);
      expect(await page.evaluate((name) => name in globalThis, markerGlobal)).toBe(false);
      await expect.poll(() => cachedText(page, chunk)).toBe(good[chunk]);
      await expect.poll(() => cachedText(page, '/')).toBe(good['/']);

      // And the repaired cache works offline again.
      await context.setOffline(true);
      try {
        await openReady(page, `${app.origin}/`);
        expect(await page.evaluate((name) => name in globalThis, markerGlobal)).toBe(false);
      } finally {
        await context.setOffline(false);
      }
    } finally {
      await app.close();
    }
    expect(errors).toEqual([]);
  });
});
