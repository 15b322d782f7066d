import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, editorText, openReady, pasteCode, screenshot } from './helpers.ts';
import { parseJsonl } from '../web/state/export/jsonl.ts';
import { validateRecords } from '../web/state/export/schema.ts';

// Security patching with the built-in rules engine (no model): the finding appears in the
// Security tab, Patch… runs the loop, the clean candidate is shown with its diff, Accept
// puts it in the editor and the check no longer reports the finding. Also a SARIF export
// and a bug report paired with the diff of its fix.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'the checks UI is the same in both configurations'));
// The analysis worker (a third Pyodide) boots after the runner; on a busy 2-core machine the first check can take a while.
test.setTimeout(180_000);
const FIRST_CHECK_MS = 90_000;

const YAML = `import yaml


def read_config(text):
    return yaml.load(text, Loader=yaml.Loader)


print(read_config("a: 1"))
`;

const SHELL = `import subprocess

result = subprocess.run("ls -l docs", shell=True, capture_output=True)
print(result.returncode)
`;

async function patchFinding(page: Page, testId: string): Promise<void> {
  const row = page.locator(`[data-testid="finding"][data-test-id="${testId}"]`);
  await expect(row).toHaveCount(1, { timeout: FIRST_CHECK_MS });
  await row.getByTestId('patch-finding').click();
  const review = page.getByTestId('patch-review');
  await expect(review).toBeVisible();
  await expect(review.locator('[data-testid="patch-candidate"][data-acceptable="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('patch-busy')).toHaveCount(0);
  await expect(review.getByTestId('patch-candidate').first()).toContainText('clean');
  await expect(page.getByTestId('patch-diff')).toBeVisible();
}

test('rules engine: SARIF export, bug report with diff, patches for yaml.load and shell=True; the findings go away', async ({ page }, testInfo) => {
  await openReady(page);
  await pasteCode(page, YAML);
  await expect(page.locator('[data-testid="finding"][data-test-id="B506"]')).toHaveCount(1, { timeout: FIRST_CHECK_MS });

  // One analysis worker boot for everything: export first, then the bug report, then the patches.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-sarif').click()]);
  expect(download.suggestedFilename()).toBe('main.sarif');
  const log = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(log.version).toBe('2.1.0');
  expect(log.runs[0].tool.driver.name).toContain('Bandit');
  const yamlResult = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'B506');
  expect(yamlResult.locations[0].physicalLocation.region.startLine).toBe(5);

  await page.locator('[data-testid="finding"][data-test-id="B506"]').getByTestId('bug-report').click();
  const report = page.getByTestId('bug-report-text');
  await expect(report).toContainText('Type: B506');
  await expect(report).toContainText('Function: read_config');
  await expect(page.getByTestId('bug-report-busy')).toHaveCount(0, { timeout: 30_000 });
  await expect(report).toContainText('+    return yaml.safe_load(text)');
  await page.getByTestId('bug-report-dialog').locator('.actions button', { hasText: 'Close' }).click();
  await expect(page.getByTestId('bug-report-dialog')).toHaveCount(0);

  // The report and its diff are kept for the dataset export (bug-report records).
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.type('Export');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('export-count-bug-report')).toHaveText('1');
  const records = page.waitForEvent('download');
  await page.getByTestId('export-bug-report').click();
  const parsed = parseJsonl(readFileSync((await (await records).path())!, 'utf8'));
  expect(parsed.problems).toEqual([]);
  expect(validateRecords('bug_report', parsed.records)).toEqual([]);
  expect(parsed.records[0]).toMatchObject({
    line_number: 5,
    code: expect.stringContaining('yaml.load'),
    diff_text: expect.stringContaining('+    return yaml.safe_load(text)'),
  });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toBeHidden();

  await patchFinding(page, 'B506');
  await screenshot(page, testInfo, 'yaml-patch-review');
  await page.getByTestId('patch-accept').click();
  await expect(page.getByTestId('patch-review')).toHaveCount(0);
  expect(await editorText(page)).toBe(YAML.replace('yaml.load(text, Loader=yaml.Loader)', 'yaml.safe_load(text)'));
  await expect(page.locator('[data-testid="finding"][data-test-id="B506"]')).toHaveCount(0, { timeout: 30_000 });

  await pasteCode(page, SHELL);
  await patchFinding(page, 'B602');
  await page.getByTestId('patch-accept').click();
  expect(await editorText(page)).toContain(`subprocess.run(['ls', '-l', 'docs'], capture_output=True)`);
  await expect(page.locator('[data-testid="finding"][data-test-id="B602"]')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('[data-testid="finding"][data-test-id="B603"]')).toHaveCount(1);
});
