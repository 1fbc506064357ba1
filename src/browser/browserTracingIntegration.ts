import type { Client, Integration } from '../core/client';
import { mergeBaggage } from '../core/propagation/baggage';
import type { SpanImpl } from '../core/span';
import { newTrace, traceFromHeaders } from '../core/trace';
import type { IdleOptions, StartSpanOptions, TraceData, TransactionSource } from '../core/types';
import { callerHeaders, type FetchCall, instrumentFetch } from './fetch';
import { instrumentHistory } from './history';
import { createHttpTimings } from './httpTimings';
import { readTraceMeta } from './meta';
import { instrumentPerformanceSpans } from './performanceSpans';
import { endRequest, type RequestOptions, startRequest, type TracedRequest } from './requestSpan';
import { instrumentVisibility } from './visibility';
import { instrumentWebVitals } from './webVitals';
import { instrumentXhr } from './xhr';

/** SPEC §2 BrowserTracingOptions; the defaults are in the comments. */
export interface BrowserTracingOptions extends IdleOptions {
  /** true */
  instrumentPageLoad?: boolean;
  /** true */
  instrumentNavigation?: boolean;
  /** true: a transaction open when the tab goes hidden ends `cancelled` (reason `documentHidden`). */
  markBackgroundSpan?: boolean;
  /** true */
  traceFetch?: boolean;
  /** true */
  traceXHR?: boolean;
  /** true: resource-timing figures on `http.client` spans. */
  enableHTTPTimings?: boolean;
  /** true */
  enableLongTask?: boolean;
  /** `() => true` */
  shouldCreateSpanForRequest?: (url: string) => boolean;
  /** Identity; may rename or change pageload and navigation spans before they start. */
  beforeStartSpan?: (options: StartSpanOptions) => StartSpanOptions;
}

/** What the router hooks drive: see `startNavigationSpan`, `getPageloadSpan`, `claimNavigation`. */
export interface RouteControl {
  startNavigation(options: StartSpanOptions, source?: TransactionSource): SpanImpl;
  pageload(): SpanImpl | undefined;
  claim(): () => void;
}

const routeControls = new WeakMap<Client, RouteControl>();
export const getRouteControl = (client: Client): RouteControl | undefined => routeControls.get(client);

/**
 * Adds our trace headers to the caller's (SPEC §3 Requests): `sentry-trace` and `traceparent` unless
 * the caller set them, and our baggage members unless theirs has `sentry-` ones already. `append`
 * adds a value after the caller's own, as XHR's `setRequestHeader` does: theirs always comes first.
 */
function addTraceHeaders(
  data: TraceData,
  theirs: { get(name: string): string | null | undefined },
  append: (name: string, value: string) => void,
): void {
  if (theirs.get('sentry-trace') == null) append('sentry-trace', data['sentry-trace']!);
  const baggage = theirs.get('baggage')?.trim();
  const merged = data.baggage ? mergeBaggage(baggage, data.baggage) : '';
  if (merged && merged !== baggage) append('baggage', baggage ? merged.slice(baggage.length + 1) : merged);
  if (data.traceparent && theirs.get('traceparent') == null) append('traceparent', data.traceparent);
}

function addFetchTraceHeaders(call: FetchCall, data: TraceData): void {
  const headers = callerHeaders(call);
  if (headers === null) return;
  if (!headers) {
    // Nothing to merge with: ours go as a plain record, which fetch reads like any other.
    if (!data.baggage) delete data.baggage;
    call.headers = data as Record<string, string>;
    return;
  }
  // Baggage members joined with a bare comma, as mergeBaggage makes them (Headers#append would add ", ").
  addTraceHeaders(data, headers, (name, value) => headers.set(name, headers.has(name) ? `${headers.get(name)},${value}` : value));
  call.headers = headers;
}

interface XhrState {
  method: string;
  url: string;
  headers: Map<string, string>;
  req?: TracedRequest;
}

/**
 * Pageload and navigation transactions, fetch/XHR spans and trace headers, web vitals and browser
 * spans (SPEC §2, §3). Each piece is its own module; this wires them to the client and undoes them.
 */
