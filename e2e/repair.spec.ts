import { readFileSync } from 'node:fs';
import { test, expect, editorText, openReady, pasteCode, screenshot } from './helpers.ts';
import { parseJsonl } from '../web/state/export/jsonl.ts';
import { validateRecords } from '../web/state/export/schema.ts';
import { COMPLEMENT, COMPLEMENT_EXPECTED as EXPECTED } from '../test/fixtures.ts';

// Heal the binary-complement example once, make the heal permanent (a source patch
// validated on the test case in the executor), accept it, and run again: the program
// now passes the test case without any heal. The export has the heal and repair records.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'the repair UI is the same in both configurations'));

test('heal → Make it permanent → Accept → the re-run passes without any heal; export has both records', async ({ page }, testInfo) => {
  // Three Pyodides start (runner, executor, checks); on a busy machine the executor's start dominates.
  test.setTimeout(240_000);
  await openReady(page);
  await pasteCode(page, COMPLEMENT);
  await page.getByTestId('expected-output').fill(EXPECTED);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pause-error')).toHaveText('ValueError');
  await expect(page.getByTestId('handling-code')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('handling-code').fill('__return__ = 1\n');
  await page.getByTestId('run-edited').click();
  await expect(page.getByTestId('state-diff')).toContainText('1');
  await page.getByTestId('accept').click();
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'true');

  await page.getByTestId('make-permanent').click();
  const dialog = page.getByTestId('patch-review');
  await expect(dialog.getByTestId('patch-candidate')).toHaveAttribute('data-acceptable', 'true', { timeout: 60_000 });
  await expect(dialog.getByTestId('patch-candidate')).toContainText('plausible');
  await screenshot(page, testInfo, 'repair-review');

  // Export before accepting (the next run starts a new trace).
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByTestId('timeline-export').click();
  await expect(page.getByTestId('export-count-heal')).toHaveText('1');
  await expect(page.getByTestId('export-count-repair')).toHaveText('1');
  for (const [id, kind] of [
    ['heal', 'heal'],
    ['repair', 'repair'],
  ] as const) {
    const download = page.waitForEvent('download');
    await page.getByTestId(`export-${id}`).click();
    const parsed = parseJsonl(readFileSync((await (await download).path())!, 'utf8'));
    expect(parsed.problems).toEqual([]);
    expect(validateRecords(kind, parsed.records)).toEqual([]);
    if (kind === 'repair') expect(parsed.records[0]).toMatchObject({ function_name: 'complement', error_type: 'ValueError', validation: { plausible: true } });
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toBeHidden();

  await page.getByTestId('make-permanent').click();
  await expect(dialog.getByTestId('patch-candidate')).toHaveAttribute('data-acceptable', 'true', { timeout: 60_000 });
  await dialog.getByTestId('patch-accept').click();
  await expect(dialog).toBeHidden();
  expect(await editorText(page)).toContain('    except ValueError:\n        __return__ = 1\n        return __return__\n');

  await page.getByTestId('run').click();
  await expect(page.getByTestId('last-status')).toContainText('finished');
  await expect(page.getByTestId('console')).toHaveText(EXPECTED);
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('timeline-entry')).toHaveCount(0);
  await expect(page.getByTestId('pause-error')).toHaveCount(0);
});

test('Generate a failing test: the rules engine finds complement(0); the error is the real one', async ({ page }) => {
  test.setTimeout(180_000);
  await openReady(page);
  await pasteCode(page, COMPLEMENT.slice(0, COMPLEMENT.indexOf('\n\n\nfor') + 1));
  await page.getByTestId('expected-output').fill('');
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('failing test');
  await page.keyboard.press('Enter');
  // A call of one function: it stays on screen (it does not fit the whole program's test case).
  const notice = page.getByTestId('notice-warning').filter({ hasText: 'Failing test found' });
  await expect(notice).toContainText("complement(0) raises ValueError: invalid literal for int() with base 2: '' (line 4)", { timeout: 120_000 });
  await page.waitForTimeout(7000); // longer than an info notice lasts
  await expect(notice).toBeVisible();
});
