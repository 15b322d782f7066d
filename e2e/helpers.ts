import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';

/**
 * The e2e `test`: any uncaught error in any page of the test's browser context fails the
 * test (an e2e test that passes while the page throws hides a bug). Specs import this
 * `test` instead of Playwright's; `allowPageErrors` lists messages a spec expects.
 */
export const test = base.extend<{ allowPageErrors: RegExp[] }>({
  allowPageErrors: [[], { option: true }],
  context: async ({ context, allowPageErrors }, use) => {
    const errors: string[] = [];
    const watch = (page: Page) =>
      page.on('pageerror', (error) => {
        if (!allowPageErrors.some((allowed) => allowed.test(error.message))) errors.push(`${page.url()}: ${error.message}`);
      });
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(context);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});
export { expect };

/** Opens the app and waits until Python is ready (and Monaco, unless told not to). */
export async function openReady(page: Page, path = '/', { editor = true } = {}): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'ready', { timeout: 45_000 });
  if (editor) await expect(page.locator('[data-editor-ready="true"]')).toBeVisible({ timeout: 30_000 });
}

/** Replaces the program the way a person does: select all in the editor and paste. */
export async function pasteCode(page: Page, code: string): Promise<void> {
  await page.locator('.code-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  // Headless Chromium has no system clipboard to paste from: deliver the paste event
  // to whatever Monaco focused (a textarea, or an EditContext element).
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, code);
  await expect.poll(() => editorText(page)).toBe(code);
}

/** The editor's current text (Monaco renders only visible lines, so ask the component). */
export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const host = document.querySelector('.code-editor') as (HTMLElement & { healEditorValue?: () => string }) | null;
    return host?.healEditorValue?.() ?? '';
  });
}

export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot();
  await testInfo.attach(name, { body, contentType: 'image/png' });
  // HEAL_SHOTS=dir keeps every screenshot for a person to look at after the run.
  const dir = process.env.HEAL_SHOTS;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${testInfo.project.name}-${name}.png`.replace(/[^\w.-]+/g, '_')), body);
  }
}
