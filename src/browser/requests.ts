import type { Client } from '../core/client';
import { shouldPropagateTo } from '../core/propagation/targets';
import type { SpanImpl } from '../core/span';
import type { TraceData } from '../core/types';
import { type FetchCall, instrumentFetch, isRequest } from './fetch';
import type { HttpTimings } from './httpTimings';
import { addTraceHeaders, fetchHeadersWithOurs, isTraceHeader } from './requestHeaders';
import type { RequestSpanEndInfo, RequestSpanStartInfo } from './options';
import { parseRequestUrl, type RequestUrl } from './requestUrl';
import { instrumentXhr } from './xhr';

/** The request part of `BrowserTracingOptions` (docs/contract.md §2): `traceFetch` and `traceXHR` are on unless `false`. */
export interface RequestTracingOptions {
  traceFetch?: boolean;
  traceXHR?: boolean;
  shouldCreateSpanForRequest?: (url: string) => boolean;
  onRequestSpanStart?: (span: SpanImpl, info: RequestSpanStartInfo) => void;
  onRequestSpanEnd?: (span: SpanImpl, info: RequestSpanEndInfo) => void;
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
  // The request hooks (docs/contract.md §2): set only when given as functions, so that a request pays
  // one property test for each when they are not.
  _onStart?: (span: SpanImpl, info: RequestSpanStartInfo) => void;
  _onEnd?: (span: SpanImpl, info: RequestSpanEndInfo) => void;
}

/** Runs a user's request hook: what it throws is logged and goes no further (docs/contract.md §3 Requests). */
function runHook<I>(tracer: Tracer, name: string, hook: (span: SpanImpl, info: I) => void, span: SpanImpl, info: () => I): void {
  try {
    hook(span, info());
  } catch (e) {
    tracer.client.log(`${name} threw (${String(e)}); ignored`);
  }
}

/** `Headers` from something fetch accepts as headers; empty for what it would reject. */
function toHeaders(init: unknown): Headers {
  try {
    return new Headers((init ?? undefined) as HeadersInit | undefined);
  } catch {
    return new Headers();
  }
}

const ORIGIN = { fetch: 'auto.http.browser.fetch', xhr: 'auto.http.browser.xhr' };

/** What a request the page aborted ends with (an XHR's dropped by `open` too): fetch's name for an aborted request. */
const ABORTED = { name: 'AbortError' };

function httpStatus(code: number): string {
  if (code < 400) return 'ok';
  if (code >= 500) return 'internal_error';
  return (
    { 401: 'unauthenticated', 403: 'permission_denied', 404: 'not_found', 409: 'already_exists', 429: 'resource_exhausted' }[code] ??
    'invalid_argument'
  );
}

/**
 * The data an `http.client` span starts with (docs/contract.md §3 Requests): `undefined` values are
 * left out, so `http.query` and `http.fragment` appear only when the URL has them.
 */
export function requestSpanData(url: RequestUrl, method: string, type: 'fetch' | 'xhr'): Record<string, string | undefined> {
  return {
    'http.method': method,
    url: url.bare,
    'url.full': url.full,
    'http.query': url.search || undefined,
    'http.fragment': url.hash || undefined,
    'server.address': url.hostname || undefined,
    type,
    'sentry.origin': ORIGIN[type],
  };
}

/** A `Content-Length` header value as a number of bytes, or undefined when it is absent or not one. */
function contentLength(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
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
    req.span = client.startSpan({ name: `${method} ${url.bare}`, op: 'http.client', parentSpan: parent });
    req.span.setAttributes(requestSpanData(url, method, type));
  }
  if (shouldPropagateTo(url, client.options.tracePropagationTargets, pageOrigin)) {
    req.headers = client.getTraceData(req.span ?? parent ?? null);
  }
  return req;
}

/**
 * Ends a request's span with its HTTP status and the response's `Content-Length` (when it states
 * one), or with the error that stopped it. The caller runs `onRequestSpanEnd` first, when it is set.
 */
