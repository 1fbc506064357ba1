// docs/contract.md §3 Requests and §4 headers: http.client spans for fetch and XHR, and which requests carry
// sentry-trace / baggage / traceparent, as the recording server received them.
import type { Page } from '@playwright/test';
import { expect, type RecordedRequest, type RecordingServer, test } from './fixtures';
import {
  baggageMembers,
  FINISH_REASON,
  HEX16,
  httpSpan,
  parseSentryTraceHeader,
  requestWithId,
  sentryBaggage,
  settlePageload,
  spansOf,
  tracingPage,
  txn,
  waitForTransaction,
  withoutLoadErrors,
} from './tracing-support';

const TRACE_HEADERS = ['sentry-trace', 'baggage', 'traceparent'];

/**
 * Opens a page whose pageload is held open (a pushActivity) until `release`, so that every request
 * the test makes is a child of the pageload however slow the machine is.
 */
async function openHeld(page: Page, server: RecordingServer, o: { init?: string; tracing?: string } = {}): Promise<void> {
  await page.goto(tracingPage(server, '/app/requests', { ...o, script: `window.hold = Tracewire.pushActivity('test');` }));
}

async function releasePageload(page: Page, server: RecordingServer): Promise<any> {
  await page.evaluate(() => (window as any).Tracewire.popActivity((window as any).hold));
  return txn(await waitForTransaction(server, 'pageload'));
}

const noTraceHeaders = (r: RecordedRequest): string[] => TRACE_HEADERS.filter((h) => h in r.headers);

