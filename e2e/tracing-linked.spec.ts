// docs/contract.md §3 Linked traces: each pageload and navigation links to the root of the previous
// trace in the tab; with 'session-storage' across reloads too.
import { expect, test } from './fixtures';
import { settlePageload, tracingPage, txn, waitForTransaction } from './tracing-support';

const linkTo = (event: any) => [
  {
    trace_id: event.contexts.trace.trace_id,
    span_id: event.contexts.trace.span_id,
    sampled: true,
    attributes: { 'sentry.link.type': 'previous_trace' },
  },
];
const previousTrace = (event: any) => `${event.contexts.trace.trace_id}-${event.contexts.trace.span_id}-1`;

test('in-memory (default): a navigation links to the pageload; the pageload links to nothing', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/first'));
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  await settlePageload(page);
  await page.evaluate(() => history.pushState({}, '', '/second'));
  const nav = txn(await waitForTransaction(server, 'navigation', '/second'));
  expect(pageload.contexts.trace).not.toHaveProperty('links');
  expect(nav.contexts.trace.links).toEqual(linkTo(pageload));
  expect(nav.contexts.trace.data['sentry.previous_trace']).toBe(previousTrace(pageload));

  // In memory only: the next document of the tab has nothing to link to.
  server.clear();
  await page.goto(`${server.url}/first`);
  const reloaded = txn(await waitForTransaction(server, 'pageload'));
  expect(reloaded.contexts.trace).not.toHaveProperty('links');
  expect(pageProblems).toEqual([]);
});

test("'session-storage': the next document's pageload links to the last trace of the one before", async ({
  page,
  server,
  pageProblems,
}) => {
  const url = tracingPage(server, '/first', { tracing: "linkPreviousTrace: 'session-storage'," });
  await page.goto(url);
  await waitForTransaction(server, 'pageload');
  await settlePageload(page);
  await page.evaluate(() => history.pushState({}, '', '/second'));
  const nav = txn(await waitForTransaction(server, 'navigation', '/second'));
  expect(await page.evaluate(() => sessionStorage.getItem('tracewire_previous_trace')!.split('-')[0])).toBe(nav.contexts.trace.trace_id);

  server.clear();
  await page.goto(url);
  const reloaded = txn(await waitForTransaction(server, 'pageload'));
  expect(reloaded.contexts.trace.links).toEqual(linkTo(nav));
  expect(reloaded.contexts.trace.data['sentry.previous_trace']).toBe(previousTrace(nav));
  expect(pageProblems).toEqual([]);
});

test("'off' records no link (control)", async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/first', { tracing: "linkPreviousTrace: 'off'," }));
  await waitForTransaction(server, 'pageload');
  await settlePageload(page);
  await page.evaluate(() => history.pushState({}, '', '/second'));
  const nav = txn(await waitForTransaction(server, 'navigation', '/second'));
  expect(nav.contexts.trace).not.toHaveProperty('links');
  expect(nav.contexts.trace.data).not.toHaveProperty('sentry.previous_trace');
  expect(await page.evaluate(() => sessionStorage.getItem('tracewire_previous_trace'))).toBeNull();
  expect(pageProblems).toEqual([]);
});
