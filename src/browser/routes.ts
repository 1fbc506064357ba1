import type { Client } from '../core/client';
import type { SpanImpl } from '../core/span';
import { newTrace, traceFromHeaders } from '../core/trace';
import type { StartSpanOptions, TransactionSource } from '../core/types';
import { currentRoute, instrumentHistory } from './history';
import { readTraceMeta } from './meta';
import type { BrowserTracingOptions } from './options';

/** What the rest of the integration needs to know of the routes: which transaction is the pageload. */
export interface Routes {
  isPageload(root: SpanImpl): boolean;
  uninstall(): void;
}

/**
 * Pageload and navigation transactions (docs/contract.md §3 Pageload, Navigation): the pageload
 * continues the trace the server rendered into the page; every navigation starts a new trace. Also
 * registers the route control that router hooks drive through the public API.
 */
export function instrumentRoutes(client: Client, o: BrowserTracingOptions): Routes {
  let pageload: SpanImpl | undefined;
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
    const span = client.startIdleSpan(spanOptions, o);
    span.source = spanOptions.name === given.name ? source : 'custom';
    return span;
  };

  const startNavigation = (given: StartSpanOptions, source: TransactionSource = 'custom'): SpanImpl => {
    client.finishIdle('cancelled');
    client.setTrace(newTrace(client.platform.random));
    return startRouteSpan('navigation', given, source);
  };

  if (o.instrumentPageLoad !== false) {
    const meta = readTraceMeta();
    const continued = traceFromHeaders(meta, client.platform.random, client.log);
    if (continued) client.setTrace(continued);
    else if (meta.sentryTrace || meta.traceparent) client.log('malformed trace meta tag ignored; starting a new trace');
    pageload = startRouteSpan('pageload', { name: currentRoute(), startTime: performance.timeOrigin }, 'url');
  }

  const undo: (() => void)[] = [];
  if (o.instrumentNavigation !== false) {
    undo.push(instrumentHistory((route) => claims === 0 && startNavigation({ name: route }, 'url')));
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
    }),
  );

  return {
    isPageload: (root) => root === pageload,
    uninstall: () => undo.forEach((u) => u()),
  };
}
