import type { Client } from '../core/client';
import { shouldPropagateTo } from '../core/propagation/targets';
import type { SpanImpl } from '../core/span';
import type { TraceData } from '../core/types';
import type { HttpTimings } from './httpTimings';

export interface RequestOptions {
  shouldCreateSpanForRequest?: (url: string) => boolean;
  timings?: HttpTimings;
}

export interface TracedRequest {
  href: string;
  span?: SpanImpl;
  /** Headers to add; undefined when the URL is not a propagation target. */
  headers?: TraceData;
}

interface ParsedUrl {
  raw: string;
  page: string;
  href: string;
  origin: string;
  /** Origin and path: the URL without query and fragment. */
  bare: string;
  pathname: string;
  search: string;
  hostname: string;
  pageOrigin: string;
}

// Pages tend to call the same endpoints again and again; parsing URLs is a good part of the
// wrapper's cost, so the last result is kept (strings only: nothing the page could change).
let last: ParsedUrl | undefined;

function parseUrl(raw: string, page: string): ParsedUrl | undefined {
  if (last && last.raw === raw && last.page === page) return last;
  try {
    const u = new URL(raw, page);
    const pageOrigin = last && last.page === page ? last.pageOrigin : new URL(page).origin;
    const href = u.href;
    // Each URL getter serialises anew; one match on the normalised href gives them all at once.
    // Only for plain http(s) URLs without credentials, where the origin is the href's prefix.
    const m = /^(https?:\/\/([^/?#@]*?)(?::\d+)?)(\/[^?#]*)(\?[^#]*)?/.exec(href);
    return (last = m
      ? {
          raw,
          page,
          href,
          origin: m[1]!,
          bare: m[1]! + m[3]!,
          pathname: m[3]!,
          search: m[4] && m[4].length > 1 ? m[4] : '',
          hostname: m[2]!,
          pageOrigin,
        }
      : {
          raw,
          page,
          href,
          origin: u.origin,
          bare: u.origin + u.pathname,
          pathname: u.pathname,
          search: u.search,
          hostname: u.hostname,
          pageOrigin,
        });
  } catch {
    return undefined;
  }
}

function httpStatus(code: number): string {
  if (code < 400) return 'ok';
  if (code >= 500) return 'internal_error';
  return (
    { 401: 'unauthenticated', 403: 'permission_denied', 404: 'not_found', 409: 'already_exists', 429: 'resource_exhausted' }[code] ??
    'invalid_argument'
  );
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
  const url = parseUrl(rawUrl, client.platform.url());
  if (!url) return undefined;
  const href = url.href;
  for (const own of client.ownUrls) if (href.startsWith(own)) return undefined;
  const out: TracedRequest = { href };
  const parent = client.activeSpan();
  if (parent && client.tracingEnabled && wanted(client, opts, href)) {
    const bare = url.bare;
    out.span = client.startSpan({ name: `${method} ${bare}`, op: 'http.client', parentSpan: parent });
    out.span.setAttributes({
      'http.method': method,
      url: bare,
      'http.query': url.search || undefined,
      'server.address': url.hostname,
      type,
      'sentry.origin': `auto.http.browser.${type}`,
    });
  }
  if (shouldPropagateTo(url, client.options.tracePropagationTargets, url.pageOrigin)) {
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

/** Ends a request's span with its HTTP status, or with the error that stopped it. */
export function endRequest(req: TracedRequest, opts: RequestOptions, status: number | undefined, error?: unknown): void {
  const span = req.span;
  if (!span) return;
  if (status !== undefined && status > 0) {
    span.setAttribute('http.response.status_code', status);
    span.setStatus(httpStatus(status));
  } else {
    span.setStatus((error as { name?: string } | undefined)?.name === 'AbortError' ? 'cancelled' : 'internal_error');
  }
  span.end();
  opts.timings?.track(span, req.href);
}
