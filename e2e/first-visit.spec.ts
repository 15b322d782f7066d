import type { Page } from '@playwright/test';
import { test, expect, editorText, openReady, screenshot } from './helpers.ts';
import { encodePermalink } from '../web/state/permalink.ts';

// The first five minutes: the page says what healing is (once), a keyboard-only session goes
// from load to an accepted heal and a finished run with focus where it should be after each
// step, and on a phone the failing line is highlighted in the light editor and Accept is
// reachable with a finger-sized target.

/** What has the keyboard: its data-testid, or its tag and the nearest testid around it. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const own = el.dataset.testid;
    if (own) return own;
    const around = el.closest<HTMLElement>('[data-testid]')?.dataset.testid ?? '';
    return `${el.tagName.toLowerCase()} in ${around}`;
  });
}

test('the first-visit explanation is shown once, beside Run, until dismissed', async ({ page }) => {
  await openReady(page, '/', { editor: false });
  const intro = page.getByTestId('intro');
  await expect(intro).toContainText('When your program hits an error it pauses there; a fix is proposed, you see what it changes, and the program goes on.');
  await page.getByTestId('intro-dismiss').click();
  await expect(intro).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'ready', { timeout: 45_000 });
  await expect(intro).toHaveCount(0);
  // A newcomer meets no jargon: engine, attempts, time limit and the runtime details are one click away.
  await expect(page.getByTestId('heal-engine')).toBeHidden();
  await expect(page.getByTestId('time-limit')).toBeHidden();
  await expect(page.getByTestId('blocking')).toBeHidden();
  await expect(page.getByTestId('auto-accept')).toBeVisible();
  await page.getByTestId('settings').locator('summary').click();
  await expect(page.getByTestId('heal-engine')).toBeVisible();
  // The rules engine ignores a rejection reason: no box for one.
  await expect(page.getByTestId('reject-reason')).toHaveCount(0);
});

test('a link opened in a fresh browser offers no "Restore my previous code": there is nothing of yours to restore', async ({ page }) => {
  await openReady(page, `/${encodePermalink({ code: 'print("from a link")\n', stdin: '', expectedOutput: null })}`, { editor: false });
  await expect.poll(() => editorText(page)).toBe('print("from a link")\n');
  const notice = page.getByTestId('notice-info').filter({ hasText: 'Opened a shared program' });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('button', { name: 'Restore my previous code' })).toHaveCount(0);
  // Two examples in a row: one notice (the newest, with its Undo), not a pile.
  await page.getByTestId('examples').selectOption('runtime-error');
  await page.getByTestId('examples').selectOption('input-demo');
  await expect(page.getByTestId('notice-info').filter({ hasText: 'Loaded the example' })).toHaveCount(1);
  await expect(page.getByTestId('notice-info').filter({ hasText: 'Loaded the example' })).toContainText('Reading input');
});

test('keyboard only: load → Run → the pause takes focus and is announced → Accept → the program finishes, focus back in the editor', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openReady(page);
  await page.locator('body').focus();
  // The first Tab stops are the toolbar's: Run first.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('run');
  await page.keyboard.press('Enter'); // the default example: a division by zero inside a loop
  await expect(page.getByTestId('pause-heading')).toBeFocused({ timeout: 30_000 });
  await expect(page.getByTestId('announcer')).toHaveText(/^Paused at line 9: ZeroDivisionError: division by zero$/);
  await expect(page.getByTestId('pause-heading')).toContainText('Paused at line 9 in averages: ZeroDivisionError');
  await expect(page.getByTestId('handling-code')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('accept')).toBeEnabled();
  await screenshot(page, testInfo, 'keyboard-paused');
  // From the heading, Tab walks the proposal to Accept, never leaving the pause panel.
  const path: string[] = [];
  for (let i = 0; i < 8 && (await focused(page)) !== 'accept'; i++) {
    await page.keyboard.press('Tab');
    path.push(await focused(page));
  }
  expect(path.at(-1)).toBe('accept');
  for (const stop of path) expect(stop === 'accept' || stop.endsWith('pause-panel') || stop === 'handling-code').toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('last-status')).toHaveText('last run: finished', { timeout: 30_000 });
  await expect(page.getByTestId('console')).toContainText('barbara: 88.0');
  await expect(page.getByTestId('announcer')).toHaveText('The program finished.');
  // The keyboard is back in the program (Monaco's input element), not on <body>.
  await expect.poll(() => page.evaluate(() => document.querySelector('.code-editor')?.contains(document.activeElement) ?? false)).toBe(true);
  await expect(page.getByTestId('timeline')).toContainText('accepted');
  // Every control in view has an accessible name and a visible focus ring (checked on Run).
  await page.getByTestId('run').focus();
  const outline = await page.getByTestId('run').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('390×844: one-row toolbar, the failing line highlighted with line numbers, Accept reachable and 44 px tall', async ({ page }, testInfo) => {
    await openReady(page, '/', { editor: false });
    // The light editor (no Monaco chunk on a touch phone), with line numbers.
    await expect(page.getByTestId('code')).toBeVisible();
    await expect(page.locator('.monaco-editor')).toHaveCount(0);
    const toolbar = await page.locator('.toolbar').boundingBox();
    expect(toolbar!.height).toBeLessThan(64); // one row
    const status = await page.getByTestId('status').boundingBox();
    expect(status!.height).toBeLessThan(40); // one row
    await page.getByTestId('code').fill('values = [4, 2, 0, 1]\ntotal = 0\nfor v in values:\n    total += 12 // v\nprint("total", total)\n');
    await expect(page.getByTestId('plain-gutter')).toContainText('5');
    await page.getByTestId('run').tap();
    await expect(page.getByTestId('pause-heading')).toBeFocused({ timeout: 30_000 });
    const highlight = page.getByTestId('plain-highlight');
    await expect(highlight).toHaveAttribute('data-line', '4');
    await expect(highlight).toHaveAttribute('data-kind', 'paused');
    await expect(highlight).toBeVisible();
    await expect(page.locator('.plain-line-paused')).toHaveText('4');
    const accept = page.getByTestId('accept');
    await expect(accept).toBeEnabled({ timeout: 30_000 });
    await screenshot(page, testInfo, 'phone-paused');
    await accept.scrollIntoViewIfNeeded();
    await expect(accept).toBeInViewport();
    expect((await accept.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    // Every visible control is at least 24×24 px.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, select, summary, input')]
        .filter((el) => el.checkVisibility())
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ el, box }) => `${el.dataset.testid ?? el.textContent?.trim().slice(0, 20)} ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    expect(small).toEqual([]);
    await accept.tap();
    await expect(page.getByTestId('last-status')).toHaveText('last run: finished', { timeout: 30_000 });
    // Focus goes to the output, not the editor (that would open the on-screen keyboard).
    await expect(page.getByTestId('console')).toBeFocused();
    await expect(page.getByTestId('console')).toContainText('total');
    // The rest of the toolbar is in the More menu.
    await page.getByTestId('more-menu').tap();
    await expect(page.getByTestId('menu-share')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('menu-share')).toHaveCount(0);
    await expect(page.getByTestId('more-menu')).toBeFocused();
  });
});
