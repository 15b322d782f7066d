// Heal fidelity in the real page: a healed statement behaves like a statement of the program
// (its output is the program's, marked in the console), CORRECT follows the comparison rule
// people expect, and the screen follows the code (replay ends on edit, edit while paused,
// stale results), and Patch… is offered only where a candidate can come out.
import { test, expect, openReady, pasteCode, screenshot } from './helpers.ts';
import { COMPLEMENT, COMPLEMENT_EXPECTED } from '../test/fixtures.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'the same in both configurations'));

const TOTAL = 'prices = {"pears": 2.25, "apples": 4.5}\nprint(1)\ntotal_price = sum(prices.values())\nprint(f"Total: {totl_price:.2f}")\nprint("end")\n';

test("a NameError in print heals with CPython's suggestion and the healed line is printed, marked as the heal's", async ({ page }, testInfo) => {
  await openReady(page);
  await pasteCode(page, TOTAL);
  await page.getByTestId('expected-output').fill('1\nTotal: 6.75\nend'); // typed without its final newline
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pause-error')).toHaveText('NameError');
  await expect(page.getByTestId('pause-hint')).toHaveText("Did you mean: 'total_price'?");
  // Values as repr() shows them: insertion order, not sorted.
  await expect(page.getByTestId('state-table')).toContainText("{'pears': 2.25, 'apples': 4.5}");
  await expect(page.getByTestId('heal-stdout')).toContainText('Total: 6.75');
  await screenshot(page, testInfo, 'review-with-output');
  await page.getByTestId('accept').click();
  await expect(page.getByTestId('console')).toHaveText('1\nTotal: 6.75\nend\n');
  const marked = page.getByTestId('console').locator('.from-heal');
  await expect(marked).toHaveText('Total: 6.75\n');
  await expect(marked).toHaveAttribute('title', /from heal #1/);
  await expect(page.getByTestId('timeline-heal-number')).toHaveText('#1');
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'true');
  await screenshot(page, testInfo, 'console-heal-mark');
});

test('an expected output without its final newline is CORRECT; strict shows the invisible difference', async ({ page }, testInfo) => {
  await openReady(page);
  await pasteCode(page, 'print("a b")\nprint(42)\n');
  await page.getByTestId('expected-output').fill('a b\n42');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('comparison')).toHaveCount(0);
  await page.getByTestId('strict-compare').check();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('comparison-hint')).toContainText('final newline');
  // Only the differing row shows its invisible characters: the space and the line end.
  await expect(page.getByTestId('comparison').locator('tr.row-changed')).toContainText('42⏎');
  await expect(page.getByTestId('comparison').locator('tr.row-same')).toContainText('a b');
  await screenshot(page, testInfo, 'strict-comparison');
  await page.getByTestId('strict-compare').uncheck();
});

test('link replay, then an edit, then Run heals with the engine', async ({ page, context }) => {
  test.setTimeout(120_000);
  await openReady(page);
  await pasteCode(page, COMPLEMENT);
  await page.getByTestId('expected-output').fill(COMPLEMENT_EXPECTED);
  await page.getByTestId('run').click();
  await page.getByTestId('handling-code').fill('__return__ = 1\n');
  await page.getByTestId('run-edited').click();
  await expect(page.getByTestId('state-diff')).toContainText('1');
  await page.getByTestId('accept').click();
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'true');
  await page.getByTestId('share').click();
  const link = page.url().replace(/^https?:\/\/[^/]+/, '');

  const fresh = await context.newPage();
  await openReady(fresh, link);
  await fresh.getByTestId('run-recorded-heals').click();
  await expect(fresh.getByTestId('replaying')).toBeVisible();
  await pasteCode(fresh, `${COMPLEMENT}# edited\n`);
  await expect(fresh.getByTestId('replaying')).toHaveCount(0);
  await fresh.getByTestId('run').click();
  await expect(fresh.getByTestId('pause-error')).toHaveText('ValueError');
  await expect(fresh.getByTestId('heal-review')).toContainText('from the rules engine');
  await expect(fresh.getByTestId('handling-code')).toHaveValue(/__return__/);
  await expect(fresh.getByTestId('notice-error')).toHaveCount(0);
  await fresh.getByTestId('raise').click();
  await expect(fresh.getByTestId('phase')).toHaveAttribute('data-phase', 'ready');
});

test('editing while paused offers "Stop and run the edited code"; old results are marked as the previous run\'s', async ({ page }, testInfo) => {
  await openReady(page);
  await page.getByTestId('heal-engine').selectOption('off');
  await pasteCode(page, 'print("old")\nx = 1 / 0\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pause-panel')).toBeVisible();
  await pasteCode(page, 'print("new")\nx = 1 / 0\n');
  await expect(page.getByTestId('edited-banner')).toContainText('previous version');
  await screenshot(page, testInfo, 'edited-while-paused');
  await page.getByTestId('restart-edited').click();
  await expect(page.getByTestId('console')).toContainText('new');
  await expect(page.getByTestId('console')).not.toContainText('old');
  await expect(page.getByTestId('pause-panel')).toBeVisible();
  await expect(page.getByTestId('edited-banner')).toHaveCount(0);
  await page.getByTestId('raise').click();
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'ready');
  // Ctrl+Enter during a run of an older version does the same.
  await pasteCode(page, 'print("again")\nx = 1 / 0\n');
  await expect(page.getByTestId('console-stale')).toHaveText('from the previous run');
  await screenshot(page, testInfo, 'stale-results');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pause-panel')).toBeVisible();
  await pasteCode(page, 'print("third")\n');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('console')).toHaveText('third\n');
  await expect(page.getByTestId('console-stale')).toHaveCount(0);
  await page.getByTestId('heal-engine').selectOption('rules');
});

test('Patch… is offered only for findings with a candidate; the others show their guidance', async ({ page }) => {
  test.setTimeout(120_000);
  await openReady(page);
  await page.getByTestId('checks-tab-security').click();
  await pasteCode(page, 'import hashlib\nimport pickle\n\nprint(hashlib.md5(b"x").hexdigest())\n');
  const panel = page.getByTestId('findings-panel');
  const pickle = panel.locator('[data-testid="finding"][data-test-id="B403"]');
  const md5 = panel.locator('[data-testid="finding"][data-test-id="B324"]');
  await expect(md5).toBeVisible({ timeout: 45_000 });
  await expect(pickle.getByTestId('finding-guidance')).toContainText('trusted data', { timeout: 30_000 });
  await expect(pickle.getByTestId('patch-finding')).toHaveCount(0);
  await expect(md5.getByTestId('patch-finding')).toBeVisible();
});
