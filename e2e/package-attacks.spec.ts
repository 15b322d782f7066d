// A program run once plants a PyPI answer and its wheel in the package cache (Cache Storage,
// which the runner's worker can write). A later program importing that name must still get the
// "Install … from PyPI?" question, and the planted wheel must never be installed.
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, openReady, pasteCode } from './helpers.ts';
import { buildWheel, startPackageIndex, type PackageIndexServer } from '../test/package-index.ts';
import { plantPypiAnswerProgram } from '../test/attacks.ts';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'one configuration is enough'));
test.describe.configure({ timeout: 180_000 });

let index: PackageIndexServer;
test.beforeAll(async () => {
  index = await startPackageIndex();
});
test.afterAll(async () => {
  await index.close();
});

async function useIndex(page: Page): Promise<void> {
  const section = page.getByTestId('packages-settings');
  if (!(await section.evaluate((el) => (el as HTMLDetailsElement).open))) await section.locator('summary').click();
  await page.getByTestId('package-index-url').fill(index.indexUrl);
  await page.getByTestId('package-index-url').press('Enter');
  await page.getByTestId('pypi-url').fill(index.pypiUrl);
  await page.getByTestId('pypi-url').press('Enter');
}

test('a PyPI answer a program planted in the cache does not skip the question, and its wheel is not installed', async ({ page }) => {
  await openReady(page);
  await useIndex(page);
  const wheel = buildWheel('heal-planted', '6.6.6', { 'heal_planted/__init__.py': 'print("PLANTED WHEEL RAN")\n' });
  const sha256 = createHash('sha256').update(wheel.bytes).digest('hex');
  await pasteCode(
    page,
    plantPypiAnswerProgram({
      pypiUrl: index.pypiUrl,
      project: 'heal-planted',
      wheelUrl: `${index.origin}/planted/${wheel.fileName}`,
      wheelFileName: wheel.fileName,
      wheelBase64: Buffer.from(wheel.bytes).toString('base64'),
      sha256,
    }),
  );
  await page.getByTestId('run').click();
  // (Pyodide's own js and pyodide modules load nothing and ask nothing.)
  await expect(page.getByTestId('console')).toHaveText('planted\n', { timeout: 60_000 });

  // Later, another program imports the planted name.
  await pasteCode(page, 'import heal_planted\nprint("after import")\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pypi-dialog')).toContainText('Install heal-planted from PyPI?', { timeout: 60_000 });
  await page.getByTestId('pypi-decline').click();
  // Not installed: the import fails (and pauses, as any unhandled error does).
  await expect(page.getByTestId('pause-error')).toHaveText('ModuleNotFoundError', { timeout: 60_000 });
  await expect(page.getByTestId('console')).not.toContainText('PLANTED WHEEL RAN');
});
