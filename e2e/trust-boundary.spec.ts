import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, openReady, screenshot } from './helpers.ts';
import { escapeFromTheFrame, handlingEscapesTheSandbox, MERGE_TARGET_PROGRAM } from '../test/attacks.ts';
import { encodePermalink } from '../web/state/permalink.ts';
import { serializeTrace, type HealTraceEntry } from '../web/state/heal/trace.ts';
import { normalizeSettings } from '../web/state/settings.ts';

// A stranger's link whose recorded heal switches every Python guard of the executor off and
// tries to reach the network and the origin's storage from the executor's worker and from a
// nested Blob worker (fresh JavaScript globals). The executor runs in a sandboxed,
// opaque-origin frame with connect-src 'none': nothing may arrive at the loopback server,
// no cache or database may appear, and the code is on screen before it runs.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'one configuration is enough'));

const MARKER = 'heal-escape-attempt';
let server: Server;
let port = 0;
const hits: string[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.end('reached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function linkWithTrace(handlingCode: string): string {
  const entry: HealTraceEntry = {
    pauseIndex: 0,
    sid: 3,
    line: 3,
    endLine: 3,
    errorType: 'NameError',
    message: "name 'undefined_name' is not defined",
    engine: 'rules',
    systemPrompt: '',
    userPrompt: '',
    answer: '',
    handlingCode,
    decision: 'accepted',
    timings: { engineMs: 0, executorMs: 0, mergeMs: 0 },
  };
  return encodePermalink({
    code: MERGE_TARGET_PROGRAM,
    stdin: '',
    expectedOutput: null,
    settings: normalizeSettings({ autoAccept: true }),
    heals: serializeTrace([entry]),
  });
}

test('a link whose recorded heal escapes the Python guards reaches neither the network nor storage', async ({ page, context }, testInfo) => {
  // Requests the browser completed (a request blocked before it left shows up as failed).
  const completed: string[] = [];
  context.on('requestfinished', (request) => completed.push(request.url()));
  await openReady(page, `/${linkWithTrace(handlingEscapesTheSandbox(port, MARKER))}`);
  // Shown before anything runs: the code is in the timeline, nothing ran, replay is off.
  await expect(page.getByTestId('timeline')).toContainText('sandbox._active = False');
  await expect(page.getByTestId('console')).toHaveText('');
  await expect(page.getByTestId('auto-accept')).not.toBeChecked(); // the link's auto-accept was not taken
  await screenshot(page, testInfo, 'escape-link-opened');

  await page.getByTestId('run-recorded-heals').click();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('handling-code')).toHaveValue(/sandbox\._active = False/);
  await expect(page.getByTestId('state-diff')).toContainText('attempts', { timeout: 60_000 });
  const review = await page.getByTestId('state-diff').textContent();
  await screenshot(page, testInfo, 'escape-reviewed');
  // Give anything that got out time to arrive.
  await page.waitForTimeout(3_000);
  await page.getByTestId('reject').click();

  // Beyond what Python can reach: any script in the executor's frame (the warm spare is one),
  // and a fresh Blob worker started there, find no network, no storage and no page.
  const spare = page.frames().find((frame) => frame.url() === 'about:srcdoc');
  expect(spare, 'a sandboxed executor frame').toBeDefined();
  const outcome = await spare!.evaluate(escapeFromTheFrame, { port, marker: MARKER });
  expect(Object.keys(outcome).sort()).toEqual([
    'caches',
    'fetch',
    'indexedDB',
    'localStorage',
    'parent document',
    'worker caches',
    'worker fetch',
    'worker import',
    'worker indexedDB',
  ]);
  for (const [attempt, result] of Object.entries(outcome)) expect(result, attempt).toMatch(/^refused/);

  expect(hits, 'requests that reached the loopback server').toEqual([]);
  expect(
    completed.filter((url) => url.includes(`:${port}/`)),
    'requests to the loopback port that completed',
  ).toEqual([]);
  const storage = await page.evaluate(
    async (marker) => ({
      caches: (await caches.keys()).filter((name) => name.includes(marker)),
      databases: (await indexedDB.databases()).map((db) => db.name).filter((name) => name?.includes(marker)),
    }),
    MARKER,
  );
  expect(storage).toEqual({ caches: [], databases: [] });
  // What the executor's own worker saw: storage and fetch refused there too.
  expect(review).toMatch(/fetch: (\w*Error|JsException)/);
  expect(review).toMatch(/indexedDB: (\w*Error|JsException)/);
});