test('fetch and XHR get http.client spans: description, data, status, parent', async ({ page, server, pageProblems }) => {
  await openHeld(page, server);
  const seen = await page.evaluate(async () => {
    const w = window as any;
    const post = await fetch('/api/echo?id=f-post&q=secret', { method: 'post', body: 'hello' });
    const put = await w.sendXhr('PUT', '/api/status?code=404&id=x-put');
    const failing = await fetch('/api/status?code=503&id=f-503');
    const sync = w.sendSyncXhr('GET', '/api/echo?id=x-sync');
    return { post: post.status, put: put.status, failing: failing.status, sync: sync.status };
  });
  expect(seen).toEqual({ post: 200, put: 404, failing: 503, sync: 200 });
  const event = await releasePageload(page, server);
  const root = event.contexts.trace;

  const cases = [
    { path: '/api/echo', id: 'f-post', method: 'POST', status: 200, type: 'fetch' },
    { path: '/api/status', id: 'x-put', method: 'PUT', status: 404, type: 'xhr' },
    { path: '/api/status', id: 'f-503', method: 'GET', status: 503, type: 'fetch' },
    { path: '/api/echo', id: 'x-sync', method: 'GET', status: 200, type: 'xhr' },
  ];
  for (const c of cases) {
    const span = httpSpan(event, c.path, c.method);
    // The URL without its query, as written or made absolute (docs/contract.md §3 leaves the form open).
    expect([c.path, `${server.url}${c.path}`]).toContain(span.data.url);
    expect(span.description).toBe(`${c.method} ${span.data.url}`);
    expect(span.data['http.method']).toBe(c.method);
    expect(span.data['http.response.status_code']).toBe(c.status);
    expect(span.data.type).toBe(c.type);
    expect(span.parent_span_id).toBe(root.span_id);
    expect(span.trace_id).toBe(root.trace_id);
    expect(span.timestamp).toBeGreaterThanOrEqual(span.start_timestamp);
    // The request names this span as its parent.
    const header = parseSentryTraceHeader(requestWithId(server, c.id, c.path).headers['sentry-trace']);
    expect(header).toEqual({ traceId: root.trace_id, spanId: span.span_id, sampled: '1' });
  }
  expect(spansOf(event, 'http.client')).toHaveLength(cases.length);
  expect(JSON.stringify(spansOf(event, 'http.client').map((s) => [s.description, s.data.url])), 'no query in span names').not.toContain('?');
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test('an XHR whose open threw gets no span when sent, so the pageload still ends idle', async ({ page, server, pageProblems }) => {
  await openHeld(page, server);
  const thrown = await page.evaluate(() => {
    const names: string[] = [];
    for (const method of ['BAD METHOD', 'TRACE', 'GET']) {
      const xhr = new XMLHttpRequest();
      try {
        xhr.open(method, `/api/echo?id=open-${method.split(' ')[0]}`);
      } catch (e) {
        names.push(`open ${(e as Error).name}`);
      }
      try {
        xhr.send();
      } catch (e) {
        names.push(`send ${(e as Error).name}`);
      }
    }
    return names;
  });
  expect(thrown).toEqual(['open SyntaxError', 'send InvalidStateError', 'open SecurityError', 'send InvalidStateError']);
  await page.waitForFunction(() => performance.getEntriesByName(`${location.origin}/api/echo?id=open-GET`).length > 0);
  const event = await releasePageload(page, server);
  // The control: the XHR that opened is traced; the two that did not are not, and leave no open span.
  expect(spansOf(event, 'http.client').map((s) => s.description)).toEqual([`GET ${server.url}/api/echo`]);
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test('one XHR used for several requests: each gets its own span; one dropped by open ends cancelled', async ({ page, server, pageProblems }) => {
  await openHeld(page, server);
  const seen = await page.evaluate(async () => {
    const done = (xhr: XMLHttpRequest): Promise<number> => new Promise((ok) => xhr.addEventListener('loadend', () => ok(xhr.status), { once: true }));
    const reused = new XMLHttpRequest();
    const statuses: number[] = [];
    for (const url of ['/api/status?code=404&id=reuse-1', '/api/echo?id=reuse-2']) {
      reused.open('GET', url);
      reused.send();
      statuses.push(await done(reused));
    }
    // `open` while the first request is in flight drops it: it gets no event at all.
    const reopened = new XMLHttpRequest();
    reopened.open('GET', '/api/delay?ms=3000&id=dropped');
    reopened.send();
    reopened.open('POST', '/api/status?code=201&id=after-drop');
    reopened.send('x');
    statuses.push(await done(reopened));
    return statuses;
  });
  expect(seen).toEqual([404, 200, 201]);
  const event = await releasePageload(page, server);
  expect(httpSpan(event, '/api/status').data['http.response.status_code']).toBe(404);
  expect(httpSpan(event, '/api/echo').data['http.response.status_code']).toBe(200);
  const dropped = httpSpan(event, '/api/delay');
  expect(dropped.status).toBe('cancelled');
  expect(dropped.data['http.response.status_code']).toBeUndefined();
  // Ended when it was dropped, not when the request that replaced it completed.
  const after = httpSpan(event, '/api/status', 'POST');
  expect(after.data['http.response.status_code']).toBe(201);
  expect(dropped.timestamp).toBeLessThanOrEqual(after.start_timestamp);
  expect(spansOf(event, 'http.client')).toHaveLength(4);
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test('every fetch argument form keeps its headers and gets the trace headers exactly once', async ({ page, server, pageProblems }) => {
  await openHeld(page, server);
  const callerObjects = await page.evaluate(async () => {
    const asObject = { 'x-app': 'object' };
    const asHeaders = new Headers({ 'x-app': 'headers' });
    const asPairs = [['x-app', 'pairs']] as [string, string][];
    const request = new Request('/api/echo?id=request', { headers: { 'x-app': 'request' } });
    const postRequest = new Request('/api/echo?id=request-post', { method: 'POST', body: 'payload', headers: { 'x-app': 'request-post' } });
    const requestWithInit = new Request('/api/echo?id=request-init', { headers: { 'x-app': 'replaced' } });
    const bodies = await Promise.all([
      fetch('/api/echo?id=string'),
      fetch('/api/echo?id=object', { headers: asObject }),
      fetch('/api/echo?id=headers', { headers: asHeaders }),
      fetch('/api/echo?id=pairs', { headers: asPairs }),
      fetch(new URL('/api/echo?id=url', location.href), { headers: { 'x-app': 'url' } }),
      fetch(request),
      fetch(postRequest),
      fetch(requestWithInit, { headers: { 'x-app': 'request-init' } }),
      fetch(`${location.origin}/api/echo?id=absolute`, { method: 'PUT', body: 'put-body', headers: { 'x-app': 'absolute' } }),
    ].map((p) => p.then((r) => r.json())));
    return {
      // What the caller passed in is not modified.
      object: Object.keys(asObject),
      headers: [...asHeaders.keys()],
      pairs: JSON.stringify(asPairs),
      request: [...request.headers.keys()],
      postRequest: [...postRequest.headers.keys()],
      echoedBodies: bodies.map((b: any) => b.body),
    };
  });
  expect(callerObjects.object).toEqual(['x-app']);
  expect(callerObjects.headers).toEqual(['x-app']);
  expect(callerObjects.pairs).toBe('[["x-app","pairs"]]');
  expect(callerObjects.request).toEqual(['x-app']);
  expect(callerObjects.postRequest).toEqual(['content-type', 'x-app']);

  const event = await releasePageload(page, server);
  const traceId = event.contexts.trace.trace_id;
  const expected: Record<string, { app?: string; method?: string; body?: string }> = {
    string: {},
    object: { app: 'object' },
    headers: { app: 'headers' },
    pairs: { app: 'pairs' },
    url: { app: 'url' },
    request: { app: 'request' },
    'request-post': { app: 'request-post', method: 'POST', body: 'payload' },
    'request-init': { app: 'request-init' },
    absolute: { app: 'absolute', method: 'PUT', body: 'put-body' },
  };
  for (const [id, want] of Object.entries(expected)) {
    const r = requestWithId(server, id);
    expect(r.headers['x-app'], `${id}: the caller's header`).toBe(want.app);
    expect(r.method, `${id}: method`).toBe(want.method ?? 'GET');
    expect(r.body, `${id}: body`).toBe(want.body ?? '');
    const header = parseSentryTraceHeader(r.headers['sentry-trace']); // one value, well formed
    expect(header.traceId, `${id}: trace`).toBe(traceId);
    expect(header.sampled).toBe('1');
    const bag = sentryBaggage(r.headers.baggage); // fails on a repeated key
    expect(bag.trace_id, `${id}: baggage trace`).toBe(traceId);
    expect(baggageMembers(r.headers.baggage).every((m) => m.startsWith('sentry-'))).toBe(true);
  }
  expect(spansOf(event, 'http.client')).toHaveLength(Object.keys(expected).length);
  expect(pageProblems).toEqual([]);
});

test('an existing sentry-trace header is left alone; existing baggage is kept and extended once', async ({ page, server, pageProblems }) => {
  const theirs = '0123456789abcdef0123456789abcdef-0123456789abcdef-1';
  await openHeld(page, server);
  await page.evaluate(async (theirs) => {
    const w = window as any;
    await fetch('/api/echo?id=st-fetch', { headers: { 'sentry-trace': theirs } });
    await fetch(new Request('/api/echo?id=st-request', { headers: { 'Sentry-Trace': theirs } }));
    await w.sendXhr('GET', '/api/echo?id=st-xhr', { headers: [['sentry-trace', theirs]] });
    await fetch('/api/echo?id=bag-fetch', { headers: { baggage: 'vendor=1,other=two;prop' } });
    await w.sendXhr('GET', '/api/echo?id=bag-xhr', { headers: [['baggage', 'vendor=1']] });
    await fetch('/api/echo?id=bag-sentry', { headers: { baggage: `sentry-trace_id=${theirs.slice(0, 32)},vendor=1` } });
    await w.sendXhr('GET', '/api/echo?id=bag-sentry-xhr', { headers: [['baggage', `vendor=1,sentry-sampled=false`]] });
  }, theirs);
  const event = await releasePageload(page, server);
  const traceId = event.contexts.trace.trace_id;

  for (const id of ['st-fetch', 'st-request', 'st-xhr']) {
    expect(requestWithId(server, id).headers['sentry-trace'], `${id}: the page's own sentry-trace`).toBe(theirs);
  }
  // Third-party entries first, as given, then ours once.
  const bagFetch = requestWithId(server, 'bag-fetch').headers.baggage;
  expect(baggageMembers(bagFetch).slice(0, 2)).toEqual(['vendor=1', 'other=two;prop']);
  expect(sentryBaggage(bagFetch)).toMatchObject({ trace_id: traceId, sampled: 'true' });
  const bagXhr = requestWithId(server, 'bag-xhr').headers.baggage;
  expect(baggageMembers(bagXhr)[0]).toBe('vendor=1');
  expect(sentryBaggage(bagXhr)).toMatchObject({ trace_id: traceId, sampled: 'true' });
  // A baggage that already has sentry- entries is sent as it was.
  expect(requestWithId(server, 'bag-sentry').headers.baggage).toBe(`sentry-trace_id=${theirs.slice(0, 32)},vendor=1`);
  expect(requestWithId(server, 'bag-sentry-xhr').headers.baggage).toBe('vendor=1,sentry-sampled=false');
  expect(pageProblems).toEqual([]);
});

test('baggage stays within 64 members and 8192 bytes; third-party entries are all kept', async ({ page, server, pageProblems }) => {
  await openHeld(page, server);
  const sent = await page.evaluate(async () => {
    const many = Array.from({ length: 61 }, (_, i) => `k${i}=v${i}`).join(',');
    const big = `big=${'x'.repeat(8150)}`;
    await fetch('/api/echo?id=many', { headers: { baggage: many } });
    await fetch('/api/echo?id=big', { headers: { baggage: big } });
    await (window as any).sendXhr('GET', '/api/echo?id=many-xhr', { headers: [['baggage', many]] });
    return { many, big };
  });
  for (const id of ['many', 'many-xhr']) {
    const members = baggageMembers(requestWithId(server, id).headers.baggage);
    expect(members.length, `${id}: at most 64 members`).toBeLessThanOrEqual(64);
    expect(members.slice(0, 61), `${id}: the page's members, in order`).toEqual(sent.many.split(','));
    sentryBaggage(requestWithId(server, id).headers.baggage); // no repeated sentry- key
  }
  const big = requestWithId(server, 'big').headers.baggage!;
  expect(new TextEncoder().encode(big).length, 'at most 8192 bytes').toBeLessThanOrEqual(8192);
  expect(baggageMembers(big)[0]).toBe(sent.big);
  await releasePageload(page, server);
  expect(pageProblems).toEqual([]);
});

test('same origin by default: cross-origin requests get no trace headers and no preflight', async ({ page, server, pageProblems }) => {
  await openHeld(page, server, { init: 'propagateTraceparent: true,' });
  const statuses = await page.evaluate(async (cross) => {
    const w = window as any;
    const a = await fetch(`${cross}/api/echo?id=cross-fetch`);
    const b = await fetch(new Request(`${cross}/api/echo?id=cross-request`, { method: 'POST', body: 'x' }));
    const c = await w.sendXhr('GET', `${cross}/api/echo?id=cross-xhr`);
    const d = await fetch('/api/echo?id=same');
    return [a.status, b.status, c.status, d.status];
  }, server.crossUrl);
  expect(statuses).toEqual([200, 200, 200, 200]);
  for (const id of ['cross-fetch', 'cross-request', 'cross-xhr']) {
    const r = requestWithId(server, id);
    expect(r.cross).toBe(true);
    expect(noTraceHeaders(r), `${id} carries no trace headers`).toEqual([]);
  }
  expect(server.preflights(), 'no CORS preflight was caused').toEqual([]);
  expect(noTraceHeaders(requestWithId(server, 'same'))).toEqual(TRACE_HEADERS);
  // The cross-origin requests are still recorded as spans.
  const event = await releasePageload(page, server);
  expect(spansOf(event, 'http.client').filter((s) => String(s.data.url).startsWith(server.crossUrl))).toHaveLength(3);
  expect(pageProblems).toEqual([]);
});

test('tracePropagationTargets string: a cross-origin URL containing it gets the headers', async ({ page, server, pageProblems }) => {
  await openHeld(page, server, { init: `tracePropagationTargets: ['127.0.0.1:${server.crossPort}/api/echo'],` });
  await page.evaluate(async (cross) => {
    await fetch(`${cross}/api/echo?id=cross-echo`);
    await (window as any).sendXhr('GET', `${cross}/api/echo?id=cross-echo-xhr`);
    await fetch(`${cross}/api/status?id=cross-status`);
    await fetch('/api/echo?id=same');
  }, server.crossUrl);
  const event = await releasePageload(page, server);
  for (const id of ['cross-echo', 'cross-echo-xhr']) {
    const r = requestWithId(server, id);
    expect(parseSentryTraceHeader(r.headers['sentry-trace']).traceId).toBe(event.contexts.trace.trace_id);
    expect(sentryBaggage(r.headers.baggage).trace_id).toBe(event.contexts.trace.trace_id);
  }
  expect(server.preflights((p) => p.query.id === 'cross-echo')).toHaveLength(1);
  expect(noTraceHeaders(requestWithId(server, 'cross-status', '/api/status')), 'the string does not match this URL').toEqual([]);
  // The list replaces the same-origin default: this URL does not contain the string either.
  expect(noTraceHeaders(requestWithId(server, 'same'))).toEqual([]);
  expect(pageProblems).toEqual([]);
});

test('tracePropagationTargets RegExp: tested on the full URL, and on the path for same-origin URLs', async ({ page, server, pageProblems }) => {
  await openHeld(page, server, { init: `tracePropagationTargets: [new RegExp(':${server.crossPort}/api/status'), /^\\/api\\/echo/],` });
  await page.evaluate(async (cross) => {
    await fetch(`${cross}/api/status?id=cross-status`);
    await fetch(`${cross}/api/echo?id=cross-echo`);
    await fetch('/api/echo?id=same-echo');
    await (window as any).sendXhr('GET', '/api/echo?id=same-echo-xhr');
    await fetch('/api/status?id=same-status');
  }, server.crossUrl);
  await releasePageload(page, server);
  expect(noTraceHeaders(requestWithId(server, 'cross-status', '/api/status')), 'full-URL match').toEqual(['sentry-trace', 'baggage']);
  expect(noTraceHeaders(requestWithId(server, 'same-echo')), 'same-origin path match').toEqual(['sentry-trace', 'baggage']);
  expect(noTraceHeaders(requestWithId(server, 'same-echo-xhr')), 'same-origin path match (XHR)').toEqual(['sentry-trace', 'baggage']);
  expect(noTraceHeaders(requestWithId(server, 'cross-echo')), 'a path match does not count cross-origin').toEqual([]);
  expect(noTraceHeaders(requestWithId(server, 'same-status', '/api/status'))).toEqual([]);
  expect(server.preflights((p) => p.query.id === 'cross-echo')).toEqual([]);
  expect(pageProblems).toEqual([]);
});

test('tracePropagationTargets: [] sends no trace headers at all, spans are still made', async ({ page, server, pageProblems }) => {
  await openHeld(page, server, { init: 'tracePropagationTargets: [], propagateTraceparent: true,' });
  await page.evaluate(async () => {
    await fetch('/api/echo?id=fetch');
    await (window as any).sendXhr('GET', '/api/echo?id=xhr');
    await fetch(`${location.origin}/api/echo?id=absolute`);
  });
  const event = await releasePageload(page, server);
  for (const id of ['fetch', 'xhr', 'absolute']) expect(noTraceHeaders(requestWithId(server, id)), id).toEqual([]);
  expect(spansOf(event, 'http.client')).toHaveLength(3);
  expect(pageProblems).toEqual([]);
});

test('propagateTraceparent adds a W3C traceparent matching sentry-trace', async ({ page, server, pageProblems }) => {
  await openHeld(page, server, { init: 'propagateTraceparent: true,' });
  await page.evaluate(async () => {
    await fetch('/api/echo?id=fetch');
    await (window as any).sendXhr('POST', '/api/echo?id=xhr', { body: 'b' });
  });
  const event = await releasePageload(page, server);
  for (const [id, type] of [['fetch', 'fetch'], ['xhr', 'xhr']]) {
    const r = requestWithId(server, id!);
    const span = spansOf(event, 'http.client').find((s) => s.data.type === type)!;
    expect(r.headers.traceparent).toBe(`00-${event.contexts.trace.trace_id}-${span.span_id}-01`);
    expect(parseSentryTraceHeader(r.headers['sentry-trace']).spanId).toBe(span.span_id);
  }
  expect(pageProblems).toEqual([]);
});

test('without propagateTraceparent no traceparent is sent', async ({ page, server }) => {
  await openHeld(page, server);
  await page.evaluate(() => fetch('/api/echo?id=fetch'));
  expect(noTraceHeaders(requestWithId(server, 'fetch'))).toEqual(['sentry-trace', 'baggage']);
});

test('the envelope POSTs are not traced, even while a transaction is open and the DSN is same-origin', async ({ page, server, pageProblems }) => {
  await openHeld(page, server);
  // A transaction of its own, sent while the pageload is open.
  await page.evaluate(() => (window as any).Tracewire.startInactiveSpan({ name: 'side', op: 'side.task', parentSpan: null }).end());
  const side = await waitForTransaction(server, 'side.task');
  const event = await releasePageload(page, server);
  const pageloadEnvelope = server.envelopes().find((e) => txn(e).contexts.trace.op === 'pageload')!;
  for (const env of [side, pageloadEnvelope]) {
    expect(env.request.path).toBe('/api/1/envelope/');
    expect(noTraceHeaders(env.request), 'the envelope POST carries no trace headers').toEqual([]);
  }
  expect(spansOf(event, 'http.client').map((s) => s.description)).toEqual([]);
  expect(pageProblems).toEqual([]);
});

test('after the pageload ended, requests carry its trace until the next navigation', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/app/requests'));
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  await page.evaluate(() => fetch('/api/echo?id=after-pageload'));
  const r1 = requestWithId(server, 'after-pageload');
  expect(parseSentryTraceHeader(r1.headers['sentry-trace'])).toMatchObject({ traceId: pageload.contexts.trace.trace_id, sampled: '1' });
  expect(sentryBaggage(r1.headers.baggage)).toMatchObject({ trace_id: pageload.contexts.trace.trace_id, sampled: 'true' });

  await page.evaluate(() => history.pushState({}, '', '/app/other'));
  const nav = txn(await waitForTransaction(server, 'navigation', '/app/other'));
  await page.evaluate(() => fetch('/api/echo?id=after-navigation'));
  const r2 = requestWithId(server, 'after-navigation');
  expect(parseSentryTraceHeader(r2.headers['sentry-trace'])).toMatchObject({ traceId: nav.contexts.trace.trace_id, sampled: '1' });
  expect(sentryBaggage(r2.headers.baggage).trace_id).toBe(nav.contexts.trace.trace_id);
  expect(nav.contexts.trace.trace_id).not.toBe(pageload.contexts.trace.trace_id);
  expect(pageProblems).toEqual([]);
});

test('shouldCreateSpanForRequest false: no span, the headers still propagate', async ({ page, server, pageProblems }) => {
  await openHeld(page, server, { tracing: `shouldCreateSpanForRequest: (url) => !String(url).includes('nospan'),` });
  await page.evaluate(async () => {
    await fetch('/api/echo?id=nospan-fetch');
    await (window as any).sendXhr('GET', '/api/echo?id=nospan-xhr');
    await fetch('/api/status?id=kept');
  });
  const event = await releasePageload(page, server);
  const root = event.contexts.trace;
  expect(spansOf(event, 'http.client').map((s) => s.data.url)).toEqual([expect.stringMatching(/\/api\/status$/)]);
  for (const id of ['nospan-fetch', 'nospan-xhr']) {
    const r = requestWithId(server, id);
    const header = parseSentryTraceHeader(r.headers['sentry-trace']);
    expect(header.traceId).toBe(root.trace_id);
    expect(header.spanId).toMatch(HEX16);
    expect(header.sampled).toBe('1');
    expect(sentryBaggage(r.headers.baggage).trace_id).toBe(root.trace_id);
  }
  expect(pageProblems).toEqual([]);
});

const timingKeys = ['http.request.fetch_start', 'http.request.request_start', 'http.request.response_start', 'http.request.response_end'];

test('enableHTTPTimings puts resource-timing figures on the http.client spans', async ({ page, server, pageProblems }) => {
  await openHeld(page, server);
  await page.evaluate(async () => {
    await (await fetch('/api/delay?ms=50&id=fetch')).text();
    await (window as any).sendXhr('GET', '/api/delay?ms=50&id=xhr');
  });
  const event = await releasePageload(page, server);
  for (const type of ['fetch', 'xhr']) {
    const span = spansOf(event, 'http.client').find((s) => s.data.type === type)!;
    const t = timingKeys.map((k) => span.data[k]);
    for (const [i, v] of t.entries()) expect(typeof v, `${type}: ${timingKeys[i]}`).toBe('number');
    // Seconds since the epoch, in request order, not before the span started (1 ms rounding allowed).
    expect(t[0]).toBeGreaterThanOrEqual(span.start_timestamp - 0.001);
    for (let i = 1; i < t.length; i++) expect(t[i], `${type}: ${timingKeys[i]} in order`).toBeGreaterThanOrEqual(t[i - 1]);
    expect(t[3] - t[0], `${type}: the 50 ms the server waited`).toBeGreaterThanOrEqual(0.045);
    expect(t[3]).toBeLessThanOrEqual(event.timestamp + 0.001);
  }
  expect(pageProblems).toEqual([]);
});

test('enableHTTPTimings: false leaves the timing figures out', async ({ page, server }) => {
  await openHeld(page, server, { tracing: 'enableHTTPTimings: false,' });
  await page.evaluate(async () => {
    await (await fetch('/api/delay?ms=20&id=fetch')).text();
    await (window as any).sendXhr('GET', '/api/delay?ms=20&id=xhr');
  });
  const event = await releasePageload(page, server);
  const spans = spansOf(event, 'http.client');
  expect(spans).toHaveLength(2);
  for (const span of spans) expect(Object.keys(span.data).filter((k) => k.startsWith('http.request.'))).toEqual([]);
});

test('traceFetch / traceXHR false: that kind of request gets neither span nor headers', async ({ page, server, pageProblems }) => {
  await openHeld(page, server, { tracing: 'traceXHR: false,' });
  await page.evaluate(async () => {
    await fetch('/api/echo?id=fetch');
    await (window as any).sendXhr('GET', '/api/echo?id=xhr');
  });
  const event = await releasePageload(page, server);
  expect(spansOf(event, 'http.client').map((s) => s.data.type)).toEqual(['fetch']);
  expect(noTraceHeaders(requestWithId(server, 'fetch'))).toEqual(['sentry-trace', 'baggage']);
  expect(noTraceHeaders(requestWithId(server, 'xhr'))).toEqual([]);
  await settlePageload(page);
  expect(pageProblems).toEqual([]);
});
