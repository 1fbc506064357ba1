import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { instrumentRequests, type RequestTracingOptions } from '../src/browser/requests';
import type { SpanImpl } from '../src/core/span';
import { type Harness, makeClient, T0 } from './helpers';

// Request tracing (src/browser/requests.ts). XHR against a stand-in XMLHttpRequest (Node has none): an EventTarget that
// completes when the test says, fires the events a browser fires (XHR standard: readystatechange at
// DONE, then load/error/abort/timeout, then loadend) and counts the listeners on it. The browser
// proof is e2e/tracing-requests.spec.ts; this covers the state kept between `open`, `send` and the end.

class FakeXhr extends EventTarget {
  readyState = 0;
  status = 0;
  /** Listeners added minus removed, by event type. */
  listening = new Map<string, number>();
  headers: [string, string][] = [];
  private inFlight = false;

  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: AddEventListenerOptions | boolean,
  ): void {
    this.listening.set(type, (this.listening.get(type) ?? 0) + 1);
    super.addEventListener(type, listener, options);
  }
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: EventListenerOptions | boolean,
  ): void {
    this.listening.set(type, (this.listening.get(type) ?? 0) - 1);
    super.removeEventListener(type, listener, options);
  }
  open(_method: string, _url: string): void {
    // Drops a request in flight without an event, as the browser's does.
    this.inFlight = false;
    this.readyState = 1;
    this.status = 0;
    this.headers = [];
  }
  setRequestHeader(name: string, value: string): void {
    this.headers.push([name, value]);
  }
  getAllResponseHeaders(): string {
    return this.status ? 'content-type: text/plain\r\ncontent-length: 5\r\n' : '';
  }
  getResponseHeader(name: string): string | null {
    return this.status && name === 'content-length' ? '5' : null;
  }
  send(): void {
    this.inFlight = true;
  }
  abort(): void {
    if (this.inFlight) this.finish(0, 'abort');
    this.readyState = 0;
  }
  respond(status: number): void {
    this.finish(status, 'load');
  }
  fail(type: 'error' | 'timeout'): void {
    this.finish(0, type);
  }
  /** Listeners of ours still on this XHR: one per event type while a request is traced or has been. */
  ours(): number {
    return Math.max(0, ...this.listening.values());
  }
  private finish(status: number, event: string): void {
    this.inFlight = false;
    this.readyState = 4;
    this.status = status;
    for (const type of ['readystatechange', event, 'loadend']) this.dispatchEvent(new Event(type));
  }
}

const nativeXhr = globalThis.XMLHttpRequest;
const nativeFetch = globalThis.fetch;
const nativeLocation = globalThis.location;
let h: Harness;
let root: SpanImpl;
let uninstall: () => void;

function setUp(options: RequestTracingOptions = {}): void {
  uninstall?.();
  uninstall = instrumentRequests(h.client, options);
}

function xhr(): FakeXhr & XMLHttpRequest {
  return new XMLHttpRequest() as FakeXhr & XMLHttpRequest;
}

/** The request spans of the pageload, once it has ended. */
function requestSpans(): { description: string; status: string; data: Record<string, unknown>; timestamp: number }[] {
  root.end();
  return h.events()[0]!.spans.filter((s) => s.op === 'http.client') as never;
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  Object.defineProperty(globalThis, 'location', { value: { origin: 'https://app.example' }, configurable: true });
  globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  // A fetch that rejects as an aborted one does: with the signal's reason.
  globalThis.fetch = ((_input: unknown, init?: RequestInit) =>
    Promise.reject(init?.signal?.reason ?? new TypeError('failed'))) as typeof fetch;
  h = makeClient({}, 'https://app.example/');
  root = h.client.startIdleSpan({ name: 'pageload', op: 'pageload' }, { idleTimeout: 60_000, finalTimeout: 60_000 });
  setUp();
});

afterEach(() => {
  uninstall();
  globalThis.XMLHttpRequest = nativeXhr;
  globalThis.fetch = nativeFetch;
  Object.defineProperty(globalThis, 'location', { value: nativeLocation, configurable: true });
  vi.useRealTimers();
});

