// docs/contract.md §3 Redirects: a navigation right after the open one started, with no click or key
// press since, folds into it; user input makes the same history change a navigation of its own.
import { expect, test } from './fixtures';
import { settlePageload, spansOf, tracingPage, transactions, txn, waitForTransaction } from './tracing-support';

// The page sends its visitor on at once, as a client-side redirect does.
const redirectAtOnce = `history.replaceState({}, '', '/landing');`;

test('a history change right after the pageload started, without input, is folded into the pageload', async ({
  page,
  server,
  pageProblems,
}) => {
  await page.goto(tracingPage(server, '/start', { script: redirectAtOnce }));
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  await settlePageload(page);
  expect(pageload.transaction, 'named from the URL, so renamed to where it landed').toBe('/landing');
  expect(pageload.transaction_info.source).toBe('url');
  const [redirect] = spansOf(pageload, 'navigation.redirect');
  expect(redirect.description).toBe('/landing');
  expect(redirect.timestamp).toBe(redirect.start_timestamp);
  expect(redirect.parent_span_id).toBe(pageload.contexts.trace.span_id);
  expect(transactions(server, 'navigation')).toEqual([]);
  expect(pageProblems).toEqual([]);
});

test('detectRedirects: false: the same history change is a navigation (control)', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/start', { script: redirectAtOnce, tracing: 'detectRedirects: false,' }));
  const nav = txn(await waitForTransaction(server, 'navigation', '/landing'));
  const pageload = transactions(server, 'pageload')[0];
  expect(pageload.transaction).toBe('/start');
  expect(pageload.contexts.trace.status).toBe('cancelled');
  expect(spansOf(pageload, 'navigation.redirect')).toEqual([]);
  expect(nav.contexts.trace.trace_id).not.toBe(pageload.contexts.trace.trace_id);
  expect(pageProblems).toEqual([]);
});

// The input comes during a navigation the test starts once the pageload has ended, so that only a
// Playwright round trip lies between that start and the input (a loaded machine can take longer than
// the redirect window to load a page). The handler notes how long after the start it ran.
const pageWithInput = `
document.getElementById('go').addEventListener('click', () => {
  window.inputAfter = performance.now() - window.navStart;
  history.pushState({}, '', '/clicked');
});
document.getElementById('field').addEventListener('keydown', (e) => {
  if (e.key !== 'Enter') return;
  window.inputAfter = performance.now() - window.navStart;
  history.pushState({}, '', '/typed');
});`;
const inputBody = '<button id="go">go</button><input id="field">';

// Real input through the browser's input pipeline, aimed before the navigation starts so that only
// the input itself lies between (Playwright's click() waits for actionability first).
type Page = import('@playwright/test').Page;
const aimClick = async (p: Page) => {
  const box = (await p.locator('#go').boundingBox())!;
  return () => p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
};
const aimKey = async (p: Page) => {
  await p.focus('#field');
  return () => p.keyboard.press('Enter');
};

for (const [how, aim, path] of [
  ['a real click', aimClick, '/clicked'],
  ['a real key press', aimKey, '/typed'],
] as const) {
  test(`a history change after ${how} is a navigation, not a redirect`, async ({ page, server, pageProblems }) => {
    await page.goto(tracingPage(server, '/start', { body: inputBody, script: pageWithInput }));
    await settlePageload(page);
    const act = await aim(page);
    await page.evaluate(() => {
      (window as any).navStart = performance.now();
      history.pushState({}, '', '/list');
      (window as any).Tracewire.pushActivity('holds /list open');
    });
    await act();
    const inputAfter = await page.evaluate(() => (window as any).inputAfter as number);
    const nav = txn(await waitForTransaction(server, 'navigation', path));
    const list = transactions(server, 'navigation', '/list')[0];
    expect(list, 'the navigation open at the input was not renamed').toBeDefined();
    expect(list.contexts.trace.status).toBe('cancelled');
    expect(spansOf(list, 'navigation.redirect')).toEqual([]);
    expect(nav.contexts.trace.trace_id).not.toBe(list.contexts.trace.trace_id);
    expect(pageProblems).toEqual([]);
    // Only meaningful if the input came within the redirect window: outside it, it is a navigation anyway.
    test.skip(inputAfter >= 1500, `the ${how} came ${Math.round(inputAfter)} ms after the navigation started, outside the redirect window`);
  });
}

test('a second history change right after a navigation started, without input, is folded into it', async ({
  page,
  server,
  pageProblems,
}) => {
  await page.goto(tracingPage(server, '/start'));
  await settlePageload(page);
  await page.evaluate(() => {
    history.pushState({}, '', '/list');
    history.replaceState({}, '', '/list/page-1');
  });
  const nav = txn(await waitForTransaction(server, 'navigation', '/list/page-1'));
  expect(spansOf(nav, 'navigation.redirect').map((s) => s.description)).toEqual(['/list/page-1']);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(transactions(server, 'navigation')).toHaveLength(1);
  expect(pageProblems).toEqual([]);
});
