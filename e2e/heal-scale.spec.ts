import { test, expect, openReady, pasteCode, screenshot } from './helpers.ts';

// Watch it heal at scale: a loop over data with thousands of bad records. The first failure is
// healed through the review path (auto-accept); every later one reuses the accepted fix inside
// the program itself. The timeline stays one grouped entry and a small DOM.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'isolated', 'one configuration is enough'));

const PROGRAM = `records = [{"id": i, "price": i % 5} for i in range(5000)]
total = 0
for record in records:
    total += record["qty"] * record["price"]
print("processed", len(records), "total", total)
`;

test('a loop failing 5,000 times heals once, reuses the fix, prints its last line; the timeline stays small', async ({ page }, testInfo) => {
  await openReady(page);
  await pasteCode(page, PROGRAM);
  await page.getByTestId('auto-accept').check();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('last-status')).toContainText('finished', { timeout: 60_000 });
  await expect(page.getByTestId('console')).toContainText('processed 5000 total');
  const entries = page.getByTestId('timeline-entry');
  await expect(entries).toHaveCount(2); // the auto-accepted first heal, then its reuses as one entry
  await expect(entries.nth(1)).toContainText('× 4,999');
  await expect(page.getByTestId('timeline-summary')).toContainText('5,000 heals');
  await expect(page.getByTestId('heal-time')).toContainText('heals');
  await entries.nth(1).getByTestId('reuse-toggle').click();
  await expect(page.getByTestId('reuse-list')).toBeVisible();
  await page.getByTestId('reuse-list').evaluate((list) => {
    list.scrollTop = list.scrollHeight;
  });
  await expect(page.getByTestId('reuse-list')).toContainText('#4,999');
  const nodes = await page.getByTestId('timeline').evaluate((timeline) => timeline.querySelectorAll('*').length);
  expect(nodes, 'DOM nodes in the timeline').toBeLessThan(300);
  await screenshot(page, testInfo, 'heal-scale-timeline');
});
