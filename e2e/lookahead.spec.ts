import { test, expect, openReady, openSettings, pasteCode, screenshot } from './helpers.ts';

// The first rules candidate (a "safe subscript") invents '' for the missing word and the
// output gets a trailing comma; skipping the statement prints the expected output.
const JOIN = 'words = ["a", "b"]\nout = []\nfor i in range(3):\n    out.append(words[i])\nprint(",".join(out))\n';
const EXPECTED = 'a,b\n';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'heal UI is the same in both configurations'));

test('look-ahead: the review shows where each candidate leads; Review and Accept one', async ({ page }, testInfo) => {
  await openReady(page);
  await pasteCode(page, JOIN);
  await page.getByTestId('expected-output').fill(EXPECTED);
  await openSettings(page);
  await page.getByTestId('look-ahead').check();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pause-error')).toHaveText('IndexError');
  // The engine's own proposal is there at once; the look-ahead never blocks it.
  await expect(page.getByTestId('handling-code')).toHaveValue(/words\[i\] if/);
  const rows = page.getByTestId('lookahead-row');
  await expect(rows).toHaveCount(5, { timeout: 60_000 });
  await expect(page.getByTestId('lookahead-running')).toHaveCount(0, { timeout: 60_000 });
  // Best first: skipping prints the expected output; the invented value does not.
  await expect(rows.first().getByTestId('lookahead-outcome')).toHaveText('→ finishes, output matches ✓');
  await expect(rows.first()).toContainText('skip');
  await expect(page.getByTestId('lookahead-outcome')).toContainText([
    '→ finishes, output matches ✓',
    '→ finishes, output matches ✓',
    '→ finishes, output matches ✓',
    '→ finishes, output differs at line 1',
    '→ finishes, output differs at line 1',
  ]);
  await expect(rows.nth(3)).toContainText('words[i] if');
  // The mutation (look-ahead only) comes last among equals: words[i - 1] repeats "b".
  await expect(rows.nth(4)).toContainText('off by one? words[i] → words[i - 1]');
  await screenshot(page, testInfo, 'lookahead-review');
  // Choosing one makes it the proposal: its diff is reviewed (a loop action says what it does), then Accept merges it.
  await rows.nth(1).getByTestId('lookahead-choose').click();
  await expect(page.getByTestId('heal-control')).toHaveText(/the rest of this iteration is skipped: the for loop at line 3 goes on/);
  await rows.first().getByTestId('lookahead-choose').click();
  await expect(page.getByTestId('heal-control')).toHaveCount(0);
  await expect(page.getByTestId('handling-code')).toHaveValue('pass');
  await page.getByTestId('accept').click();
  await expect(page.getByTestId('console')).toHaveText(EXPECTED);
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'true');
});

test('auto-accept with look-ahead picks the candidate whose continuation is CORRECT, and says why', async ({ page }, testInfo) => {
  await openReady(page);
  await pasteCode(page, JOIN);
  await page.getByTestId('expected-output').fill(EXPECTED);
  await page.getByTestId('auto-accept').check();
  await openSettings(page);
  await page.getByTestId('look-ahead').check();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('last-status')).toContainText('finished', { timeout: 60_000 });
  await expect(page.getByTestId('console')).toHaveText(EXPECTED);
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('timeline-choice')).toContainText('look-ahead: its continuation prints the expected output');
  await screenshot(page, testInfo, 'lookahead-auto');
  // Without look-ahead, the first candidate that runs cleanly is taken: the output is wrong.
  await page.getByTestId('look-ahead').uncheck();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toHaveText('a,b,\n', { timeout: 60_000 });
  await expect(page.getByTestId('badge-correct')).toHaveAttribute('data-ok', 'false');
});
