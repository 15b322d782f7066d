import type { Page } from '@playwright/test';
import { test, expect, editorText, openReady, pasteCode, screenshot } from './helpers.ts';
import { LINK_TRUST_PROGRAM, LINK_TRUST_SETTINGS } from '../test/attacks.ts';
import { encodePermalink } from '../web/state/permalink.ts';
import type { LinkSettings } from '../web/state/link-settings.ts';

// The user's work and settings against links and a second tab: a link changes no setting
// (it lists the ones it suggests), replaced work stays restorable ("Restore earlier
// code…"), and a tab warns before it overwrites another tab's newer save.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'UI behaviour is the same in both configurations'));

const WORKSPACE_KEY = 'heal-playground:workspace:v1';
const HISTORY_KEY = 'heal-playground:history:v1';

const link = (code: string, settings?: LinkSettings) => `/${encodePermalink({ code, stdin: '', expectedOutput: null, settings })}`;

/** The saved workspace (autosave) as this page's storage holds it. */
const saved = (page: Page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), WORKSPACE_KEY);
const savedCode = async (page: Page) => (await saved(page))?.code as string | undefined;
const historyCodes = (page: Page) =>
  page.evaluate((key) => (JSON.parse(localStorage.getItem(key) ?? '[]') as { code: string }[]).map((e) => e.code), HISTORY_KEY);

/**
 * Uncaught page errors, to fail the test on. One known error is left out: with service
 * workers blocked (playwright.config.ts) web/offline/register.ts reads `waiting` of an
 * undefined registration — not this spec's subject.
 */
function watchErrors(...pages: Page[]): string[] {
  const errors: string[] = [];
  for (const page of pages) {
    page.on('pageerror', (error) => {
      if (!error.message.includes("reading 'waiting'")) errors.push(error.message);
    });
  }
  return errors;
}

test('a link with trust-lowering settings changes no setting; its notice lists them, with a button to use them', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await openReady(page);
  await pasteCode(page, 'print("my own work")\n');
  await expect.poll(() => savedCode(page)).toBe('print("my own work")\n');

  await page.goto(link(LINK_TRUST_PROGRAM, LINK_TRUST_SETTINGS));
  await expect.poll(() => editorText(page)).toBe(LINK_TRUST_PROGRAM);
  const notice = page.getByTestId('notice-info').filter({ hasText: 'Opened a shared program' });
  await expect(notice).toContainText('has not been run');
  await expect(notice).toContainText('yours are unchanged');
  const details = notice.getByTestId('notice-details');
  for (const line of [
    'auto-accept: on (yours: off)',
    'time limit: none (yours: 30 s)',
    'heal engine: chat endpoint http://localhost:1234/v1, model attacker-model (yours: rules)',
    'security check: off (yours: on)',
    'DNN check: off (yours: on)',
  ])
    await expect(details).toContainText(line);
  await expect(details).not.toContainText('theme');

  // The settings panel and the saved settings are exactly as before.
  await expect(page.getByTestId('auto-accept')).not.toBeChecked();
  await expect(page.getByTestId('heal-engine')).toHaveValue('rules');
  await expect(page.getByTestId('time-limit')).toHaveValue('30');
  await expect(page.getByTestId('checks-tab-security')).toBeVisible();
  await expect(page.getByText('The security check is off')).toHaveCount(0);
  await expect.poll(() => savedCode(page)).toBe(LINK_TRUST_PROGRAM);
  expect((await saved(page)).settings).toMatchObject({
    autoAccept: false,
    timeLimitMs: 30_000,
    healEngine: 'rules',
    securityCheck: true,
    dnnCheck: true,
    theme: 'system',
  });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await screenshot(page, testInfo, 'link-settings-notice-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(page, testInfo, 'link-settings-notice-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Only the explicit button applies them, exactly as listed, with Undo.
  await notice.getByRole('button', { name: "Use the link's settings" }).click();
  await expect(page.getByTestId('auto-accept')).toBeChecked();
  await expect(page.getByTestId('time-limit')).toHaveValue('0');
  await expect(page.getByTestId('heal-engine')).toHaveValue('endpoint');
  await expect(page.getByTestId('endpoint-url')).toHaveValue('http://localhost:1234/v1');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light'); // the theme never comes from a link
  await expect(notice.getByTestId('notice-details')).toHaveCount(0);
  await expect(notice.getByRole('button', { name: 'Restore my previous code' })).toBeVisible();
  await page.getByTestId('notice-info').filter({ hasText: "Using the link's settings" }).getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('auto-accept')).not.toBeChecked();
  await expect(page.getByTestId('time-limit')).toHaveValue('30');
  await expect(page.getByTestId('heal-engine')).toHaveValue('rules');
  expect(errors).toEqual([]);
});

