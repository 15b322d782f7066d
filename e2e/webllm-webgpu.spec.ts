import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, openReady, pasteCode, screenshot } from './helpers.ts';

// Runs in the 'webgpu' project (Chromium with --enable-unsafe-webgpu): headless, the
// adapter is SwiftShader without shader-f16. This machine is offline, so a download must
// fail fast as "offline" and leave the rules engine working.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'webgpu', 'needs the webgpu project (WebGPU flag)'));
// The model worker (6 MB of WebLLM) and the software adapter start slowly on a busy machine.
test.describe.configure({ timeout: 120_000 });

const HF = 'https://huggingface.co/';

async function openManager(page: Page, { python = false } = {}) {
  if (python) await openReady(page);
  else await page.goto('/');
  await page.getByTestId('heal-engine').selectOption('webllm');
  const manager = page.getByTestId('model-manager');
  await expect(manager).toBeVisible();
  await expect(manager.getByTestId('cap-webgpu')).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  return manager;
}

// One page for both (each start of the model worker costs tens of seconds here).
test('capability report shows SwiftShader without shader-f16 and q4f32 builds; a download with the host unreachable fails fast as offline; the rules engine still heals', async ({
  page,
}, testInfo) => {
  const manager = await openManager(page, { python: true });
  await expect(manager.getByTestId('cap-adapter')).toContainText(/swiftshader/i);
  await expect(manager.getByTestId('cap-f16')).toHaveText('no');
  await expect(manager.getByTestId('cap-limits')).toContainText('storage binding');
  await expect(manager.getByTestId('cap-isolated')).toHaveText('yes');
  await expect(manager.getByTestId('cap-storage')).toContainText('used of');
  const entries = manager.getByTestId('catalogue-entry');
  await expect(entries).toHaveCount(4);
  const ids = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-model')));
  expect(ids).toEqual(['0.5B', '1.5B', '3B', '7B'].map((s) => `Qwen2.5-Coder-${s}-Instruct-q4f32_1-MLC`));
  await expect(entries.first()).toContainText('MB VRAM');
  await screenshot(page, testInfo, 'capabilities');

  const started = Date.now();
  await manager.getByTestId('download-model').click();
  const error = manager.getByTestId('llm-error');
  await expect(error).toHaveAttribute('data-kind', 'offline', { timeout: 15_000 });
  expect(Date.now() - started).toBeLessThan(15_000);
  await expect(error.locator('[data-action="retry"]')).toBeVisible();
  await expect(manager.getByTestId('cached-models')).toContainText('None downloaded');
  await screenshot(page, testInfo, 'offline');
  await page.keyboard.press('Escape');
  await expect(manager).toBeHidden();
  // Still "webllm" with no model: the rules engine answers, with a notice saying so.
  await pasteCode(page, 'total = 0\nprint(totl)\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pause-error')).toHaveText('NameError');
  await expect(page.getByTestId('handling-code')).toHaveValue(/total/);
  await expect(page.getByTestId('notice-warning')).toContainText('rules engine answers');
});

async function holdModelHost(context: BrowserContext): Promise<() => number> {
  let seen = 0;
  // Requests to the model host never answer: the download stays in progress until cancelled.
  await context.route(`${HF}**`, () => {
    seen++;
  });
  return () => seen;
}

test('cancel stops a download in progress and leaves nothing cached', async ({ page, context }) => {
  const seen = await holdModelHost(context);
  const manager = await openManager(page);
  await manager.getByTestId('download-model').click();
  await expect(manager.getByTestId('download-progress')).toBeVisible();
  await expect.poll(seen).toBeGreaterThan(0);
  await manager.getByTestId('cancel-download').click();
  await expect(manager.getByTestId('llm-error')).toHaveAttribute('data-kind', 'cancelled');
  await expect(manager.getByTestId('download-progress')).toBeHidden();
  await expect(manager.getByTestId('cached-models')).toContainText('None downloaded');
  await manager.getByTestId('use-rules').click();
  await expect(page.getByTestId('heal-engine')).toHaveValue('rules');
});

// A real model end to end. Runs where a model is reachable: HEAL_MODEL_URL (a mirror of
// huggingface.co's layout, e.g. http://127.0.0.1:9000/) or huggingface.co itself, and a
// WebGPU adapter able to run it (HEAL_MODEL picks the model, default the 0.5B q4f32 build).
test('@gpu heal with a real local model', async ({ page, context }) => {
  test.setTimeout(15 * 60_000);
  const mirror = process.env.HEAL_MODEL_URL;
  const reachable =
    mirror !== undefined ||
    (await fetch(`${HF}api/models/mlc-ai/Qwen2.5-Coder-0.5B-Instruct-q4f32_1-MLC`, { method: 'HEAD', signal: AbortSignal.timeout(3000) }).then(
      () => true,
      () => false,
    ));
  test.skip(!reachable, 'no model host reachable (set HEAL_MODEL_URL)');
  if (mirror) await context.route(`${HF}**`, (route) => route.continue({ url: mirror.replace(/\/*$/, '/') + route.request().url().slice(HF.length) }));
  const manager = await openManager(page, { python: true });
  const model = process.env.HEAL_MODEL ?? 'Qwen2.5-Coder-0.5B-Instruct-q4f32_1-MLC';
  await manager.locator(`[data-model="${model}"] input`).check();
  await manager.getByTestId('download-model').click();
  await expect(manager.getByTestId('model-ready')).toBeVisible({ timeout: 14 * 60_000 });
  await page.keyboard.press('Escape');
  await pasteCode(page, 'values = [3, 1, 2]\nprint(sorted(valuez))\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pause-error')).toHaveText('NameError');
  await expect(page.getByTestId('heal-review')).toContainText(/Qwen2\.5-Coder/, { timeout: 5 * 60_000 });
  await expect(page.getByTestId('handling-code')).not.toHaveValue('', { timeout: 5 * 60_000 });
});
