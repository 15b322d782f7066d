import { test, expect, editorText, openReady, pasteCode, screenshot } from './helpers.ts';
import { PARSER_BOMBS } from '../test/attacks.ts';

// Runner robustness in the built site: recursion through functools.cache kills
// Pyodide (JavaScript stack overflow) instead of raising RecursionError; the
// page reports it as a readable RecursionError at the right lines, restarts
// Python, keeps the code and the test case, and the next Run works.

const CACHED_RECURSION = `import functools

@functools.cache
def depth(n):
    return 0 if n == 0 else depth(n - 1) + 1

print("start")
print(depth(100000))
`;

test('C-recursion overflow: readable RecursionError, Python restarted, code and test case kept', async ({ page }, testInfo) => {
  test.setTimeout(150_000); // two Python starts (the first and the one after the crash)
  await openReady(page);
  await pasteCode(page, CACHED_RECURSION);
  await page.getByTestId('stdin').fill('kept stdin\n');
  await page.getByTestId('expected-output').fill('start\n100000\n');
  await page.getByTestId('run').click();

  await expect(page.getByTestId('error-title')).toHaveText('Recursion went too deep', { timeout: 30_000 });
  await expect(page.getByTestId('error-summary')).toContainText('line 5, in depth');
  await expect(page.getByTestId('traceback')).toContainText('line 8, in <module>');
  await expect(page.getByTestId('traceback')).toContainText('functools.cache');
  await expect(page.getByTestId('console')).toContainText('start');
  await expect(page.getByTestId('notice-warning').filter({ hasText: 'restarted' })).toBeVisible();
  await screenshot(page, testInfo, 'recursion-overflow');

  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  expect(await editorText(page)).toBe(CACHED_RECURSION);
  await expect(page.getByTestId('stdin')).toHaveValue('kept stdin\n');
  await expect(page.getByTestId('expected-output')).toHaveValue('start\n100000\n');

  // The next Run works in the fresh Python.
  const shallow = CACHED_RECURSION.replace('depth(100000)', 'depth(50)');
  await pasteCode(page, shallow);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toHaveText('start\n50\n');
  await expect(page.getByTestId('last-status')).toContainText('finished');
});

test('the executor refuses the page bridge and foreign files; its output shows in the review', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'isolated', 'the executor is the same in both configurations');
  test.setTimeout(120_000); // Python and the executor's Python both start
  await openReady(page);
  await pasteCode(page, 'x = 1 / 0\nprint("after", x)\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('handling-code')).toBeVisible({ timeout: 45_000 });
  for (const [attack, message] of [
    ['x = 2\nimport js\n', "import of 'js' is not allowed in handling code"],
    ['x = 2\nfrom pyodide.http import pyfetch\n', "import of 'pyodide.http' is not allowed"],
    ['x = 2\nsecret = open("/etc/passwd").read()\n', "may not read '/etc/passwd'"],
  ] as const) {
    await page.getByTestId('handling-code').fill(attack);
    await page.getByTestId('run-edited').click();
    await expect(page.getByTestId('heal-problem')).toContainText(message);
  }
  await page.getByTestId('handling-code').fill('import sys\nprint("checked")\nprint("careful", file=sys.stderr)\nx = 7\n');
  await page.getByTestId('run-edited').click();
  await expect(page.getByTestId('heal-stdout')).toContainText('checked');
  await expect(page.getByTestId('heal-stderr')).toContainText('careful');
  await page.getByTestId('accept').click();
  await expect(page.getByTestId('console')).toHaveText('after 7\n');
});

test('a parser bomb is a syntax error in the editor and the console; Python stays up', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'isolated', 'the guard is the same in both configurations');
  test.setTimeout(120_000);
  // 199 nested `f(a=` calls: within Python's own limit of 200 brackets, yet Chromium's parser
  // dies on it (a JavaScript stack overflow) unless the guard refuses it first.
  const bomb = PARSER_BOMBS.find((b) => b.name === 'nested calls with keywords')!;
  const restarts: string[] = [];
  page.on('console', (message) => {
    if (/restart/i.test(message.text())) restarts.push(message.text());
  });
  await openReady(page);
  await pasteCode(page, bomb.source);
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('run').click();
  await expect(page.getByTestId('error-title')).toHaveText('The program is not valid Python', { timeout: 30_000 });
  await expect(page.getByTestId('error-summary')).toContainText('line 1');
  await expect(page.getByTestId('traceback')).toContainText('line 1 is nested too deeply for Python in the browser');
  await screenshot(page, testInfo, 'parser-bomb');
  await expect(page.getByTestId('notice-warning').filter({ hasText: 'restarted' })).toHaveCount(0);

  await pasteCode(page, 'print("still here")\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toHaveText('still here\n');
  await expect(page.getByTestId('notice-warning').filter({ hasText: 'restarted' })).toHaveCount(0);
  expect(restarts).toEqual([]);
});
