// Packages on demand in the built site, against a real package index on 127.0.0.1
// (test/package-index.ts: wheels built with fflate, a corrupted one, a missing one, a
// matplotlib stand-in, a PyPI JSON API). The page's CSP allows 127.0.0.1 servers, so the
// index is chosen in Settings → Packages as a user with a self-hosted mirror would.
import type { Page } from '@playwright/test';
import { test, expect, openReady, pasteCode, screenshot } from './helpers.ts';
import { TEST_PNG_SIZE, startPackageIndex, testPng, type PackageIndexServer } from '../test/package-index.ts';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'packages load the same way in both configurations'));
test.describe.configure({ timeout: 180_000 });

let index: PackageIndexServer;

test.beforeAll(async () => {
  // heal-data's 1.5 MB wheel arrives in ten slices 250 ms apart: the download can be watched.
  index = await startPackageIndex({ sliceDelayMs: 250 });
});

test.afterAll(async () => {
  await index.close();
});

async function useIndex(page: Page, options: { pypi?: boolean } = {}): Promise<void> {
  const section = page.getByTestId('packages-settings');
  if (!(await section.evaluate((el) => (el as HTMLDetailsElement).open))) await section.locator('summary').click();
  await page.getByTestId('package-index-url').fill(index.indexUrl);
  await page.getByTestId('package-index-url').press('Enter');
  await expect(page.getByTestId('package-index-problem')).toHaveCount(0);
  if (options.pypi) {
    await page.getByTestId('pypi-url').fill(index.pypiUrl);
    await page.getByTestId('pypi-url').press('Enter');
  }
}

async function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await (await caches.open('heal-packages-v1')).keys()).map((request) => request.url));
}

const PROGRAM = [
  'import heal_data',
  'import heal_demo',
  'print(len(heal_data.words()), heal_demo.answer())',
  'total = heal_demo.totl([1, 2, 3])',
  'print("total", total)',
  '',
].join('\n');

test("a program importing the index's package: progress, runs, heals in the executor with the package; offline it loads from the cache", async ({
  page,
  context,
}, testInfo) => {
  await openReady(page);
  await useIndex(page);
  await pasteCode(page, PROGRAM);
  await page.getByTestId('run').click();
  // The status bar follows the download of the 1.5 MB wheel.
  await expect(page.getByTestId('package-progress')).toContainText(/Loading heal-data 1\.\d MB…/);
  await screenshot(page, testInfo, 'packages-progress');
  await expect(page.getByTestId('console')).toContainText('Loading heal-data 0.3.0 (1.5 MB)…');
  await expect(page.getByTestId('console')).toContainText('3 42');
  // A typo in the package's function pauses; the rules engine's fix runs in the executor, which has the package too.
  await expect(page.getByTestId('pause-error')).toHaveText('AttributeError');
  await expect(page.getByTestId('handling-code')).toHaveValue('total = heal_demo.total([1, 2, 3])');
  await expect(page.getByTestId('state-diff')).toContainText('total');
  await expect(page.getByTestId('state-diff')).toContainText('6');
  await page.getByTestId('accept').click();
  await expect(page.getByTestId('console')).toContainText('total 6');
  await expect(page.getByTestId('console')).toContainText(/Packages ready: heal-data 0\.3\.0, heal-dep 1\.0\.0, heal-demo 1\.2\.0 \(3 downloaded\)/);
  expect((await cachedUrls(page)).filter((url) => url.endsWith('.whl')).sort()).toEqual([
    `${index.indexUrl}heal_data-0.3.0-py3-none-any.whl`,
    `${index.indexUrl}heal_demo-1.2.0-py3-none-any.whl`,
    `${index.indexUrl}heal_dep-1.0.0-py3-none-any.whl`,
  ]);
  await expect(page.getByTestId('packages-cached')).toContainText('heal-data 0.3.0');
  await screenshot(page, testInfo, 'packages-settings');

  // The index goes away: after a reload the program runs from the cache.
  await context.route(`${index.origin}/**`, (route) => route.abort('internetdisconnected'));
  const before = index.requests.length;
  await openReady(page);
  await pasteCode(page, 'import heal_data, heal_demo\nprint(heal_data.words()[0], heal_demo.answer())\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText('alpha 42');
  await expect(page.getByTestId('console')).toContainText('(3 from the cache)');
  expect(index.requests.length).toBe(before);
  await context.unroute(`${index.origin}/**`);

  // Delete one from the settings: gone from the cache.
  await page.getByTestId('packages-settings').locator('summary').click();
  await page.getByRole('button', { name: 'Delete heal-data 0.3.0' }).click();
  await expect(page.getByTestId('packages-cached')).not.toContainText('heal-data');
  expect((await cachedUrls(page)).some((url) => url.includes('heal_data'))).toBe(false);
});

test('a corrupted wheel gives a clear error, and nothing of it is cached or installed', async ({ page }, testInfo) => {
  await openReady(page);
  await useIndex(page);
  await pasteCode(page, 'import heal_bad\nprint(heal_bad.VALUE)\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText(
    /heal-bad 1\.0\.0 failed its integrity check: heal_bad-1\.0\.0-py3-none-any\.whl has sha256 [0-9a-f]{12}…, the index says [0-9a-f]{12}…\. It was not installed and not cached\./,
  );
  await expect(page.getByTestId('notice-error').filter({ hasText: 'could not be loaded' })).toBeVisible();
  await expect(page.getByTestId('pause-error')).toHaveText('ModuleNotFoundError');
  await expect(page.getByTestId('module-unavailable')).toContainText("'heal_bad' could not be loaded: heal-bad 1.0.0 did not load");
  await screenshot(page, testInfo, 'packages-integrity');
  await page.getByTestId('raise').click();
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'ready');
  expect((await cachedUrls(page)).some((url) => url.includes('heal_bad'))).toBe(false);
});

