import { test, expect, openReady, pasteCode, screenshot } from './helpers.ts';

// Programs through the real runner worker in the built site, in both the
// cross-origin-isolated and the non-isolated server configuration.

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const LOOP = `def average(xs):
    total = 0
    for x in xs:
        total += 100 / x
    return total / len(xs)

print("average:", average([1, 0, 4]))
`;

test('pauses on an error, continues, and finishes', async ({ page }, testInfo) => {
  await openReady(page);
  const isolated = testInfo.project.name === 'isolated';
  await expect(page.getByTestId('isolation')).toHaveText(isolated ? 'cross-origin isolated' : 'not isolated');
  await expect(page.getByTestId('blocking')).toHaveText('pause: jspi');
  await pasteCode(page, LOOP);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pause-panel')).toBeVisible();
  await expect(page.getByTestId('pause-error')).toHaveText('ZeroDivisionError');
  await expect(page.getByTestId('state-table')).toContainText('total');
  await expect(page.locator('.heal-line-paused').first()).toBeVisible();
  await screenshot(page, testInfo, 'paused');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('console')).toHaveText('average: 41.666666666666664\n');
  await expect(page.getByTestId('last-status')).toContainText('finished');
});

test('End with traceback shows the error summary and the user line', async ({ page }, testInfo) => {
  await openReady(page);
  await pasteCode(page, LOOP);
  await page.getByTestId('run').click();
  await page.getByTestId('raise').click();
  await expect(page.getByTestId('error-title')).toHaveText('Division by zero');
  await expect(page.getByTestId('error-summary')).toContainText('line 4, in average');
  await expect(page.getByTestId('console')).toContainText('File "main.py", line 4, in average');
  await screenshot(page, testInfo, 'failed');
});

test('Stop ends an infinite loop and the page stays usable', async ({ page }) => {
  await openReady(page);
  await pasteCode(page, 'print("spin")\nwhile True:\n    pass\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText('spin');
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'running');
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('console')).toContainText('Stopped.');
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'ready', { timeout: 45_000 });
  await pasteCode(page, 'print(6 * 7)\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toHaveText('42\n');
});

test('input() reads stdin, then asks inline', async ({ page }) => {
  await openReady(page);
  await pasteCode(page, 'a = input("a? ")\nb = input("b? ")\nprint(a, b)\n');
  await page.getByTestId('stdin').fill('first\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'awaiting-input');
  await page.getByTestId('input-line').fill('second');
  await page.getByTestId('input-line').press('Enter');
  // Once the test case's input is used up the console says what happens next (here: it asks).
  await expect(page.getByTestId('console')).toHaveText(
    "a? \nThe test case's standard input is used up: the program now asks you for input.\nb? second\nfirst second\n",
  );
});

test('Atomics blocking works when isolated', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'isolated', 'SharedArrayBuffer needs cross-origin isolation');
  await openReady(page, '/?blocking=atomics&snapshot=0');
  await expect(page.getByTestId('blocking')).toHaveText('pause: atomics');
  await pasteCode(page, LOOP);
  await page.getByTestId('run').click();
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('console')).toHaveText('average: 41.666666666666664\n');
});

test("our own modules are not the program's: import state, streams, security raise ModuleNotFoundError", async ({ page }) => {
  await openReady(page);
  const tries = ['state', 'streams', 'security'].map(
    (name) => `try:\n    import ${name}\n    print("${name} found")\nexcept ModuleNotFoundError as error:\n    print(error)\n`,
  );
  await pasteCode(page, tries.join(''));
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toHaveText("No module named 'state'\nNo module named 'streams'\nNo module named 'security'\n");
  await expect(page.getByTestId('last-status')).toContainText('finished');
});
