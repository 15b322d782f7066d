import { test, expect, editorText, openReady, pasteCode, screenshot } from './helpers.ts';

// The page a person uses: editor, shortcuts, test case, syntax markers, permalinks, autosave.
// These do not depend on isolation; they run in the isolated configuration only.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'UI behaviour is the same in both configurations'));
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('paste a program, Ctrl+Enter runs it, output appears', async ({ page }, testInfo) => {
  await openReady(page);
  await pasteCode(page, 'for i in range(3):\n    print("line", i)\n');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('console')).toHaveText('line 0\nline 1\nline 2\n');
  await screenshot(page, testInfo, 'finished');
});

test('stdin and expected output give CORRECT; a wrong output shows the comparison', async ({ page }, testInfo) => {
  await openReady(page);
  await pasteCode(page, 'n = int(input())\nprint(n * 2)\nprint("done")\n');
  await page.getByTestId('stdin').fill('21\n');
  await page.getByTestId('expected-output').fill('42\ndone\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('badge-proceed')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('comparison')).toHaveCount(0);
  await page.getByTestId('stdin').fill('20\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('badge-proceed')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('comparison')).toContainText('40');
  await screenshot(page, testInfo, 'incorrect-comparison');
});

test('a syntax error shows an editor marker as you type', async ({ page }, testInfo) => {
  await openReady(page);
  await pasteCode(page, 'x = 1\nif x\n    print(x)\n');
  const squiggle = page.locator('.monaco-editor .squiggly-error');
  await expect(squiggle.first()).toBeVisible({ timeout: 10_000 });
  await screenshot(page, testInfo, 'syntax-marker');
  await pasteCode(page, 'x = 1\nif x:\n    print(x)\n');
  await expect(squiggle).toHaveCount(0, { timeout: 10_000 });
});

test('Share → open the link in a new page → same code and test case, not run', async ({ page, context }) => {
  await openReady(page);
  const code = 'print("shared!")\n';
  await pasteCode(page, code);
  await page.getByTestId('stdin').fill('some input\n');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('notice-info').first()).toContainText('Link');
  const url = page.url();
  expect(url).toMatch(/#v1\./);
  const other = await context.newPage();
  await openReady(other, url.replace(/^https?:\/\/[^/]+/, ''));
  expect(await editorText(other)).toBe(code);
  await expect(other.getByTestId('stdin')).toHaveValue('some input\n');
  await expect(other.getByTestId('notice-info').first()).toContainText('has not been run');
  await expect(other.getByTestId('console')).toHaveText('');
  await expect(other.getByTestId('last-status')).toHaveCount(0);
});

test('a malformed link shows a message and loses nothing', async ({ page }, testInfo) => {
  await openReady(page);
  const code = 'print("my work")\n';
  await pasteCode(page, code);
  await page.waitForTimeout(800); // autosave interval
  await page.goto('/#v1.this-is-not-a-valid-link');
  await expect(page.getByTestId('notice-error')).toContainText('untouched');
  await expect(page.locator('[data-editor-ready="true"]')).toBeVisible({ timeout: 30_000 });
  expect(await editorText(page)).toBe(code);
  await page.goto('/#v9.abc'); // same document: a hashchange
  await expect(page.getByTestId('notice-error').filter({ hasText: 'newer version' })).toBeVisible();
  expect(await editorText(page)).toBe(code);
  await screenshot(page, testInfo, 'malformed-link');
});

test('reload keeps the code (autosave)', async ({ page }) => {
  await openReady(page);
  const code = '# kept across reloads\nprint(1)\n';
  await pasteCode(page, code);
  await page.waitForTimeout(800);
  await page.reload();
  await expect(page.locator('[data-editor-ready="true"]')).toBeVisible({ timeout: 30_000 });
  expect(await editorText(page)).toBe(code);
});

test('the command palette runs commands from the keyboard; Esc leaves the editor', async ({ page }) => {
  await openReady(page);
  await pasteCode(page, 'print("via palette")\n');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.monaco-editor') === null)).toBe(true);
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.type('run');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('console')).toHaveText('via palette\n');
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('clear');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('console')).toHaveText('');
});

test('examples menu, theme toggle and narrow layout', async ({ page }, testInfo) => {
  await openReady(page);
  await page.getByTestId('examples').selectOption('input-demo');
  await expect.poll(() => editorText(page)).toContain('input(');
  await expect(page.getByTestId('stdin')).not.toHaveValue('');
  await page.getByTestId('toggle-theme').click(); // system → light
  await page.getByTestId('toggle-theme').click(); // light → dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.setViewportSize({ width: 420, height: 900 });
  await page.getByTestId('run').click();
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'true');
  await screenshot(page, testInfo, 'narrow-dark');
});
