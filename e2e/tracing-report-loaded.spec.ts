// docs/contract.md §3 Manual pageload end: with enableReportPageLoaded, the pageload ends at
// reportPageLoaded() and not when it goes idle; without the option the call does nothing.
import { expect, test } from './fixtures';
import { FINISH_REASON, settlePageload, spansOf, tracingPage, transactions, txn, waitForTransaction } from './tracing-support';

// A request the page makes at once; the test decides when the page is "loaded".
const quick = `window.quick = fetch('/api/echo?id=quick');`;
// And one that stays open until the page goes away.
const slow = `${quick}
fetch('/api/delay?ms=20000&id=slow').catch(() => undefined);`;

test('enableReportPageLoaded: the pageload stays open past idleness and ends at reportPageLoaded()', async ({
  page,
  server,
  pageProblems,
}) => {
  await page.goto(tracingPage(server, '/dashboard', { script: quick, tracing: 'enableReportPageLoaded: true,' }));
  await page.evaluate(() => (window as any).quick);
  // The idle timeout (300 ms) would have ended it long ago.
  await page.waitForTimeout(1500);
  expect(transactions(server, 'pageload')).toEqual([]);
  expect(await page.evaluate(() => (window as any).Tracewire.getPageloadSpan()?.isRecording())).toBe(true);

  const calledAt = await page.evaluate(() => {
    const now = Date.now();
    (window as any).Tracewire.reportPageLoaded();
    return now / 1000;
  });
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  expect(pageload.contexts.trace.data[FINISH_REASON]).toBe('reportPageLoaded');
  expect(pageload.timestamp, 'ended at the call, not trimmed to its last child').toBeGreaterThanOrEqual(calledAt - 0.001);
  expect(spansOf(pageload, 'http.client').length).toBeGreaterThan(0);
  expect(pageProblems).toEqual([]);
});

test('open children are cancelled as the pageload ends at reportPageLoaded()', async ({ page, server }) => {
  await page.goto(tracingPage(server, '/dashboard', { script: slow, tracing: 'enableReportPageLoaded: true,' }));
  await page.evaluate(() => (window as any).quick);
  await page.evaluate(() => (window as any).Tracewire.reportPageLoaded());
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  expect(pageload.contexts.trace.data[FINISH_REASON]).toBe('reportPageLoaded');
  const open = spansOf(pageload, 'http.client').find((s) => String(s.data.url).includes('/api/delay'));
  expect(open.status).toBe('cancelled');
});

test('without the option, reportPageLoaded() does nothing and the pageload ends when idle (control)', async ({
  page,
  server,
  pageProblems,
}) => {
  // Held open, so that the call comes while the pageload is open.
  await page.goto(tracingPage(server, '/dashboard', { script: `${quick}\nwindow.hold = Tracewire.pushActivity('test');` }));
  await page.evaluate(() => {
    const tw = (window as any).Tracewire;
    tw.reportPageLoaded();
    tw.popActivity((window as any).hold);
  });
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  expect(pageload.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  await settlePageload(page);
  expect(pageProblems).toEqual([]);
});
