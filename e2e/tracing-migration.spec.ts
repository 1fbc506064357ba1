// Issue 17, coming from Sentry: what a migrating app relies on (docs/contract.md §2, §3, §4), as the
// CDN bundle records it in Chromium.
import { expect, test } from './fixtures';
import { FINISH_REASON, settlePageload, spansOf, tracingPage, transactions, txn, waitForTransaction } from './tracing-support';

test('an attribute with a cycle, a BigInt or a function does not lose the transaction', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/attrs', { tracing: 'instrumentPageLoad: false,' }));
  await page.evaluate(() => {
    const cyclic: any = { step: 2 };
    cyclic.self = cyclic;
    (window as any).Tracewire.startSpan({ name: 'checkout', op: 'ui.action' }, (span: any) => {
      span.setAttribute('cart', cyclic);
      span.setAttribute('total', 10n);
      span.setAttributes({ onDone: () => 1, tags: ['a', 'b'] });
      (window as any).Tracewire.setMeasurement('cart.items', 3);
      (window as any).json = (window as any).Tracewire.spanToJSON(span);
    });
  });
  // The migration helpers are on window.Tracewire too.
  const json = await page.evaluate(() => (window as any).json);
  expect(json).toMatchObject({ description: 'checkout', op: 'ui.action', origin: 'manual', data: { total: '10n' } });
  const event = txn(await waitForTransaction(server, 'ui.action', 'checkout'));
  expect(event.contexts.trace.data).toMatchObject({
    cart: '{"step":2,"self":"[Circular]"}',
    total: '10n',
    onDone: '[Function: onDone]',
    tags: ['a', 'b'],
    'sentry.origin': 'manual',
    'sentry.op': 'ui.action',
  });
  expect(event.contexts.trace.origin).toBe('manual');
  expect(event.contexts.trace.span_id).toBe(json.span_id);
  expect(event.measurements).toEqual({ 'cart.items': { value: 3, unit: '' } });
  expect(pageProblems).toEqual([]);
});

test('request spans: url.full, http.fragment, http.response_content_length; data: and blob: URLs by their start', async ({
  page,
  server,
  pageProblems,
}) => {
  await page.goto(
    tracingPage(server, '/requests', {
      script: `
window.hold = Tracewire.pushActivity('requests');
(async () => {
  await fetch('/api/delay?ms=0&id=f1#part-2');
  await new Promise((resolve) => { const x = new XMLHttpRequest(); x.open('GET', '/api/delay?ms=1&id=x1'); x.onloadend = resolve; x.send(); });
  await fetch('data:text/plain;base64,' + btoa('hello world, this is a long inline body'.repeat(4)));
  await fetch(URL.createObjectURL(new Blob(['blob body'])));
  Tracewire.popActivity(window.hold);
})();`,
    }),
  );
  const event = txn(await waitForTransaction(server, 'pageload'));
  const fetchSpan = spansOf(event, 'http.client').find((s) => s.data.type === 'fetch' && s.data['http.query'] === '?ms=0&id=f1')!;
  // The response bodies are {"ms":0} and {"ms":1}: 8 bytes each.
  expect(fetchSpan.data).toMatchObject({
    url: `${server.url}/api/delay`,
    'url.full': `${server.url}/api/delay?ms=0&id=f1`,
    'http.response_content_length': 8,
    'http.fragment': '#part-2',
    'sentry.op': 'http.client',
    'sentry.origin': 'auto.http.browser.fetch',
  });
  const xhr = spansOf(event, 'http.client').find((s) => s.data.type === 'xhr')!;
  expect(xhr.data['url.full']).toBe(`${server.url}/api/delay?ms=1&id=x1`);
  expect(xhr.data).not.toHaveProperty('http.fragment');
  expect(xhr.data['http.response_content_length']).toBe(8);
  const inline = spansOf(event, 'http.client').filter((s) => /^GET (data|blob):/.test(s.description));
  expect(inline.map((s) => s.description.slice(0, 9)).sort()).toEqual(['GET blob:', 'GET data:']);
  for (const s of inline) {
    expect(s.description).not.toContain('null');
    expect(s.description.length).toBeLessThanOrEqual('GET '.length + 'data:'.length + 30 + 1);
  }
  expect(pageProblems).toEqual([]);
});

test('request.url is the page the transaction started on; the event carries the User-Agent', async ({ page, server, pageProblems }) => {
  // Not a redirect: the change comes right after load without input, which redirect detection would fold.
  const url = `${tracingPage(server, '/first', { tracing: 'detectRedirects: false,', script: `fetch('/api/delay?ms=3000&id=slow');` })}?x=1`;
  await page.goto(url);
  // The pageload is still open (the slow request): a navigation cuts it short.
  await page.evaluate(() => history.pushState({}, '', '/second'));
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  expect(pageload.contexts.trace.data[FINISH_REASON]).toBe('cancelled');
  expect(pageload.request.url).toBe(url);
  const userAgent = await page.evaluate(() => navigator.userAgent);
  expect(pageload.request.headers).toEqual({ 'User-Agent': userAgent });
  // Control: the navigation's own URL is the new one.
  const nav = txn(await waitForTransaction(server, 'navigation', '/second'));
  expect(nav.request.url).toBe(`${server.url}/second`);
  expect(pageProblems).toEqual([]);
});

