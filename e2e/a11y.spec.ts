import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, openReady, pasteCode, screenshot } from './helpers.ts';

// axe-core (WCAG 2.2 A/AA rules plus best practices) finds no violation in any state of the
// page: ready, running, waiting for input, paused with a proposal, the palette and the model
// manager, on a desktop (Monaco) and on a phone (390×844, touch: the light editor), in the
// light and the dark theme (the system's, as a newcomer gets it). The checks' dialogs (patch
// review, bug report) follow in one page, since they need the analysis worker's first check.
test.setTimeout(240_000);
const FIRST_CHECK_MS = 120_000;

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** Runs axe in both colour schemes; returns "state/scheme: rule (n nodes) …" for each violation. */
async function auditStates(page: Page, testInfo: TestInfo, state: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await screenshot(page, testInfo, `${state}-${scheme}`);
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      // Monaco's own DOM (its hidden textarea, minimap canvas) is the library's, audited upstream.
      .exclude('.monaco-editor .inputarea')
      .analyze();
    for (const v of result.violations) {
      found.push(
        `${state}/${scheme}: ${v.id} (${v.impact}) ${v.nodes.length}× ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
      );
    }
  }
  return found;
}

/** Puts a program in the editor: Monaco on a desktop, the light editor on a touch phone. */
async function setProgram(page: Page, code: string, phone: boolean): Promise<void> {
  if (phone) await page.getByTestId('code').fill(code);
  else await pasteCode(page, code);
}

async function statesOfARun(page: Page, testInfo: TestInfo, phone: boolean): Promise<string[]> {
  const found: string[] = [];
  const audit = (p: Page, info: TestInfo, state: string) => auditStates(p, info, `${phone ? 'phone' : 'desktop'}-${state}`);
  found.push(...(await audit(page, testInfo, 'ready')));
  // What a newcomer opens next: Settings, and on a phone the More menu.
  await page.getByTestId('settings').locator('summary').click();
  await expect(page.getByTestId('heal-engine')).toBeVisible();
  await page.getByTestId('settings').locator('summary').scrollIntoViewIfNeeded();
  found.push(...(await audit(page, testInfo, 'settings')));
  await page.getByTestId('settings').locator('summary').click();
  if (phone) {
    await page.getByTestId('more-menu').click();
    await expect(page.getByTestId('menu-share')).toBeVisible();
    found.push(...(await audit(page, testInfo, 'more-menu')));
    await page.getByTestId('more-menu').click();
  }

  await setProgram(page, 'import time\nwhile True:\n    time.sleep(0.05)\n', phone);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'running');
  found.push(...(await audit(page, testInfo, 'running')));
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'ready', { timeout: 30_000 });

  await setProgram(page, 'name = input("Your name? ")\nprint("Hello", name)\nprint(10 / 0)\nprint("done")\n', phone);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('input-line')).toBeVisible();
  found.push(...(await audit(page, testInfo, 'input')));
  await page.getByTestId('input-line').fill('Ada');
  await page.getByTestId('input-line').press('Enter');
  await expect(page.getByTestId('handling-code')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('state-diff')).toBeVisible();
  found.push(...(await audit(page, testInfo, 'paused')));
  await page.getByTestId('accept').click();
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'ready', { timeout: 30_000 });
  found.push(...(await audit(page, testInfo, 'healed')));

  await page.keyboard.press('F1');
  await expect(page.getByTestId('palette')).toBeVisible();
  found.push(...(await audit(page, testInfo, 'palette')));
  await page.keyboard.type('webllm model');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('model-manager')).toBeVisible();
  await expect(page.getByTestId('model-manager').getByTestId('cap-webgpu')).toHaveAttribute('data-ok', /true|false/, { timeout: 30_000 });
  found.push(...(await audit(page, testInfo, 'model-manager')));
  return found;
}

test('desktop 1366×768: no axe violation in any state, light and dark', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openReady(page);
  expect(await statesOfARun(page, testInfo, false)).toEqual([]);
});

test.describe('phone', () => {
  test.use(PHONE);
  test('phone 390×844: no axe violation in any state, light and dark', async ({ page }, testInfo) => {
    await openReady(page, '/', { editor: false });
    await expect(page.getByTestId('code')).toBeVisible();
    expect(await statesOfARun(page, testInfo, true)).toEqual([]);
  });
});

test('patch review and bug report dialogs: no axe violation, desktop and phone sizes, light and dark', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'isolated', 'the checks dialogs are the same in both configurations (and need a slow analysis worker)');
  await page.setViewportSize({ width: 1366, height: 768 });
  await openReady(page);
  await pasteCode(page, 'import yaml\n\n\ndef read_config(text):\n    return yaml.load(text, Loader=yaml.Loader)\n\n\nprint(read_config("a: 1"))\n');
  const audit = auditStates;
  const finding = page.locator('[data-testid="finding"][data-test-id="B506"]');
  await expect(finding).toHaveCount(1, { timeout: FIRST_CHECK_MS });
  const found: string[] = [];
  found.push(...(await audit(page, testInfo, 'desktop-findings')));

  await finding.getByTestId('bug-report').click();
  await expect(page.getByTestId('bug-report-busy')).toHaveCount(0, { timeout: 30_000 });
  found.push(...(await audit(page, testInfo, 'desktop-bug-report')));
  await page.setViewportSize(PHONE.viewport);
  found.push(...(await audit(page, testInfo, 'phone-bug-report')));
  await page.getByTestId('bug-report-dialog').locator('.actions button', { hasText: 'Close' }).click();

  await page.setViewportSize({ width: 1366, height: 768 });
  await finding.getByTestId('patch-finding').click();
  const review = page.getByTestId('patch-review');
  await expect(review.locator('[data-testid="patch-candidate"][data-acceptable="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('patch-busy')).toHaveCount(0);
  found.push(...(await audit(page, testInfo, 'desktop-patch-review')));
  await page.setViewportSize(PHONE.viewport);
  found.push(...(await audit(page, testInfo, 'phone-patch-review')));
  expect(found).toEqual([]);
});
