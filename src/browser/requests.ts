import type { Client } from '../core/client';
import { shouldPropagateTo } from '../core/propagation/targets';
import type { SpanImpl } from '../core/span';
import type { TraceData } from '../core/types';
import { type FetchCall, instrumentFetch } from './fetch';
import type { HttpTimings } from './httpTimings';
import { addTraceHeaders, fetchHeadersWithOurs, isTraceHeader } from './requestHeaders';
import { parseRequestUrl } from './requestUrl';
import { instrumentXhr } from './xhr';

/** The request part of `BrowserTracingOptions` (docs/contract.md §2): `traceFetch` and `traceXHR` are on unless `false`. */
export interface RequestTracingOptions {
  traceFetch?: boolean;
  traceXHR?: boolean;
  shouldCreateSpanForRequest?: (url: string) => boolean;
}

/** One request being traced, from its start to its end. */
interface TracedRequest {
  href: string;
  span?: SpanImpl;
  /** Headers to add; undefined when the URL is not a propagation target. */
  headers?: TraceData;
}

/** What every request of one installation shares. */
interface Tracer {
  client: Client;
  /** The document's origin: it never changes, so it is read once. */
  pageOrigin: string;
  shouldCreateSpanForRequest?: (url: string) => boolean;
  timings?: HttpTimings;
  // Room for the per-request options of docs/contract.md §2 (`onRequestSpanStart`,
  // `onRequestSpanEnd`, `ignoreSpans`): set here once at install when given, and checked with one
  // property test in `startRequest`/`endRequest`, so a request pays nothing when they are not. The
  // `Headers` that `onRequestSpanStart` is given is built from what will be sent (a record, pairs
  // or a `Headers`, see requestHeaders.ts) only then.
}

const ORIGIN = { fetch: 'auto.http.browser.fetch', xhr: 'auto.http.browser.xhr' };

function httpStatus(code: number): string {
  if (code < 400) return 'ok';
  if (code >= 500) return 'internal_error';
  return (
    { 401: 'unauthenticated', 403: 'permission_denied', 404: 'not_found', 409: 'already_exists', 429: 'resource_exhausted' }[code] ??
    'invalid_argument'
  );
}

function wanted(tracer: Tracer, href: string): boolean {
  if (!tracer.shouldCreateSpanForRequest) return true;
  try {
    return tracer.shouldCreateSpanForRequest(href) !== false;
  } catch (e) {
    tracer.client.log(`shouldCreateSpanForRequest threw (${String(e)}); creating the span`);
    return true;
  }
}

/**
 * The part of tracing a request that fetch and XHR share (docs/contract.md §3 Requests): an
 * `http.client` child of the active span when tracing is on, and the trace headers when the URL is a
 * propagation target. Undefined for a URL that cannot be parsed or that is one of our own endpoints.
 */
function startRequest(tracer: Tracer, method: string, rawUrl: string, type: 'fetch' | 'xhr'): TracedRequest | undefined {
  const { client, pageOrigin } = tracer;
  const url = parseRequestUrl(rawUrl, pageOrigin, client.platform.url);
  if (!url) return undefined;
  const href = url.href;
  for (const own of client.ownUrls) if (href.startsWith(own)) return undefined;
  const req: TracedRequest = { href };
  const parent = client.activeSpan();
  if (parent && client.tracingEnabled && wanted(tracer, href)) {
    const bare = url.bare;
    req.span = client.startSpan({ name: `${method} ${bare}`, op: 'http.client', parentSpan: parent });
    req.span.setAttributes({
      'http.method': method,
      url: bare,
      'http.query': url.search || undefined,
      'server.address': url.hostname,
      type,
      'sentry.origin': ORIGIN[type],
    });
  }
  if (shouldPropagateTo(url, client.options.tracePropagationTargets, pageOrigin)) {
    req.headers = client.getTraceData(req.span ?? parent ?? null);
  }
  return req;
}

