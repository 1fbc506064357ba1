// docs/contract.md §2 BrowserTracingOptions and §3 Requests: onRequestSpanStart / onRequestSpanEnd run for
// every request that gets a span, see what is sent and what came back, may annotate the span, and can
// neither break nor change the request.
import { expect, test } from './fixtures';
import { httpSpan, requestWithId, tracingPage, txn, waitForTransaction, withoutLoadErrors } from './tracing-support';

// The hooks record what they saw on window.calls and tag the span, so the envelope shows they ran on it.
const HOOKS = `
  onRequestSpanStart(span, info) {
    (window.calls ??= []).push({ at: 'start', url: info.url, method: info.method, isHeaders: info.headers instanceof Headers,
      headers: Object.fromEntries(info.headers) });
    span.setAttribute('hook.start', info.method);
  },
  onRequestSpanEnd(span, info) {
    window.calls.push({ at: 'end', url: info.url, method: info.method, status: info.status,
      contentType: info.headers && info.headers.get('content-type'), error: info.error === undefined ? undefined : String(info.error && info.error.name || info.error) });
    span.setAttribute('hook.end', String(info.status));
  },`;

test('fetch and XHR: the hooks see the URL, method and headers sent, then the status and response headers; their attributes land on the span', async ({
  page,
  server,
  pageProblems,
}) => {
  await page.goto(tracingPage(server, '/app/hooks', { tracing: HOOKS, script: `window.hold = Tracewire.pushActivity('test');` }));
  const seen = await page.evaluate(async () => {
    const w = window as any;
    const f = await fetch('/api/echo?id=h-fetch', { method: 'POST', headers: { 'x-app': 'a1' }, body: 'x' });
    const x = await w.sendXhr('GET', '/api/echo?id=h-xhr', { headers: [['x-app', 'b2']] });
    return { f: f.status, x: x.status };
  });
  expect(seen).toEqual({ f: 200, x: 200 });
  await page.evaluate(() => (window as any).Tracewire.popActivity((window as any).hold));
  const event = txn(await waitForTransaction(server, 'pageload'));
  const calls: any[] = await page.evaluate(() => (window as any).calls);

  for (const [id, method, app] of [
    ['h-fetch', 'POST', 'a1'],
    ['h-xhr', 'GET', 'b2'],
  ]) {
    const url = `${server.url}/api/echo?id=${id}`;
    const start = calls.find((c) => c.at === 'start' && c.url === url);
    const end = calls.find((c) => c.at === 'end' && c.url === url);
    // What the hook was shown is what the server received.
    const sent = requestWithId(server, id!);
    expect(start).toMatchObject({ method, isHeaders: true });
    expect(start.headers['x-app']).toBe(app);
    expect(start.headers['sentry-trace']).toBe(sent.headers['sentry-trace']);
    expect(start.headers.baggage).toBe(sent.headers.baggage);
    expect(end).toMatchObject({ method, status: 200, contentType: 'application/json' });
    expect(end.error).toBeUndefined();
    const span = httpSpan(event, '/api/echo', method);
    expect(span.data['hook.start']).toBe(method);
    expect(span.data['hook.end']).toBe('200');
  }
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test('a network error: the end hook gets the error and no status or headers (fetch: the rejection; XHR: the event type)', async ({
  page,
  server,
}) => {
  await page.goto(tracingPage(server, '/app/hooks-error', { tracing: HOOKS, script: `window.hold = Tracewire.pushActivity('test');` }));
  const dead = 'http://127.0.0.1:9/nothing-listens';
  const seen = await page.evaluate(async (url) => {
    const w = window as any;
    const f = await fetch(url).then(
      () => 'resolved',
      (e) => e.name,
    );
    const x = await w.sendXhr('GET', url);
    return { f, x: x.status };
  }, dead);
  expect(seen).toEqual({ f: 'TypeError', x: 0 });
  const ends: any[] = (await page.evaluate(() => (window as any).calls)).filter((c: any) => c.at === 'end');
  expect(ends).toEqual([
    { at: 'end', url: dead, method: 'GET', error: 'TypeError' },
    { at: 'end', url: dead, method: 'GET', error: 'error' },
  ]);
});

test('hooks that throw are logged and ignored: the page gets its responses; a request without a span calls no hook (control)', async ({
  page,
  server,
  pageProblems,
}) => {
  const logs: string[] = [];
  page.on('console', (m) => logs.push(m.text()));
  await page.goto(
    tracingPage(server, '/app/hooks-throw', {
      init: 'debug: true,',
      tracing: `onRequestSpanStart() { window.started = (window.started || 0) + 1; throw new Error('start boom'); },
        onRequestSpanEnd() { throw new Error('end boom'); },
        shouldCreateSpanForRequest: (url) => !url.includes('no-span'),`,
      script: `window.hold = Tracewire.pushActivity('test');`,
    }),
  );
  const seen = await page.evaluate(async () => {
    const w = window as any;
    const f = await fetch('/api/echo?id=t-fetch').then((r) => r.json());
    const x = await w.sendXhr('GET', '/api/echo?id=t-xhr');
    await fetch('/api/echo?id=no-span');
    return { f: f.query.id, x: JSON.parse(x.text).query.id, started: w.started };
  });
  expect(seen).toEqual({ f: 't-fetch', x: 't-xhr', started: 2 });
  expect(requestWithId(server, 't-fetch').headers['sentry-trace']).toBeDefined();
  expect(logs.some((l) => /onRequestSpanStart threw/.test(l) && /start boom/.test(l))).toBe(true);
  expect(logs.some((l) => /onRequestSpanEnd threw/.test(l) && /end boom/.test(l))).toBe(true);
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});
