// docs/contract.md §3 Requests: "The host page sees exactly the same results, errors, streams and timings as
// without the SDK." Each probe runs on a page with the SDK and on the same page without it.
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, type RecordingServer, test } from './fixtures';
import { spansOf, tracingPage, txn, waitForTransaction, withoutLoadErrors } from './tracing-support';

/** A port nothing listens on: connecting to it is refused. */
async function refusedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((ok) => srv.close(() => ok()));
  return port;
}

/** The request with `?id=<id>` that the page with the SDK made. */
function sdkRequest(server: RecordingServer, id: string, path: string) {
  const found = server.requests((r) => r.path === path && r.query.id === id && r.headers.referer?.endsWith('/with-sdk') === true);
  expect(found, `one request to ${path}?id=${id} from the page with the SDK`).toHaveLength(1);
  return found[0]!;
}

/** Runs `probe` on the page with the SDK (pageload held open), then on the same page without it. */
async function both(page: Page, server: RecordingServer, probe: (arg: any) => Promise<unknown>, arg?: unknown): Promise<{ withSdk: any; without: any; event: any }> {
  await page.goto(tracingPage(server, '/with-sdk', { script: `window.hold = Tracewire.pushActivity('test');` }));
  const withSdk = await page.evaluate(probe, arg);
  await page.evaluate(() => (window as any).Tracewire.popActivity((window as any).hold));
  const event = txn(await waitForTransaction(server, 'pageload', '/with-sdk'));
  await page.goto(tracingPage(server, '/without-sdk', { sdk: false }));
  expect(await page.evaluate(() => typeof (window as any).Tracewire)).toBe('undefined');
  const without = await page.evaluate(probe, arg);
  return { withSdk, without, event };
}

test('a fetch Response is the same: status, headers, body, stream, identity', async ({ page, server, pageProblems }) => {
  const probe = async (): Promise<unknown> => {
    const describe = async (res: Response) => ({
      isResponse: res instanceof Response && Object.getPrototypeOf(res) === Response.prototype,
      status: res.status,
      statusText: res.statusText,
      ok: res.ok,
      type: res.type,
      path: res.url.replace(location.origin, ''),
      redirected: res.redirected,
      contentType: res.headers.get('content-type'),
      bodyIsStream: res.body instanceof ReadableStream,
      cloned: await res.clone().text(),
      text: await res.text(),
      bodyUsed: res.bodyUsed,
    });
    const created = await describe(await fetch('/api/status?code=201&id=a'));
    const json = await (await fetch('/api/delay?ms=5&id=b')).json();
    // Read as a stream, chunk by chunk.
    const res = await fetch('/api/status?code=200&id=c');
    const reader = res.body!.getReader();
    let streamed = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) streamed += new TextDecoder().decode(r.value);
    // A promise of the page's own realm, resolved once.
    const p = fetch('/api/status?code=204&id=d');
    const promise = { isPromise: p instanceof Promise, status: (await p).status };
    return { created, json, streamed, promise };
  };
  const { withSdk, without, event } = await both(page, server, probe, undefined);
  expect(withSdk).toEqual(without);
  expect(without).toMatchObject({ created: { status: 201, text: 'status 201' }, json: { ms: 5 }, streamed: 'status 200' });
  // The SDK did trace these requests.
  expect(spansOf(event, 'http.client')).toHaveLength(4);
  expect(sdkRequest(server, 'a', '/api/status').headers).toHaveProperty('sentry-trace');
  expect(pageProblems).toEqual([]);
});

test('fetch itself keeps its name and arity', async ({ page, server, pageProblems }) => {
  const probe = async (): Promise<unknown> => ({ type: typeof fetch, name: fetch.name, length: fetch.length, own: Object.prototype.hasOwnProperty.call(window, 'fetch') });
  const { withSdk, without } = await both(page, server, probe, undefined);
  expect(without).toEqual({ type: 'function', name: 'fetch', length: 1, own: true });
  expect(withSdk).toEqual(without);
  expect(pageProblems).toEqual([]);
});

