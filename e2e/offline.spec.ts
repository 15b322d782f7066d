import { expect, test, type Page } from '@playwright/test';
import { openReady, pasteCode } from './helpers.ts';

// Offline after one visit (service worker precache), the cross-origin isolation shim
// (on the non-isolated server the page becomes isolated through the worker), and the
// Content Security Policy (header + meta, no violation during a heal session).
// Other specs block service workers (playwright.config.ts); this one needs them.
test.use({ serviceWorkers: 'allow' });
// On the non-isolated server the shim must do the isolating, and afterwards the page is
// exactly as isolated as on the isolated server: one project covers both (and saves a minute).
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'non-isolated', 'covered by the non-isolated project'));

async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('__healCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __healCspViolation(t: string): void }).__healCspViolation(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
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

test('CSP present and respected; works offline after one visit; the shim isolates the page', async ({ page, context }) => {
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