describe('XHR requests', () => {
  it('one request: a span with its status, and the trace headers after the caller’s', () => {
    const x = xhr();
    x.open('GET', '/api/a');
    x.setRequestHeader('content-type', 'text/plain');
    x.send();
    expect(x.headers.map(([name]) => name)).toEqual(['content-type', 'sentry-trace', 'baggage']);
    x.respond(404);
    const [span] = requestSpans();
    expect(span).toMatchObject({ description: 'GET https://app.example/api/a', status: 'not_found' });
    expect(span!.data['http.response.status_code']).toBe(404);
    expect(span!.data['http.response_content_length']).toBe(5);
  });

  it('a reused XHR keeps one listener per event type, and each request gets its own span', () => {
    const x = xhr();
    for (const [path, status] of [
      ['/api/a', 200],
      ['/api/b', 500],
      ['/api/c', 201],
    ] as const) {
      x.open('GET', path);
      x.send();
      expect(x.ours()).toBe(1);
      x.respond(status);
    }
    expect(x.ours()).toBe(1);
    expect(requestSpans().map((s) => [s.description, s.status])).toEqual([
      ['GET https://app.example/api/a', 'ok'],
      ['GET https://app.example/api/b', 'internal_error'],
      ['GET https://app.example/api/c', 'ok'],
    ]);
  });

  it('the listener stays after the request ended (no removal on the request path), and late events change nothing', () => {
    const x = xhr();
    x.open('GET', '/api/a');
    x.send();
    x.respond(200);
    expect([...x.listening.entries()]).toEqual([
      ['readystatechange', 1],
      ['loadend', 1],
    ]);
    x.dispatchEvent(new Event('readystatechange'));
    x.dispatchEvent(new Event('loadend'));
    expect(requestSpans()).toHaveLength(1);
  });

  it('open while a request is in flight ends its span there, cancelled; the next request is unaffected', () => {
    const x = xhr();
    x.open('GET', '/api/dropped');
    x.send();
    vi.advanceTimersByTime(100);
    x.open('POST', '/api/next');
    const droppedAt = Date.now();
    vi.advanceTimersByTime(50);
    x.send();
    vi.advanceTimersByTime(50);
    x.respond(201);
    const [dropped, next] = requestSpans();
    expect(dropped).toMatchObject({ description: 'GET https://app.example/api/dropped', status: 'cancelled' });
    expect(dropped!.data['http.response.status_code']).toBeUndefined();
    expect(dropped!.timestamp).toBe(droppedAt / 1000);
    expect(next).toMatchObject({ description: 'POST https://app.example/api/next', status: 'ok' });
    expect(x.ours()).toBe(1);
  });

  it('abort ends the span cancelled; a network error or a timeout ends it internal_error', () => {
    const aborted = xhr();
    aborted.open('GET', '/api/aborted');
    aborted.send();
    aborted.abort();
    const failed = xhr();
    failed.open('GET', '/api/failed');
    failed.send();
    failed.fail('error');
    const late = xhr();
    late.open('GET', '/api/late');
    late.send();
    late.fail('timeout');
    expect(requestSpans().map((s) => s.status)).toEqual(['cancelled', 'internal_error', 'internal_error']);
  });

  it('abort after the end, or before send, changes nothing', () => {
    const x = xhr();
    x.open('GET', '/api/a');
    x.abort();
    x.open('GET', '/api/a');
    x.send();
    x.respond(200);
    x.abort();
    expect(requestSpans().map((s) => s.status)).toEqual(['ok']);
  });

  it('a failed request whose XHR the page opens again, or aborts, in its own loadend listener keeps its failure', () => {
    const ends: unknown[] = [];
    setUp({ onRequestSpanEnd: (_span, info) => void ends.push(info.error ?? info.status) });
    for (const reuse of ['open', 'abort'] as const) {
      const x = xhr();
      // The page's listener comes first: it was added before `send`, where ours is.
      x.addEventListener('loadend', () => (reuse === 'open' ? x.open('GET', '/api/next') : x.abort()));
      x.open('GET', `/api/${reuse}`);
      x.send();
      x.fail('error');
    }
    expect(ends).toEqual(['error', 'error']);
    expect(requestSpans().map((s) => s.status)).toEqual(['internal_error', 'internal_error']);
  });

  it('onRequestSpanEnd is told which failure it was, the dropped request included', () => {
    const ends: unknown[] = [];
    setUp({ onRequestSpanEnd: (_span, info) => void ends.push(info.error ?? info.status) });
    for (const end of ['abort', 'error', 'timeout', 'drop', 'respond'] as const) {
      const x = xhr();
      x.open('GET', `/api/${end}`);
      x.send();
      if (end === 'abort') x.abort();
      else if (end === 'drop') x.open('GET', '/api/other');
      else if (end === 'respond') x.respond(204);
      else x.fail(end);
    }
    expect(ends).toEqual(['abort', 'error', 'timeout', 'abort', 204]);
    expect(requestSpans().map((s) => s.status)).toEqual(['cancelled', 'internal_error', 'internal_error', 'cancelled', 'ok']);
  });
});

describe('fetch requests that get no response', () => {
  it('aborted with or without a reason of the page’s own: cancelled; a network error: internal_error', async () => {
    const plain = new AbortController();
    plain.abort();
    const withReason = new AbortController();
    withReason.abort(new RangeError('navigated away'));
    const fromRequest = new AbortController();
    fromRequest.abort('gone');
    const outcomes = await Promise.all([
      fetch('/api/plain', { signal: plain.signal }).catch((e: Error) => e.name),
      fetch('/api/reason', { signal: withReason.signal }).catch((e: Error) => e.name),
      fetch(new Request('https://app.example/api/request', { signal: fromRequest.signal })).catch(() => 'rejected'),
      fetch('/api/network').catch((e: Error) => e.name),
    ]);
    expect(outcomes).toEqual(['AbortError', 'RangeError', 'rejected', 'TypeError']);
    await vi.advanceTimersByTimeAsync(0);
    expect(requestSpans().map((s) => [s.description, s.status])).toEqual([
      ['GET https://app.example/api/plain', 'cancelled'],
      ['GET https://app.example/api/reason', 'cancelled'],
      ['GET https://app.example/api/request', 'cancelled'],
      ['GET https://app.example/api/network', 'internal_error'],
    ]);
  });

  it('a signal getter on the caller’s init is not run again to tell an abort', async () => {
    const controller = new AbortController();
    controller.abort(new RangeError('stop'));
    let reads = 0;
    const init = {
      get signal() {
        reads++;
        return controller.signal;
      },
    };
    await fetch('/api/getter', init).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    // The stand-in fetch read it once, as a real one does; tracing read it no more.
    expect(reads).toBe(1);
    expect(requestSpans().map((s) => s.status)).toEqual(['internal_error']);
  });
});
