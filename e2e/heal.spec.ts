import { test, expect, editorText, openReady, pasteCode, screenshot } from './helpers.ts';
import { COMPLEMENT, COMPLEMENT_EXPECTED as EXPECTED } from '../test/fixtures.ts';

// The classic example: a binary-complement function fails for input 0 with
// ValueError: invalid literal for int() with base 2: ''. The rules engine proposes
// handling code, the state diff is shown, the user edits it, accepts, and the program
// prints the expected output; the permalink replays the session in a fresh page.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'heal UI is the same in both configurations'));

test('heal with the rules engine: review, edit, accept, CORRECT; the permalink replays it', async ({ page, context }, testInfo) => {
  await openReady(page);
  await pasteCode(page, COMPLEMENT);
  await page.getByTestId('expected-output').fill(EXPECTED);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pause-error')).toHaveText('ValueError');
  await expect(page.getByTestId('handling-code')).toHaveValue(/__return__/);
  await expect(page.getByTestId('state-diff')).toContainText('__return__');
  await screenshot(page, testInfo, 'heal-proposal');
  // The complement of 0 is 1: edit the handling code, run it in the executor, accept.
  await page.getByTestId('handling-code').fill('__return__ = 1\n');
  await page.getByTestId('run-edited').click();
  await expect(page.getByTestId('state-diff')).toContainText('1');
  await page.getByTestId('accept').click();
  await expect(page.getByTestId('console')).toHaveText(EXPECTED);
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('timeline-entry')).toHaveCount(1);
  await expect(page.getByTestId('timeline')).toContainText('accepted');
  await expect(page.getByTestId('timeline-diff')).toContainText('returns 1');
  await screenshot(page, testInfo, 'healed');

  await page.getByTestId('share').click();
  const url = page.url();
  expect(url).toMatch(/#v1\./);
  const fresh = await context.newPage();
  await openReady(fresh, url.replace(/^https?:\/\/[^/]+/, ''));
  expect(await editorText(fresh)).toBe(COMPLEMENT);
  await expect(fresh.getByTestId('console')).toHaveText(''); // opening never runs
  // The recorded handling code is shown before anything runs; replay is an explicit decision.
  await expect(fresh.getByTestId('timeline')).toContainText('__return__ = 1');
  await expect(fresh.getByTestId('replaying')).toHaveCount(0);
  await fresh.getByTestId('run-recorded-heals').click();
  await expect(fresh.getByTestId('replaying')).toBeVisible();
  await fresh.getByTestId('auto-accept').check(); // never applies to a link's recorded heals
  await fresh.getByTestId('run').click();
  await expect(fresh.getByTestId('state-diff')).toContainText('__return__');
  await fresh.getByTestId('accept').click();
  await expect(fresh.getByTestId('console')).toHaveText(EXPECTED);
  await expect(fresh.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'true');
});

test('handling code that loops forever hits the executor time limit; the program is unaffected', async ({ page }) => {
  await openReady(page);
  await pasteCode(page, 'x = 1 / 0\nprint("after", x)\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('handling-code')).toBeVisible();
  await page.getByTestId('handling-code').fill('while True:\n    pass\n');
  await page.getByTestId('run-edited').click();
  await expect(page.getByTestId('heal-problem')).toContainText('did not finish within 10 s', { timeout: 30_000 });
  await page.getByTestId('handling-code').fill('x = 7\n');
  await page.getByTestId('run-edited').click();
  await page.getByTestId('accept').click();
  await expect(page.getByTestId('console')).toHaveText('after 7\n');
});

test('auto-accept heals an error inside a loop once and reuses the fix', async ({ page }) => {
  await openReady(page);
  await pasteCode(page, 'total = 0\nfor d in [1, 0, 2, 0]:\n    total += 10 // d\nprint(total)\n');
  await page.getByTestId('auto-accept').check();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('last-status')).toContainText('finished');
  await expect(page.getByTestId('timeline-entry')).toHaveCount(2);
  await expect(page.getByTestId('timeline')).toContainText('reused an accepted fix');
});
