import { expect, test } from './helpers.ts';

test('page loads with the heading and the expected isolation', async ({ page }, testInfo) => {
  const response = await page.goto('/');
  expect(response?.ok()).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Heal Playground');

  const isolated = testInfo.project.name === 'isolated';
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(isolated);
  const headers = response!.headers();
  expect(headers['cross-origin-opener-policy']).toBe(isolated ? 'same-origin' : undefined);
  expect(headers['cross-origin-embedder-policy']).toBe(isolated ? 'require-corp' : undefined);
});

test('pyodide runtime files are served with the right types', async ({ request }) => {
  const wasm = await request.head('/pyodide/pyodide.asm.wasm');
  expect(wasm.status()).toBe(200);
  expect(wasm.headers()['content-type']).toBe('application/wasm');
  for (const file of ['pyodide.mjs', 'pyodide.asm.mjs', 'python_stdlib.zip', 'pyodide-lock.json', 'snapshot.bin']) {
    const res = await request.head(`/pyodide/${file}`);
    expect(res.status(), file).toBe(200);
  }
  const meta = await (await request.get('/pyodide/snapshot.json')).json();
  expect(meta.bytes).toBeGreaterThan(1_000_000);
});
