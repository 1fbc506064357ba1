// docs/contract.md §3 Redirects: a navigation right after the open one started, with no click or key
// press since, folds into it; user input makes the same history change a navigation of its own.
import { expect, test } from './fixtures';
import { settlePageload, spansOf, tracingPage, transactions, txn, waitForTransaction } from './tracing-support';

// The page sends its visitor on at once, as a client-side redirect does.
const redirectAtOnce = `history.replaceState({}, '', '/landing');`;

test('a history change right after the pageload started, without input, is folded into the pageload', async ({ page, server, pageProblems }) => {
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

// The pageload is held open, so the history change happens while it is open, as in the folded case.
const pageWithInput = `
window.hold = Tracewire.pushActivity('test');
document.getElementById('go').addEventListener('click', () => history.pushState({}, '', '/clicked'));
document.getElementById('field').addEventListener('keydown', (e) => {
  if (e.key === 'Enter') history.pushState({}, '', '/typed');
});`;
const inputBody = '<button id="go">go</button><input id="field">';

for (const [how, act, path] of [
  ['a real click', (p: import('@playwright/test').Page) => p.click('#go'), '/clicked'],
  ['a real key press', (p: import('@playwright/test').Page) => p.press('#field', 'Enter'), '/typed'],
] as const) {
  test(`a history change after ${how} is a navigation, not a redirect`, async ({ page, server, pageProblems }) => {
    await page.goto(tracingPage(server, '/start', { body: inputBody, script: pageWithInput }));
    await act(page);
    const sinceStart = await page.evaluate(() => performance.now());
    const nav = txn(await waitForTransaction(server, 'navigation', path));
    const pageload = transactions(server, 'pageload')[0];
    expect(pageload.transaction).toBe('/start');
    expect(pageload.contexts.trace.status).toBe('cancelled');
    expect(spansOf(pageload, 'navigation.redirect')).toEqual([]);
    expect(nav.contexts.trace.trace_id).not.toBe(pageload.contexts.trace.trace_id);
    expect(pageProblems).toEqual([]);
    // Only meaningful if the input came within the redirect window: outside it, it is a navigation anyway.
    test.skip(sinceStart >= 1500, `the ${how} came ${Math.round(sinceStart)} ms after the start, outside the redirect window`);
  });
}