function endRequest(
  tracer: Tracer,
  span: SpanImpl,
  href: string,
  status: number | undefined,
  error: unknown,
  length: string | null | undefined,
): void {
  if (status) {
    span.setAttribute('http.response.status_code', status);
    span.setAttribute('http.response_content_length', contentLength(length));
    span.setStatus(httpStatus(status));
  } else {
    span.setStatus((error as { name?: string } | undefined)?.name === 'AbortError' ? 'cancelled' : 'internal_error');
  }
  span.end();
  // A span that is not recorded (ignoreSpans, maxSpans) gets no timings: nobody would see them.
  if (span._recorded) tracer.timings?._track(span, href);
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
    const span = req.span;
    if (!span) return;
    if (tracer._onStart) {
      const given = call.headers ?? call.init?.headers ?? (isRequest(call.input) ? call.input.headers : undefined);
      runHook(tracer, 'onRequestSpanStart', tracer._onStart, span, () => ({
        url: req.href,
        method: call.method,
        headers: toHeaders(given),
      }));
    }
    return (res, err) => {
      const length = res?.headers?.get('content-length');
      if (tracer._onEnd) {
        runHook(tracer, 'onRequestSpanEnd', tracer._onEnd, span, () =>
          // No response (a network error or an abort): no status or headers, the rejection instead.
          res
            ? { url: req.href, method: call.method, status: res.status, headers: res.headers }
            : { url: req.href, method: call.method, error: err },
        );
      }
      endRequest(tracer, span, req.href, res?.status, res ? undefined : abortedAs(call, err), length);
    };
  });
}

/**
 * What a fetch that got no response ended with, for its span's status: a fetch whose signal was
 * aborted rejects with the signal's reason, which is an `AbortError` only when the page gave none.
 * A `signal` getter of the caller's `init` is not run again (fetch ran it once, as the page expects):
 * then only the rejection itself tells.
 */
function abortedAs(call: FetchCall, error: unknown): unknown {
  try {
    const own = call.init && Object.getOwnPropertyDescriptor(call.init, 'signal');
    const signal: unknown = own ? own.value : isRequest(call.input) ? call.input.signal : undefined;
    return (signal as AbortSignal | undefined)?.aborted ? ABORTED : error;
  } catch {
    return error;
  }
}

/** What is known of an XHR between `open` and its end. */
interface XhrState {
  method: string;
  url: string;
  /**
   * The caller's values of the headers we add (`setRequestHeader`, names in lowercase, repeated ones
   * joined), made when the first of them is set: the others are not needed to merge ours.
   */
  _traceHeaders?: Map<string, string>;
  /** Every header the caller set, kept only when `onRequestSpanStart` needs to be shown them. */
  _allHeaders?: [string, string][];
  req?: TracedRequest;
  /**
   * Our listener on the XHR for this request. It stays after the request ended (removing it would
   * cost a request as much as adding it) until the XHR is opened again.
   */
  _listener?: (e?: Event) => void;
  /** Ends the span, `cancelled` when `aborted`: set while the request is in flight. */
  _end?: (aborted?: boolean) => void;
}

/** The events that end an XHR without a response; their type is what `onRequestSpanEnd` is told. */
const XHR_FAILURES = ['error', 'abort', 'timeout'];

/** An XHR's response headers as `Headers` (XHR's `getAllResponseHeaders`: CRLF-separated `name: value`). */
function xhrResponseHeaders(xhr: XMLHttpRequest): Headers {
  const headers = new Headers();
  for (const line of xhr.getAllResponseHeaders().split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    } catch {
      // a header Headers refuses is left out of what the hook sees
    }
  }
  return headers;
}

const NONE: ReadonlyMap<string, string> = new Map();