export function browserTracingIntegration(options: BrowserTracingOptions = {}): Integration {
  const o = { ...options };
  const on = (flag: boolean | undefined): boolean => flag !== false;
  return {
    name: 'BrowserTracing',
    setup(client) {
      const undo: (() => void)[] = [];
      let pageload: SpanImpl | undefined;
      let claims = 0;
      const isPageload = (root: SpanImpl): boolean => root === pageload;

      const startRouteSpan = (op: 'pageload' | 'navigation', given: StartSpanOptions, source: TransactionSource): SpanImpl => {
        let spanOptions: StartSpanOptions = {
          ...given,
          op,
          attributes: { 'sentry.origin': `auto.${op}.browser`, ...given.attributes },
        };
        if (o.beforeStartSpan) {
          try {
            const changed = o.beforeStartSpan(spanOptions);
            if (changed && typeof changed === 'object' && typeof changed.name === 'string') spanOptions = changed;
            else client.log('beforeStartSpan returned no span options; keeping the original');
          } catch (e) {
            client.log(`beforeStartSpan threw (${String(e)}); keeping the original options`);
          }
        }
        // The idle timeouts are read from `o` itself: BrowserTracingOptions extends IdleOptions.
        const span = client.startIdleSpan(spanOptions, o);
        span.source = spanOptions.name === given.name ? source : 'custom';
        return span;
      };

      const startNavigation = (given: StartSpanOptions, source: TransactionSource = 'custom'): SpanImpl => {
        client.idle?.finish('cancelled');
        client.trace = newTrace(client.platform.random);
        return startRouteSpan('navigation', given, source);
      };

      // These only register end-of-transaction hooks and observers; ordering against web-vitals'
      // visibility listeners comes from the event phase (see visibility.ts), not from this order.
      undo.push(instrumentPerformanceSpans(client, isPageload, on(o.enableLongTask)));

      if (on(o.instrumentPageLoad)) {
        undo.push(instrumentWebVitals(client, isPageload));
        const meta = readTraceMeta();
        const continued = traceFromHeaders(meta, client.platform.random);
        if (continued) client.trace = continued;
        else if (meta.sentryTrace || meta.traceparent) client.log('malformed trace meta tag ignored; starting a new trace');
        pageload = startRouteSpan('pageload', { name: location.pathname, startTime: performance.timeOrigin }, 'url');
      }

      if (on(o.instrumentNavigation)) {
        undo.push(instrumentHistory((path) => claims === 0 && startNavigation({ name: path }, 'url')));
      }

      const reqOpts: RequestOptions = {
        pageOrigin: location.origin,
        shouldCreateSpanForRequest: o.shouldCreateSpanForRequest,
        timings: on(o.enableHTTPTimings) ? createHttpTimings() : undefined,
      };
      if (reqOpts.timings) undo.push(reqOpts.timings.stop);

      if (on(o.traceFetch)) {
        undo.push(
          instrumentFetch((call) => {
            const req = startRequest(client, reqOpts, call.method, call.url, 'fetch');
            if (!req) return;
            if (req.headers) addFetchTraceHeaders(call, req.headers);
            if (req.span) return (res, err) => endRequest(req, reqOpts, res?.status, err);
          }),
        );
      }

      if (on(o.traceXHR)) {
        const state = new WeakMap<XMLHttpRequest, XhrState>();
        undo.push(
          instrumentXhr({
            open(xhr, [method, url]) {
              state.set(xhr, { method: String(method).toUpperCase(), url: String(url), headers: new Map() });
            },
            setRequestHeader(xhr, [name, value]) {
              const h = state.get(xhr)?.headers;
              const key = String(name).toLowerCase();
              // XHR joins repeated headers with ", " (XHR §4.5.2 setRequestHeader).
              h?.set(key, h.has(key) ? `${h.get(key)}, ${String(value)}` : String(value));
            },
            send(xhr) {
              const s = state.get(xhr);
              if (!s || s.req) return;
              const req = startRequest(client, reqOpts, s.method, s.url, 'xhr');
              if (!req) return;
              s.req = req;
              if (req.headers) addTraceHeaders(req.headers, s.headers, (name, value) => xhr.setRequestHeader(name, value));
              if (!req.span) return;
              let done = false;
              const finish = (): void => {
                if (done || xhr.readyState !== 4) return;
                done = true;
                xhr.removeEventListener('readystatechange', finish);
                xhr.removeEventListener('loadend', finish);
                // Status 0 (a network error or an abort) ends the span `internal_error`.
                endRequest(req, reqOpts, xhr.status);
              };
              xhr.addEventListener('readystatechange', finish);
              xhr.addEventListener('loadend', finish);
              // A synchronous request is complete (or has thrown) when send returns.
              return finish;
            },
          }),
        );
      }

      undo.push(
        instrumentVisibility(
          () => on(o.markBackgroundSpan) && client.idle?.finish('documentHidden'),
          () => client.idle?.finish('documentHidden'),
          () => client.delivery?.retryNow(),
        ),
      );

      routeControls.set(client, {
        startNavigation,
        pageload: () => (pageload && pageload.endTime === undefined ? pageload : undefined),
        claim() {
          claims++;
          let released = false;
          return () => {
            if (!released) claims--;
            released = true;
          };
        },
      });
      return () => {
        undo.forEach((u) => u());
        routeControls.delete(client);
      };
    },
  };
}
