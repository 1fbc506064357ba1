// docs/contract.md §3 Navigation: history changes start `navigation` transactions, each in a new trace.
import { expect, test } from './fixtures';
import {
  FINISH_REASON,
  HEX32,
  parseSentryTraceHeader,
  requestWithId,
  spansOf,
  tracingPage,
  transactions,
  txn,
  waitForTransaction,
} from './tracing-support';

test('pushState to another path: a navigation transaction in a new trace, once', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/app/home'));
  const pageload = txn(await waitForTransaction(server, 'pageload', '/app/home'));

  const before = Date.now() / 1000;
  await page.evaluate(async () => {
    history.pushState({ step: 1 }, '', '/app/list?sort=asc');
    await fetch('/api/echo?id=in-nav');
  });
  const nav = txn(await waitForTransaction(server, 'navigation', '/app/list'));
  expect(nav.transaction_info).toEqual({ source: 'url' });
  expect(nav.contexts.trace.trace_id).toMatch(HEX32);
  expect(nav.contexts.trace.trace_id, 'a navigation starts a new trace').not.toBe(pageload.contexts.trace.trace_id);
  expect(nav.contexts.trace.parent_span_id).toBeUndefined();
  expect(nav.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  expect(nav.start_timestamp).toBeGreaterThanOrEqual(before - 1); // generous: only rules out "time origin"
  expect(nav.start_timestamp).toBeGreaterThan(pageload.timestamp - 0.001);
  expect(nav.request.url).toBe(`${server.url}/app/list?sort=asc`);
  // The request made during the navigation is its child and carries its trace.
  const [span] = spansOf(nav, 'http.client');
  expect(span?.parent_span_id).toBe(nav.contexts.trace.span_id);
  const header = parseSentryTraceHeader(requestWithId(server, 'in-nav').headers['sentry-trace']);
  expect(header).toEqual({ traceId: nav.contexts.trace.trace_id, spanId: span.span_id, sampled: '1' });

  // Chromium also reports pushState through the Navigation API: still only one transaction.
  await page.evaluate(() => history.pushState({}, '', '/app/detail'));
  await waitForTransaction(server, 'navigation', '/app/detail');
  expect(transactions(server, 'navigation').map((e) => e.transaction)).toEqual(['/app/list', '/app/detail']);
  expect(transactions(server, 'pageload')).toHaveLength(1);
  expect(pageProblems).toEqual([]);
});

test('replaceState to another path starts a navigation; to the same path it does not', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/app/home'));
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  await page.evaluate(() => {
    history.replaceState({}, '', '/app/home?tab=2');
    history.replaceState({}, '', '/app/home#top');
    history.replaceState({}, '', '/app/settings');
  });
  const nav = txn(await waitForTransaction(server, 'navigation', '/app/settings'));
  expect(nav.contexts.trace.trace_id).not.toBe(pageload.contexts.trace.trace_id);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(transactions(server, 'navigation').map((e) => e.transaction)).toEqual(['/app/settings']);
  expect(pageProblems).toEqual([]);
});

test('popstate (history.back) starts a navigation to the previous path', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/app/home'));
  await waitForTransaction(server, 'pageload');
  await page.evaluate(() => history.pushState({}, '', '/app/list'));
  const list = txn(await waitForTransaction(server, 'navigation', '/app/list'));
  await page.evaluate(() => new Promise<void>((resolve) => {
    addEventListener('popstate', () => resolve(), { once: true });
    history.back();
  }));
  expect(new URL(page.url()).pathname).toBe('/app/home');
  const back = txn(await waitForTransaction(server, 'navigation', '/app/home'));
  expect(back.contexts.trace.trace_id).not.toBe(list.contexts.trace.trace_id);
  expect(back.transaction_info).toEqual({ source: 'url' });
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(transactions(server, 'navigation').map((e) => e.transaction)).toEqual(['/app/list', '/app/home']);
  expect(pageProblems).toEqual([]);
});

test('hash-only and query-only changes start nothing, and keep the trace', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/app/home'));
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  await page.evaluate(async () => {
    location.hash = '#section-2';
    await new Promise((r) => addEventListener('hashchange', r, { once: true }));
    history.pushState({}, '', '/app/home?page=2');
    history.pushState({}, '', '/app/home?page=2#reviews');
    history.back(); // a popstate to the same path
    await new Promise((r) => addEventListener('popstate', r, { once: true }));
    await fetch('/api/echo?id=same-path');
  });
  // Still the pageload's trace: no navigation began.
  expect(parseSentryTraceHeader(requestWithId(server, 'same-path').headers['sentry-trace']).traceId).toBe(pageload.contexts.trace.trace_id);
  // A real path change afterwards is the first and only navigation.
  await page.evaluate(() => history.pushState({}, '', '/app/next'));
  await waitForTransaction(server, 'navigation', '/app/next');
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(transactions(server, 'navigation').map((e) => e.transaction)).toEqual(['/app/next']);
  expect(pageProblems).toEqual([]);
});