// Route changes here come without input soon after the last one: redirect detection is off so that
// each is a navigation (redirects have their own spec).
const hashApp = {
  tracing: 'detectRedirects: false,',
  body: `<nav><a id="to-user" href="#/users/1">User 1</a> <a id="to-section" href="#section">Section</a></nav>
<h2 id="section">Section</h2>`,
};

test('a hash router: route changes by link and by location.hash are navigations named path#/route', async ({
  page,
  server,
  pageProblems,
}) => {
  await page.goto(`${tracingPage(server, '/app/', hashApp)}#/home?tab=1`);
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  expect(pageload.transaction).toBe('/app/#/home');
  await page.click('#to-user');
  const first = txn(await waitForTransaction(server, 'navigation', '/app/#/users/1'));
  expect(first.transaction_info).toEqual({ source: 'url' });
  expect(first.contexts.trace.trace_id).not.toBe(pageload.contexts.trace.trace_id);
  await page.evaluate(() => {
    location.hash = '#!/users/2?tab=posts';
  });
  await waitForTransaction(server, 'navigation', '/app/#!/users/2');
  await page.evaluate(() => history.pushState({}, '', '/app/#/settings'));
  await waitForTransaction(server, 'navigation', '/app/#/settings');
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(transactions(server, 'navigation').map((e) => e.transaction)).toEqual(['/app/#/users/1', '/app/#!/users/2', '/app/#/settings']);
  expect(pageProblems).toEqual([]);
});

test('control: a plain #anchor is no navigation and not part of the name', async ({ page, server, pageProblems }) => {
  await page.goto(`${tracingPage(server, '/docs/intro', hashApp)}#section`);
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  expect(pageload.transaction).toBe('/docs/intro');
  await page.click('#to-section');
  await page.evaluate(() => {
    location.hash = '#other';
  });
  // A route change afterwards shows the listeners were live: only it is a navigation.
  await page.evaluate(() => history.pushState({}, '', '/docs/next'));
  await waitForTransaction(server, 'navigation', '/docs/next');
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(transactions(server, 'navigation').map((e) => e.transaction)).toEqual(['/docs/next']);
  expect(pageProblems).toEqual([]);
});

// A polling loop: a new slow request every 100 ms, so one is always open.
const polling = `
window.polls = 0;
setInterval(() => { window.polls++; fetch('/api/delay?ms=250&id=poll' + window.polls); }, 100);
fetch('/api/echo?id=real');`;

test('ignoreSpans: a polling loop no longer holds the pageload open', async ({ page, server, pageProblems }) => {
  await page.goto(
    tracingPage(server, '/poll', {
      init: `ignoreSpans: [{ op: 'http.client', name: '/api/delay' }],`,
      tracing: 'finalTimeout: 4000,',
      script: polling,
    }),
  );
  const event = txn(await waitForTransaction(server, 'pageload'));
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  expect(spansOf(event, 'http.client').map((s) => s.data.url)).toEqual([`${server.url}/api/echo`]);
  // Ignored requests still carry the trace, pointing at the pageload.
  const polled = server.requests((r) => r.path === '/api/delay')[0]!;
  expect(polled.headers['sentry-trace']).toMatch(new RegExp(`^${event.contexts.trace.trace_id}-${event.contexts.trace.span_id}-1$`));
  expect(pageProblems).toEqual([]);
});

test('control: without ignoreSpans the same polling loop holds the pageload until finalTimeout', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/poll', { tracing: 'finalTimeout: 4000,', script: polling }));
  const event = txn(await waitForTransaction(server, 'pageload', undefined, 15_000));
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('finalTimeout');
  expect(spansOf(event, 'http.client').filter((s) => s.data.url.endsWith('/api/delay')).length).toBeGreaterThan(1);
  expect(pageProblems).toEqual([]);
});

/** Hides the tab as far as the page can tell, with a visibilitychange that does not bubble. */
const hideWithoutBubbling = (state: 'hidden' | 'visible') => `
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${state}' });
document.dispatchEvent(new Event('visibilitychange'));`;

test('a visibilitychange that does not bubble still ends the open pageload, once', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/hidden', { script: `fetch('/api/delay?ms=5000&id=slow');` }));
  await page.evaluate(hideWithoutBubbling('hidden'));
  const event = txn(await waitForTransaction(server, 'pageload'));
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('documentHidden');
  expect(event.contexts.trace.status).toBe('cancelled');
  await settlePageload(page);
  expect(transactions(server, 'pageload')).toHaveLength(1);
  expect(pageProblems).toEqual([]);
});

test('control: the same event while the page stays visible ends nothing', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/visible', { script: `fetch('/api/delay?ms=1500&id=slow');` }));
  await page.evaluate(hideWithoutBubbling('visible'));
  expect(await page.evaluate(() => (window as any).Tracewire.getPageloadSpan()?.isRecording())).toBe(true);
  const event = txn(await waitForTransaction(server, 'pageload'));
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  expect(pageProblems).toEqual([]);
});
