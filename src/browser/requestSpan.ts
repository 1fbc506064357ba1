import type { Client } from '../core/client';
import { shouldPropagateTo } from '../core/propagation/targets';
import type { SpanImpl } from '../core/span';
import type { TraceData } from '../core/types';
import type { HttpTimings } from './httpTimings';
import { parseRequestUrl, type RequestUrl } from './requestUrl';

export interface RequestOptions {
  /** The document's origin (`location.origin`): it never changes, so it is read once. */
  pageOrigin: string;
  shouldCreateSpanForRequest?: (url: string) => boolean;
  timings?: HttpTimings;
}

export interface TracedRequest {
  href: string;
  span?: SpanImpl;
  /** Headers to add; undefined when the URL is not a propagation target. */
  headers?: TraceData;
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

/**
 * The part of tracing a request that fetch and XHR share (SPEC §3 Requests): an `http.client` child
 * of the active span when tracing is on, and the trace headers when the URL is a propagation target.
 */
export function startRequest(
  client: Client,
  opts: RequestOptions,
  method: string,
  rawUrl: string,
  type: 'fetch' | 'xhr',
): TracedRequest | undefined {
  const url = parseRequestUrl(rawUrl, opts.pageOrigin, client.platform.url);
  if (!url) return undefined;
  const href = url.href;
  for (const own of client.ownUrls) if (href.startsWith(own)) return undefined;
  const out: TracedRequest = { href };
  const parent = client.activeSpan();
  if (parent && client.tracingEnabled && wanted(client, opts, href)) {
    out.span = client.startSpan({ name: `${method} ${url.bare}`, op: 'http.client', parentSpan: parent });
    out.span.setAttributes(requestSpanData(url, method, type));
  }
  if (shouldPropagateTo(url, client.options.tracePropagationTargets, opts.pageOrigin)) {
    out.headers = client.getTraceData(out.span ?? parent ?? null);
  }
  return out;
}

function wanted(client: Client, opts: RequestOptions, href: string): boolean {
  if (!opts.shouldCreateSpanForRequest) return true;
  try {
    return opts.shouldCreateSpanForRequest(href) !== false;
  } catch (e) {
    client.log(`shouldCreateSpanForRequest threw (${String(e)}); creating the span`);
    return true;
  }
}

/**
 * Ends a request's span with its HTTP status and the response's `Content-Length` (when it states
 * one), or with the error that stopped it.
 */
export function endRequest(
  req: TracedRequest,
  opts: RequestOptions,
  status: number | undefined,
  error?: unknown,
  length?: string | null,
): void {
  const span = req.span;
  if (!span) return;
  if (status) {
    span.setAttribute('http.response.status_code', status);
    span.setAttribute('http.response_content_length', contentLength(length));
    span.setStatus(httpStatus(status));
  } else {
    span.setStatus((error as { name?: string } | undefined)?.name === 'AbortError' ? 'cancelled' : 'internal_error');
  }
  span.end();
  // A span that is not recorded (ignoreSpans, maxSpans) gets no timings: nobody would see them.
  if (span.recorded) opts.timings?.track(span, req.href);
}
