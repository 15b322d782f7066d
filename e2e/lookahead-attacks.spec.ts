import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, openReady, openSettings, pasteCode, screenshot } from './helpers.ts';
import { handlingEscapesTheSandbox, MERGE_TARGET_PROGRAM } from '../test/attacks.ts';

// A chat endpoint (the attacker) answers every heal request with handling code that switches
// the executor's Python guards off and tries to reach the network, Cache Storage, IndexedDB
// and a nested Blob worker. With look-ahead on, that code runs before anyone accepts it, in
// the look-ahead's disposable worker: it must reach nothing (the sink server sees no request,
// no cache or database appears), the paused program must not see it, and nothing is accepted.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'one configuration is enough'));

const MARKER = 'heal-lookahead-escape';
let sink: Server;
let endpoint: Server;
let sinkPort = 0;
let endpointPort = 0;
const hits: string[] = [];
let asked = 0;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

test.beforeAll(async () => {
  sink = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.end('reached');
  });
  sinkPort = await listen(sink);
  const code = `${handlingEscapesTheSandbox(sinkPort, MARKER)}print("ESCAPE-ATTEMPTS", attempts)\n`;
  endpoint = createServer((request, response) => {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'content-type, authorization');
    if (request.method === 'OPTIONS') {
      response.end();
      return;
    }
    asked += 1;
    request.resume();
    request.on('end', () => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ choices: [{ message: { content: `<code>\n${code}</code>` } }] }));
    });
  });
  endpointPort = await listen(endpoint);
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  await new Promise<void>((resolve) => endpoint.close(() => resolve()));
});

test("a model's candidate that escapes the Python guards in its look-ahead reaches nothing and is not accepted", async ({ page, context }, testInfo) => {
  const completed: string[] = [];
  context.on('requestfinished', (request) => completed.push(request.url()));
  await openReady(page);
  await pasteCode(page, MERGE_TARGET_PROGRAM);
  await openSettings(page);
  await page.getByTestId('heal-engine').selectOption('endpoint');
  await page.getByTestId('endpoint-url').fill(`http://127.0.0.1:${endpointPort}/v1`);
  await page.getByTestId('endpoint-url').press('Tab');
  await page.getByTestId('look-ahead').check();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('pause-error')).toHaveText('NameError');
  await expect(page.getByTestId('lookahead-running')).toHaveCount(0, { timeout: 120_000 });
  const rows = page.getByTestId('lookahead-row');
  await expect(rows.first()).toBeVisible();
  // The candidate did run in its look-ahead (its continuation printed what it tried) …
  const panel = await page.getByTestId('lookahead').textContent();
  await screenshot(page, testInfo, 'lookahead-escape');
  await page.waitForTimeout(3_000); // anything that got out has time to arrive
  expect(asked, 'the endpoint was asked').toBeGreaterThan(0);
  const outputs = await page.locator('.lookahead .heal-output').allTextContents();
  const attempts = outputs.find((o) => o.includes('ESCAPE-ATTEMPTS'));
  expect(attempts, `a look-ahead output with the attempts; panel: ${panel}`).toBeDefined();
  // … and everything it tried was refused.
  expect(attempts).toMatch(/fetch: (\w*Error|JsException)/);
  expect(attempts).toMatch(/caches: (\w*Error|JsException)/);
  expect(attempts).toMatch(/indexedDB: (\w*Error|JsException)/);
  expect(hits, 'requests that reached the sink server').toEqual([]);
  expect(completed.filter((url) => url.includes(`:${sinkPort}/`))).toEqual([]);
  const storage = await page.evaluate(
    async (marker) => ({
      caches: (await caches.keys()).filter((name) => name.includes(marker)),
      databases: (await indexedDB.databases()).map((db) => db.name).filter((name) => name?.includes(marker)),
    }),
    MARKER,
  );
  expect(storage).toEqual({ caches: [], databases: [] });
  // Nothing was accepted and the paused program saw nothing: skip, and it goes on unchanged.
  await expect(page.getByTestId('console')).not.toContainText('ESCAPE-ATTEMPTS');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('last-status')).toContainText(/finished|error/, { timeout: 60_000 });
  await expect(page.getByTestId('console')).not.toContainText('ESCAPE-ATTEMPTS');
  await expect(page.getByTestId('console')).toContainText('pwned False');
  expect(hits).toEqual([]);
});
