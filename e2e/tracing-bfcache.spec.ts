// docs/contract.md §3 Back/forward cache: a page restored from the cache starts a navigation in a new
// trace. Playwright launches Chromium with --disable-back-forward-cache; this spec launches it without.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { expect, test } from './fixtures';
import { FINISH_REASON, settlePageload, tracingPage, transactions, txn, waitForTransaction } from './tracing-support';

test.use({
  launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache'] },
});

// No unload handlers (they keep a page out of the cache); the page notes whether it was restored.
const notesRestores = `window.restored = 0;
addEventListener('pageshow', (e) => { if (e.persisted) window.restored++; });`;

type Page = import('@playwright/test').Page;

/** Back to the page; a restore from the cache fires no load event, so only the commit is awaited. */
async function goBack(page: Page): Promise<number> {
  await page.goBack({ waitUntil: 'commit' });
  await expect
    .poll(() => page.evaluate(() => (window as any).restored ?? 'a new document'), { timeout: 10_000 })
    .not.toBe('a new document');
  return page.evaluate(() => (window as any).restored);
}

async function leaveAndComeBack(page: Page, elsewhere: string): Promise<number> {
  await page.goto(elsewhere);
  return goBack(page);
}

test('a page restored from the back/forward cache starts a navigation in a new trace', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/shop/list', { script: notesRestores }));
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  await settlePageload(page);
  const elsewhere = tracingPage(server, '/elsewhere', { sdk: false });

  expect(await leaveAndComeBack(page, elsewhere), 'the page came back from the cache').toBe(1);
  const nav = txn(await waitForTransaction(server, 'navigation', '/shop/list'));
  expect(nav.transaction_info.source).toBe('url');
  expect(nav.contexts.trace.data['browser.navigation.type']).toBe('back-forward-cache');
  expect(nav.contexts.trace.trace_id).not.toBe(pageload.contexts.trace.trace_id);
  expect(pageProblems).toEqual([]);
});

test('a transaction open when the page goes into the cache is sent first, as for a hidden page', async ({ page, server }) => {
  await page.goto(tracingPage(server, '/shop/list', { script: `${notesRestores}\nTracewire.pushActivity('held open');` }));
  const elsewhere = tracingPage(server, '/elsewhere', { sdk: false });
  await page.goto(elsewhere);
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  expect(pageload.contexts.trace.data[FINISH_REASON]).toBe('documentHidden');
  expect(await goBack(page), 'the page came back from the cache').toBe(1);
  await waitForTransaction(server, 'navigation', '/shop/list');
});

test('instrumentBfcacheRestore: false starts nothing on a restore (control)', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/shop/list', { script: notesRestores, tracing: 'instrumentBfcacheRestore: false,' }));
  await waitForTransaction(server, 'pageload');
  await settlePageload(page);
  const elsewhere = tracingPage(server, '/elsewhere', { sdk: false });

  expect(await leaveAndComeBack(page, elsewhere), 'the page came back from the cache').toBe(1);
  // Anything the restore started would be open now; flush sends what has ended, so look at the span too.
  expect(await page.evaluate(() => (window as any).Tracewire.getActiveSpan())).toBeUndefined();
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(transactions(server, 'navigation')).toEqual([]);
  expect(pageProblems).toEqual([]);
});