/** Ends a request's span with its HTTP status, or with the error that stopped it. */
function endRequest(tracer: Tracer, req: TracedRequest, status: number | undefined, error?: unknown): void {
  const span = req.span;
  if (!span) return;
  if (status) {
    span.setAttribute('http.response.status_code', status);
    span.setStatus(httpStatus(status));
  } else {
    span.setStatus((error as { name?: string } | undefined)?.name === 'AbortError' ? 'cancelled' : 'internal_error');
  }
  span.end();
  tracer.timings?.track(span, req.href);
}

function traceFetch(tracer: Tracer): () => void {
  return instrumentFetch((call: FetchCall) => {
    const req = startRequest(tracer, call.method, call.url, 'fetch');
    if (!req) return;
    if (req.headers) {
      try {
        call.headers = fetchHeadersWithOurs(call.input, call.init, req.headers);
      } catch {
        // Headers fetch will reject (say, an invalid name): the call goes as the caller made it.
      }
    }
    if (req.span) return (res, err) => endRequest(tracer, req, res?.status, err);
  });
}

/** What is known of an XHR between `open` and its end. */
interface XhrState {
  method: string;
  url: string;
  /**
   * The caller's values of the headers we add (`setRequestHeader`, names in lowercase, repeated ones
   * joined), made when the first of them is set: the others are not needed to merge ours.
   */
  traceHeaders?: Map<string, string>;
  req?: TracedRequest;
}

const NONE: ReadonlyMap<string, string> = new Map();

function traceXhr(tracer: Tracer): () => void {
  const state = new WeakMap<XMLHttpRequest, XhrState>();
  return instrumentXhr({
    open(xhr, [method, url]) {
      state.set(xhr, { method: String(method).toUpperCase(), url: String(url) });
    },
    setRequestHeader(xhr, [name, value]) {
      const s = state.get(xhr);
      // Once sent, the only calls are our own (the page's would throw).
      if (!s || s.req) return;
      const key = String(name);
      if (!isTraceHeader(key)) return;
      const h = (s.traceHeaders ??= new Map());
      const lower = key.toLowerCase();
      // XHR joins repeated headers with ", " (XHR §4.5.2 setRequestHeader).
      h.set(lower, h.has(lower) ? `${h.get(lower)}, ${String(value)}` : String(value));
    },
    send(xhr) {
      const s = state.get(xhr);
      // Not opened (its `open` threw) or sent already: the native send throws, and nothing is requested.
      if (!s || s.req || xhr.readyState !== 1) return;
      const req = startRequest(tracer, s.method, s.url, 'xhr');
      if (!req) return;
      s.req = req;
      if (req.headers) addTraceHeaders(req.headers, s.traceHeaders ?? NONE, (name, value) => xhr.setRequestHeader(name, value));
      if (!req.span) return;
      let done = false;
      const finish = (): void => {
        if (done || xhr.readyState !== 4) return;
        done = true;
        xhr.removeEventListener('readystatechange', finish);
        xhr.removeEventListener('loadend', finish);
        // Status 0 (a network error or an abort) ends the span `internal_error`.
        endRequest(tracer, req, xhr.status);
      };
      xhr.addEventListener('readystatechange', finish);
      xhr.addEventListener('loadend', finish);
      // A synchronous request is complete (or has thrown) when send returns.
      return finish;
    },
  });
}

/**
 * Traces fetch and XHR requests for `client` (docs/contract.md §3 Requests): an `http.client` span per
 * request under the active span, and trace headers to propagation targets. `timings`, when given,
 * adds resource-timing figures to the spans as they end (its owner stops it). Returns the uninstall.
 */
export function instrumentRequests(client: Client, options: RequestTracingOptions, timings?: HttpTimings): () => void {
  const tracer: Tracer = {
    client,
    pageOrigin: location.origin,
    shouldCreateSpanForRequest: options.shouldCreateSpanForRequest,
    timings,
  };
  const undo: (() => void)[] = [];
  if (options.traceFetch !== false) undo.push(traceFetch(tracer));
  if (options.traceXHR !== false) undo.push(traceXhr(tracer));
  return () => undo.forEach((u) => u());
}
