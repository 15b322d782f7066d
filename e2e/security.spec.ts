// The security check in the real page: findings of our Bandit-compatible check appear in
// the checks tab as the program is edited (analysis worker, debounced), with Bandit's
// test ids and lines, and a program that does not parse says so instead of failing.
import { test, expect, openReady, pasteCode } from './helpers.ts';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name === 'non-isolated', 'the checks UI is the same in both configurations'));

test('security findings follow the edited program', async ({ page }) => {
  test.setTimeout(120_000); // three Pyodides start on a cold page
  await openReady(page);
  await page.getByTestId('checks-tab-security').click();
  await pasteCode(page, 'import subprocess\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n');
  const panel = page.getByTestId('findings-panel');
  await expect(panel.locator('[data-testid="finding"][data-test-id="B602"]')).toHaveAttribute('data-line', '4', { timeout: 45_000 });
  await expect(panel.locator('[data-testid="finding"][data-test-id="B404"]')).toHaveAttribute('data-line', '1');

  await pasteCode(page, 'import subprocess  # nosec\nprint("safe")\n');
  await expect(panel.getByTestId('findings-empty')).toBeVisible({ timeout: 30_000 });

  await pasteCode(page, 'def broken(:\n    pass\n');
  await expect(panel.getByTestId('findings-error')).toContainText('syntax error', { timeout: 30_000 });
});