test('a refused connection rejects with the same TypeError', async ({ page, server, pageProblems }) => {
  const port = await refusedPort();
  const probe = async (url: string): Promise<unknown> => {
    const describe = (e: any) => ({ ctor: e?.constructor?.name, isTypeError: e instanceof TypeError, name: e?.name, message: e?.message });
    const out: Record<string, unknown> = {};
    try {
      await fetch(url);
      out.fetch = 'resolved';
    } catch (e) {
      out.fetch = describe(e);
    }
    try {
      await fetch(new Request(url, { method: 'POST', body: 'x' }));
      out.request = 'resolved';
    } catch (e) {
      out.request = describe(e);
    }
    out.xhr = await (window as any).sendXhr('GET', url);
    return out;
  };
  const { withSdk, without, event } = await both(page, server, probe, `http://127.0.0.1:${port}/api/echo`);
  expect(withSdk).toEqual(without);
  expect(without).toMatchObject({ fetch: { isTypeError: true, name: 'TypeError' }, xhr: { status: 0 } });
  expect((without as any).xhr.events).toContain('error');
  // The failed requests are spans of the pageload, without a response status.
  const failed = spansOf(event, 'http.client');
  expect(failed).toHaveLength(3);
  for (const span of failed) expect(span.data).not.toHaveProperty('http.response.status_code');
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test('aborting keeps the AbortError, or the exact reason given', async ({ page, server, pageProblems }) => {
  const probe = async (): Promise<unknown> => {
    const describe = (e: any) => ({ ctor: e?.constructor?.name, name: e?.name, isDOMException: e instanceof DOMException, code: e?.code });
    const out: Record<string, unknown> = {};
    const c1 = new AbortController();
    const slow = fetch('/api/delay?ms=5000&id=abort-later', { signal: c1.signal });
    setTimeout(() => c1.abort(), 50);
    out.later = await slow.then(() => 'resolved', describe);
    out.before = await fetch('/api/echo?id=abort-before', { signal: AbortSignal.abort() }).then(() => 'resolved', describe);
    const reason = new Error('navigated away');
    const c2 = new AbortController();
    const withReason = fetch(new Request('/api/delay?ms=5000&id=abort-reason', { signal: c2.signal }));
    setTimeout(() => c2.abort(reason), 50);
    out.sameReason = await withReason.then(() => 'resolved', (e) => e === reason);
    const c3 = new AbortController();
    const body = await fetch('/api/delay?ms=5&id=abort-body', { signal: c3.signal });
    c3.abort();
    out.bodyAfterAbort = await body.text().then(() => 'resolved', describe);
    out.xhr = await (window as any).sendXhr('GET', '/api/delay?ms=5000&id=abort-xhr', { abortAfterSend: true });
    return out;
  };
  const { withSdk, without, event } = await both(page, server, probe, undefined);
  expect(withSdk).toEqual(without);
  expect(without).toMatchObject({
    later: { name: 'AbortError', isDOMException: true },
    before: { name: 'AbortError', isDOMException: true },
    sameReason: true,
    bodyAfterAbort: { name: 'AbortError' },
    xhr: { status: 0 },
  });
  expect((without as any).xhr.events).toContain('abort');
  const aborted = spansOf(event, 'http.client').filter((s) => String(s.data.url).endsWith('/api/delay'));
  expect(aborted.length).toBeGreaterThanOrEqual(2);
  // A request the page aborted ends `cancelled`, fetch or XHR, with or without a reason of its own.
  const status = (id: string) => spansOf(event, 'http.client').find((s) => String(s.data['url.full']).includes(`id=${id}`))?.status;
  expect({ later: status('abort-later'), reason: status('abort-reason'), xhr: status('abort-xhr'), body: status('abort-body') }).toEqual({
    later: 'cancelled',
    reason: 'cancelled',
    xhr: 'cancelled',
    body: 'ok',
  });
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test('invalid fetch calls reject the same way', async ({ page, server, pageProblems }) => {
  const probe = async (): Promise<unknown> => {
    const describe = (e: any) => ({ ctor: e?.constructor?.name, name: e?.name, message: e?.message });
    const attempt = async (fn: () => Promise<unknown>) => {
      let p: Promise<unknown>;
      try {
        p = fn();
      } catch (e) {
        return { threw: describe(e) };
      }
      return p.then(() => 'resolved', (e) => ({ rejected: describe(e) }));
    };
    return {
      badUrl: await attempt(() => fetch('http://[bad')),
      forbiddenMethod: await attempt(() => fetch('/api/echo?id=m', { method: 'CONNECT' })),
      getWithBody: await attempt(() => fetch('/api/echo?id=g', { method: 'GET', body: 'x' })),
      noArgs: await attempt(() => (fetch as any)()),
      wrongThis: await attempt(() => fetch.call({}, '/api/echo?id=this')),
    };
  };
  const { withSdk, without } = await both(page, server, probe, undefined);
  expect(withSdk).toEqual(without);
  expect((without as any).badUrl).toMatchObject({ rejected: { name: 'TypeError' } });
  expect(pageProblems).toEqual([]);
});

test('XMLHttpRequest fires the same events with the same results', async ({ page, server, pageProblems }) => {
  const probe = async (): Promise<unknown> => {
    const w = window as any;
    return {
      get: await w.sendXhr('GET', '/api/delay?ms=20&id=x1'),
      notFound: await w.sendXhr('GET', '/api/status?code=404&id=x2'),
      post: await w.sendXhr('POST', '/api/status?code=201&id=x3', { body: 'data', headers: [['x-app', '1']] }),
      sync: w.sendSyncXhr('GET', '/api/status?code=202&id=x4'),
    };
  };
  const { withSdk, without, event } = await both(page, server, probe, undefined);
  expect(withSdk).toEqual(without);
  expect((without as any).get.events).toEqual([
    'readystatechange:1', 'loadstart', 'readystatechange:2', 'readystatechange:3', 'readystatechange:4', 'load', 'loadend',
  ]);
  expect(spansOf(event, 'http.client').map((s) => s.data['http.response.status_code']).sort()).toEqual([200, 201, 202, 404]);
  expect(sdkRequest(server, 'x3', '/api/status').headers['x-app']).toBe('1');
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test('a RequestInit whose options are inherited or getters is read the same way', async ({ page, server, pageProblems }) => {
  const probe = async (): Promise<unknown> => {
    // fetch reads the init dictionary with [[Get]], so prototype properties and getters count.
    class Options {
      get method() { return 'POST'; }
      get body() { return 'from-getter'; }
      get headers() { return { 'x-app': 'getter' }; }
    }
    const inherited = Object.create({ method: 'PUT', body: 'from-prototype' });
    const a = await (await fetch('/api/echo?id=getters', new Options() as RequestInit)).json();
    const b = await (await fetch('/api/echo?id=inherited', inherited)).json();
    return { a: [a.method, a.body, a.headers['x-app']], b: [b.method, b.body] };
  };
  const { withSdk, without } = await both(page, server, probe, undefined);
  expect(without).toEqual({ a: ['POST', 'from-getter', 'getter'], b: ['PUT', 'from-prototype'] });
  expect(withSdk).toEqual(without);
  expect(sdkRequest(server, 'getters', '/api/echo').headers).toHaveProperty('sentry-trace');
  expect(pageProblems).toEqual([]);
});
