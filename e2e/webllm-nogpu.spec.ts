import { test, expect, openSettings, screenshot } from './helpers.ts';

// Chromium without --enable-unsafe-webgpu (headless): no WebGPU. The model manager says so
// up front, offers the rules engine and an endpoint, and one click brings the rules back.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'the default launch (no WebGPU) is the same in both configurations'));
test.describe.configure({ timeout: 120_000 });

test('without WebGPU the model manager shows the "no WebGPU" error and falls back to rules in one click', async ({ page }, testInfo) => {
  await page.goto('/'); // Python need not be ready for the manager
  await openSettings(page);
  await expect(page.getByTestId('heal-engine')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.type('webllm model');
  await page.keyboard.press('Enter');
  const manager = page.getByTestId('model-manager');
  await expect(manager).toBeVisible();
  await expect(manager.getByTestId('cap-webgpu')).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
  const error = manager.getByTestId('llm-error');
  await expect(error).toHaveAttribute('data-kind', 'no-webgpu');
  await expect(error).toContainText('No WebGPU');
  await expect(error.locator('[data-action="use-endpoint"]')).toBeVisible();
  await expect(manager.getByTestId('download-model')).toBeDisabled();
  await screenshot(page, testInfo, 'no-webgpu');
  await error.locator('[data-action="use-rules"]').click();
  await expect(manager).toBeHidden();
  await expect(page.getByTestId('heal-engine')).toHaveValue('rules');
});