test('import tensorflow: "not available in the browser", and no heal is offered for it', async ({ page }, testInfo) => {
  await openReady(page);
  await pasteCode(page, 'import tensorflow as tf\nmodel = tf.keras.Sequential()\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText("'tensorflow' is not available in the browser: deep-learning frameworks need native code");
  await expect(page.getByTestId('pause-error')).toHaveText('ModuleNotFoundError');
  await expect(page.getByTestId('module-unavailable')).toContainText("'tensorflow' is not available in the browser");
  await expect(page.getByTestId('skip-import-warning')).toHaveText(
    "Skip statement: skipping the import leaves 'tensorflow' undefined: everything that uses it will fail.",
  );
  await expect(page.getByTestId('handling-code')).toHaveCount(0);
  await screenshot(page, testInfo, 'packages-unavailable');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'packages-unavailable-dark');
  await page.getByTestId('raise').click();
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'ready');
});

test('plt.show() puts the figure in the console as an image with a download', async ({ page }, testInfo) => {
  await openReady(page);
  await useIndex(page);
  await pasteCode(page, 'import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.title("line")\nplt.show()\nprint("done")\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText('done');
  const figure = page.getByTestId('console-figure');
  await expect(figure).toHaveCount(1);
  const image = figure.locator('img');
  await expect(image).toHaveAttribute('src', `data:image/png;base64,${Buffer.from(testPng()).toString('base64')}`);
  expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(TEST_PNG_SIZE.width);
  await expect(figure.getByTestId('figure-download')).toHaveAttribute('download', 'figure-1.png');
  await screenshot(page, testInfo, 'packages-figure');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'packages-figure-dark');
});

test('a pure-Python wheel from PyPI only after the explicit question', async ({ page }, testInfo) => {
  await openReady(page);
  await useIndex(page, { pypi: true });
  const before = index.requests.length;
  await pasteCode(page, 'from heal_pure import hello\nprint(hello("web"))\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pypi-dialog')).toContainText('Install heal-pure from PyPI?');
  await screenshot(page, testInfo, 'packages-pypi-question');
  expect(index.requests.slice(before).filter((path) => path.startsWith('/pypi/') || path.startsWith('/files/'))).toEqual([]);
  await page.getByTestId('pypi-install').click();
  await expect(page.getByTestId('console')).toContainText('hello, web!!');
  expect(index.requests.slice(before)).toContain('/files/heal_pure-2.0.0-py3-none-any.whl');
});