test('an open pageload ends cancelled when a navigation starts', async ({ page, server, pageProblems }) => {
  // The pageload is held open by a slow request when the app navigates.
  // Without input, a navigation this soon would be a redirect (tracing-redirects.spec.ts); this test is about cancelling.
  await page.goto(tracingPage(server, '/app/home', { script: `window.slow = fetch('/api/delay?ms=4000&id=slow');`, tracing: 'detectRedirects: false,' }));
  const wasOpen = await page.evaluate(() => {
    const tw = (window as any).Tracewire;
    const open = tw.getPageloadSpan()?.isRecording();
    history.pushState({}, '', '/app/list');
    (window as any).navHold = tw.pushActivity('until the slow request is back');
    return open;
  });
  expect(wasOpen, 'the pageload was open when the navigation started').toBe(true);

  const pageload = txn(await waitForTransaction(server, 'pageload'));
  expect(pageload.contexts.trace.status).toBe('cancelled');
  expect(pageload.contexts.trace.data[FINISH_REASON]).toBe('cancelled');
  const [slow] = spansOf(pageload, 'http.client');
  expect(slow?.status, 'the open request span is cancelled with it').toBe('cancelled');
  expect(pageload.timestamp).toBeGreaterThanOrEqual(slow.timestamp - 0.001);

  // The slow response arrives during the navigation: it is not recorded there.
  expect(await page.evaluate(() => (window as any).slow.then((r: Response) => r.status))).toBe(200);
  await page.evaluate(() => (window as any).Tracewire.popActivity((window as any).navHold));
  const nav = txn(await waitForTransaction(server, 'navigation', '/app/list'));
  expect(nav.contexts.trace.trace_id).not.toBe(pageload.contexts.trace.trace_id);
  expect(nav.start_timestamp).toBeGreaterThanOrEqual(pageload.timestamp - 0.001);
  expect(spansOf(nav, 'http.client')).toEqual([]);
  expect(pageProblems).toEqual([]);
});

test('an open navigation ends cancelled when the next one starts', async ({ page, server, pageProblems }) => {
  // Without input, the second change would be a redirect (tracing-redirects.spec.ts); this test is about cancelling.
  await page.goto(tracingPage(server, '/app/home', { tracing: 'detectRedirects: false,' }));
  await waitForTransaction(server, 'pageload');
  await page.evaluate(() => {
    history.pushState({}, '', '/app/list');
    (window as any).Tracewire.pushActivity('keeps /app/list open');
    history.pushState({}, '', '/app/detail');
  });
  const first = txn(await waitForTransaction(server, 'navigation', '/app/list'));
  expect(first.contexts.trace.status).toBe('cancelled');
  expect(first.contexts.trace.data[FINISH_REASON]).toBe('cancelled');
  const second = txn(await waitForTransaction(server, 'navigation', '/app/detail'));
  expect(second.contexts.trace.status).toBe('ok');
  expect(second.contexts.trace.trace_id).not.toBe(first.contexts.trace.trace_id);
  expect(pageProblems).toEqual([]);
});

test('beforeStartSpan renames pageload and navigation transactions', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/users/42', {
    tracing: `beforeStartSpan: (options) => ({ ...options, name: options.op + ' ' + options.name.replace(/\\/\\d+/g, '/:id') }),`,
  }));
  const pageload = await waitForTransaction(server, 'pageload');
  expect(txn(pageload).transaction).toBe('pageload /users/:id');
  expect(txn(pageload).transaction_info.source).not.toBe('url');
  expect(pageload.header.trace.transaction, 'a renamed transaction is named in the DSC').toBe('pageload /users/:id');
  await page.evaluate(() => history.pushState({}, '', '/users/7/orders/3'));
  const nav = await waitForTransaction(server, 'navigation');
  expect(txn(nav).transaction).toBe('navigation /users/:id/orders/:id');
  expect(txn(nav).transaction_info.source).not.toBe('url');
  expect(pageProblems).toEqual([]);
});

test('instrumentNavigation: false starts no navigation transactions', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/app/home', { tracing: 'instrumentNavigation: false' }));
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  await page.evaluate(async () => {
    history.pushState({}, '', '/app/list');
    await fetch('/api/echo?id=no-nav');
  });
  expect(parseSentryTraceHeader(requestWithId(server, 'no-nav').headers['sentry-trace']).traceId).toBe(pageload.contexts.trace.trace_id);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(transactions(server, 'navigation')).toEqual([]);
  expect(pageProblems).toEqual([]);
});

test('a same-document navigation through the Navigation API starts one navigation', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/app/home', {
    // An app that routes with the Navigation API: it intercepts its own same-origin navigations.
    script: `navigation.addEventListener('navigate', (e) => { if (e.canIntercept) e.intercept({ handler: async () => {} }); });`,
  }));
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  await page.evaluate(() => (window as any).navigation.navigate('/app/via-navigation-api').finished);
  expect(new URL(page.url()).pathname).toBe('/app/via-navigation-api');
  const nav = txn(await waitForTransaction(server, 'navigation', '/app/via-navigation-api'));
  expect(nav.contexts.trace.trace_id).not.toBe(pageload.contexts.trace.trace_id);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(transactions(server, 'navigation').map((e) => e.transaction)).toEqual(['/app/via-navigation-api']);
  expect(pageProblems).toEqual([]);
});
