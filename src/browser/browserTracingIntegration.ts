import type { Integration } from '../core/client';
import { mergeBaggage } from '../core/propagation/baggage';
import type { TraceData } from '../core/types';
import { instrumentBfcacheRestore } from './bfcache';
import { callerHeaders, type FetchCall, instrumentFetch } from './fetch';
import { installDeferred, lateTimings } from './installDeferred';
import { createTraceLinker } from './linkedTraces';
import type { BrowserTracingOptions } from './options';
import { instrumentUserInput } from './redirects';
import { endRequest, type RequestOptions, startRequest, type TracedRequest } from './requestSpan';
import { instrumentRoutes, type RouteHooks } from './routes';
import { instrumentVisibility } from './visibility';
import { instrumentXhr } from './xhr';

export type { BrowserTracingOptions } from './options';

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
      const hooks: RouteHooks = {};
      if (o.linkPreviousTrace !== 'off') hooks.onStart = createTraceLinker(client, o.linkPreviousTrace);
      if (on(o.detectRedirects)) {
        const input = instrumentUserInput(() => client.now());
        hooks.lastInput = input.lastInput;
        undo.push(input.uninstall);
      }
      const routes = instrumentRoutes(client, o, hooks);
      undo.push(routes.uninstall);
      if (on(o.instrumentBfcacheRestore)) {
        const attributes = { 'browser.navigation.type': 'back-forward-cache' };
        undo.push(instrumentBfcacheRestore(() => routes.startNavigation({ name: location.pathname, attributes }, 'url')));
      }
      const timings = on(o.enableHTTPTimings) ? lateTimings() : undefined;
      // Web vitals, browser spans and request timings come with the deferred part, after start-up.
      undo.push(installDeferred(client, o, routes.isPageload, timings));
      const reqOpts: RequestOptions = {
        pageOrigin: location.origin,
        shouldCreateSpanForRequest: o.shouldCreateSpanForRequest,
        timings,
      };

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
          () => on(o.markBackgroundSpan) && client.finishIdle('documentHidden'),
          () => client.finishIdle('documentHidden'),
          () => client.retryNow(),
        ),
      );
      return () => undo.forEach((u) => u());
    },
  };
}