test('two links in a row, Run and a reload: "Restore earlier code…" brings back the original program', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await openReady(page);
  const original = '# my original work\nprint("original")\n';
  await pasteCode(page, original);
  await page.getByTestId('stdin').fill('my input\n');
  await expect.poll(() => saved(page)).toMatchObject({ code: original, stdin: 'my input\n' });

  await page.goto(link('print("first link")\n'));
  await expect.poll(() => editorText(page)).toBe('print("first link")\n');
  await page.goto(link('print("second link")\n'));
  await expect.poll(() => editorText(page)).toBe('print("second link")\n');
  // Each link has its own notice and its own way back; the second did not replace the first.
  await expect(page.getByRole('button', { name: 'Restore my previous code' })).toHaveCount(2);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toHaveText('second link\n');
  await expect(page.getByRole('button', { name: 'Restore my previous code' })).toHaveCount(2); // Run keeps them
  await expect(page.getByTestId('notice-info').filter({ hasText: 'has not been run' })).toHaveCount(0);
  await expect.poll(() => historyCodes(page)).toEqual(['print("first link")\n', original]);

  await page.reload();
  await expect(page.locator('[data-editor-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('restore earlier');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('history-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('history-entry')).toHaveCount(2);
  await expect(dialog.getByTestId('history-entry').first()).toContainText('print("first link")');
  await expect(dialog.getByTestId('history-entry').nth(1)).toContainText('# my original work ⏎ print("original")');
  await expect(dialog.getByTestId('history-entry').nth(1)).toContainText('replaced by an opened link · with test case');
  await screenshot(page, testInfo, 'restore-dialog-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'restore-dialog-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await dialog.getByTestId('history-entry').nth(1).getByTestId('history-restore').click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => editorText(page)).toBe(original);
  await expect(page.getByTestId('stdin')).toHaveValue('my input\n');
  await expect.poll(() => savedCode(page)).toBe(original);
  // Restoring is undoable: the replaced program went into the history first.
  await expect.poll(() => historyCodes(page)).toEqual(['print("second link")\n', 'print("first link")\n', original]);
  await page.getByTestId('notice-info').filter({ hasText: 'Restored earlier code' }).getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => editorText(page)).toBe('print("second link")\n');
  expect(errors).toEqual([]);
});

test('two tabs: after an edit in tab A, tab B warns and holds its save until the user chooses', async ({ context }, testInfo) => {
  const a = await context.newPage();
  const b = await context.newPage();
  const errors = watchErrors(a, b);
  await openReady(a);
  await pasteCode(a, 'print("start")\n');
  await expect.poll(() => savedCode(a)).toBe('print("start")\n');
  await openReady(b);
  expect(await editorText(b)).toBe('print("start")\n');

  await a.bringToFront();
  await pasteCode(a, 'print("edited in A")\n');
  await expect.poll(() => savedCode(a)).toBe('print("edited in A")\n');

  const warning = b.getByTestId('notice-warning').filter({ hasText: 'changed in another tab' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('print("edited in A")');
  await b.bringToFront();
  await warning.getByRole('button', { name: 'Dismiss' }).click(); // closed without choosing…
  await expect(warning).toHaveCount(0);
  await pasteCode(b, 'print("edited in B")\n');
  await expect(warning).toBeVisible(); // …the choice comes back with the next edit
  await b.waitForTimeout(1500); // three autosave intervals: B must not write
  expect(await savedCode(b)).toBe('print("edited in A")\n');
  await screenshot(b, testInfo, 'tab-conflict');

  await warning.getByRole('button', { name: "Keep this tab's version (overwrite)" }).click();
  await expect.poll(() => savedCode(b)).toBe('print("edited in B")\n');
  expect(await historyCodes(b)).toContain('print("edited in A")\n'); // the overwritten version is kept

  // Now A is the tab with an older version: it warns in turn, and can take B's.
  await a.bringToFront();
  const inA = a.getByTestId('notice-warning').filter({ hasText: 'changed in another tab' });
  await expect(inA).toBeVisible();
  await inA.getByRole('button', { name: "Load the other tab's version" }).click();
  await expect.poll(() => editorText(a)).toBe('print("edited in B")\n');
  await expect(inA).toHaveCount(0);
  await pasteCode(a, 'print("A goes on")\n');
  await expect.poll(() => savedCode(a)).toBe('print("A goes on")\n');
  expect(errors).toEqual([]);
});
