import type { Client } from '../core/client';
import type { SpanImpl } from '../core/span';
import { newTrace, traceFromHeaders } from '../core/trace';
import type { StartSpanOptions, TraceHeaders, TransactionSource } from '../core/types';
import { currentRoute, instrumentHistory } from './history';
import { readTraceMeta } from './meta';
import type { BrowserTracingOptions } from './options';
import { foldRedirect, isRedirect } from './redirects';
import { readServerTimingTrace } from './serverTiming';

/** What the rest of the integration needs to know of the routes. */
export interface Routes {
  isPageload(root: SpanImpl): boolean;
  /** Starts a `navigation` transaction in a new trace (docs/contract.md §3 Navigation). */
  startNavigation(options: StartSpanOptions, source?: TransactionSource): SpanImpl;
  uninstall(): void;
}

/** What other modules add to every pageload and navigation. */
export interface RouteHooks {
  /** Runs as each pageload or navigation transaction starts (linked traces). */
  _onStart?: (root: SpanImpl) => void;
  /** When the user last clicked or pressed a key (ms since the epoch); set when redirects are detected. */
  _lastInput?: () => number;
}

/** The trace the server handed this document: meta tags, else its Server-Timing header (docs/contract.md §3). */
function incomingTrace(): TraceHeaders {
  const meta = readTraceMeta();
  return meta.sentryTrace || meta.traceparent ? meta : readServerTimingTrace();
}

/**
 * Pageload and navigation transactions (docs/contract.md §3 Pageload, Navigation): the pageload
 * continues the trace the server rendered into the page; every navigation starts a new trace. Also
 * registers the route control that router hooks drive through the public API.
 */
export function instrumentRoutes(client: Client, o: BrowserTracingOptions, hooks: RouteHooks = {}): Routes {
  let pageload: SpanImpl | undefined;
  /** The last pageload or navigation started; open or not. */
  let current: SpanImpl | undefined;
  let claims = 0;

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
    // BrowserTracingOptions extends IdleOptions: the idle timeouts are read from the options themselves.
    // With enableReportPageLoaded, only reportPageLoaded() or finalTimeout ends the pageload.
    const manual = op === 'pageload' && !!o.enableReportPageLoaded;
    const span = client.startIdleSpan(spanOptions, manual ? { ...o, disableAutoFinish: true } : o);
    span.source = spanOptions.name === given.name ? source : 'custom';
    current = span;
    hooks._onStart?.(span);
    return span;
  };

  const startNavigation = (given: StartSpanOptions, source: TransactionSource = 'custom'): SpanImpl => {
    client.finishIdle('cancelled');
    client.setTrace(newTrace(client.platform.random));
    return startRouteSpan('navigation', given, source);
  };

  // A path change that the history reports: a redirect folds into the open transaction (docs/contract.md §3 Redirects).
  const onPathChange = (path: string): void => {
    if (claims > 0) return;
    const lastInput = hooks._lastInput;
    if (lastInput && isRedirect(current, client.now(), lastInput())) foldRedirect(client, current!, path);
    else startNavigation({ name: path }, 'url');
  };

  if (o.instrumentPageLoad !== false) {
    const headers = incomingTrace();
    const continued = traceFromHeaders(headers, client.platform.random, client.log);
    if (continued) client.setTrace(continued);
    else if (headers.sentryTrace || headers.traceparent)
      client.log('malformed trace meta tag or Server-Timing entry ignored; starting a new trace');
    pageload = startRouteSpan('pageload', { name: currentRoute(), startTime: performance.timeOrigin }, 'url');
  }

  const undo: (() => void)[] = [];
  if (o.instrumentNavigation !== false) {
    undo.push(instrumentHistory(onPathChange));
  }
  undo.push(
    client.setRouteControl({
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
      reportPageLoaded() {
        if (o.enableReportPageLoaded && pageload && client.openIdleRoot() === pageload) client.finishIdle('reportPageLoaded', client.now());
      },
    }),
  );

  return {
    isPageload: (root) => root === pageload,
    startNavigation,
    uninstall: () => undo.forEach((u) => u()),
  };
}