function traceXhr(tracer: Tracer): () => void {
  const state = new WeakMap<XMLHttpRequest, XhrState>();
  const listenTo = tracer._onEnd ? ['readystatechange', 'loadend', ...XHR_FAILURES] : ['readystatechange', 'loadend'];
  return instrumentXhr({
    open(xhr, [method, url]) {
      const previous = state.get(xhr);
      if (previous?._listener) {
        // `open` drops a request in flight without an event: its span ends here, cancelled. One that is
        // done (its loadend listeners are still running) ends as it was going to.
        previous._end?.(xhr.readyState !== 4);
        for (const type of listenTo) xhr.removeEventListener(type, previous._listener);
      }
      state.set(xhr, { method: String(method).toUpperCase(), url: String(url) });
    },
    setRequestHeader(xhr, [name, value]) {
      const s = state.get(xhr);
      // Once sent, the only calls are our own (the page's would throw).
      if (!s || s.req) return;
      const key = String(name);
      if (tracer._onStart) (s._allHeaders ??= []).push([key, String(value)]);
      if (!isTraceHeader(key)) return;
      const h = (s._traceHeaders ??= new Map());
      const lower = key.toLowerCase();
      // XHR joins repeated headers with ", " (XHR §4.5.2 setRequestHeader).
      h.set(lower, h.has(lower) ? `${h.get(lower)}, ${String(value)}` : String(value));
    },
    abort(xhr) {
      // Ended before the native abort, so that its events find the span ended, as `cancelled`. An XHR
      // that is done already is not aborted.
      state.get(xhr)?._end?.(xhr.readyState !== 4);
    },
    send(xhr) {
      const s = state.get(xhr);
      // Not opened (its `open` threw) or sent already: the native send throws, and nothing is requested.
      if (!s || s.req || xhr.readyState !== 1) return;
      const req = startRequest(tracer, s.method, s.url, 'xhr');
      if (!req) return;
      s.req = req;
      if (req.headers) addTraceHeaders(req.headers, s._traceHeaders ?? NONE, (name, value) => xhr.setRequestHeader(name, value));
      const span = req.span;
      if (!span) return;
      if (tracer._onStart) {
        const sent = (): Headers => {
          const headers = toHeaders(s._allHeaders);
          if (req.headers) addTraceHeaders(req.headers, headers, (name, value) => headers.append(name, value));
          return headers;
        };
        runHook(tracer, 'onRequestSpanStart', tracer._onStart, span, () => ({ url: req.href, method: s.method, headers: sent() }));
      }
      // Which failure event came, for onRequestSpanEnd: listened to only when the hook is set.
      let failure: string | undefined;
      const end = (aborted?: boolean): void => {
        s._end = undefined;
        const status = aborted ? 0 : xhr.status;
        const length = status ? xhr.getResponseHeader('content-length') : undefined;
        if (tracer._onEnd) {
          runHook(tracer, 'onRequestSpanEnd', tracer._onEnd, span, () =>
            status
              ? { url: req.href, method: s.method, status, headers: xhrResponseHeaders(xhr) }
              : { url: req.href, method: s.method, error: aborted ? 'abort' : (failure ?? 'error') },
          );
        }
        // Status 0: `cancelled` after an abort, else (a network error, a timeout) `internal_error`.
        endRequest(tracer, span, req.href, status, aborted ? ABORTED : undefined, length);
      };
      s._end = end;
      // Called with each event, and with none once `send` returned (a synchronous request is done by then).
      const listener = (e?: Event): void => {
        const type = e?.type;
        if (type && XHR_FAILURES.includes(type)) return void (failure = type);
        if (!s._end || xhr.readyState !== 4) return;
        // With an end hook, a request that got no response ends at loadend: by then its error, abort or
        // timeout event has said which it was (they come after the last readystatechange).
        if (tracer._onEnd && !xhr.status && type === 'readystatechange') return;
        end();
      };
      s._listener = listener;
      for (const type of listenTo) xhr.addEventListener(type, listener);
      return listener;
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
  if (typeof options.onRequestSpanStart === 'function') tracer._onStart = options.onRequestSpanStart;
  if (typeof options.onRequestSpanEnd === 'function') tracer._onEnd = options.onRequestSpanEnd;
  const undo: (() => void)[] = [];
  if (options.traceFetch !== false) undo.push(traceFetch(tracer));
  if (options.traceXHR !== false) undo.push(traceXhr(tracer));
  return () => undo.forEach((u) => u());
}
