import type { Integration } from '../core/client';
import { instrumentBfcacheRestore } from './bfcache';
import { currentRoute } from './history';
import { installDeferred, lateTimings } from './installDeferred';
import { createTraceLinker } from './linkedTraces';
import type { BrowserTracingOptions } from './options';
import { instrumentUserInput } from './redirects';
import { instrumentRequests } from './requests';
import { instrumentRoutes, type RouteHooks } from './routes';
import { instrumentVisibility } from './visibility';

export type { BrowserTracingOptions } from './options';

/**
 * Pageload and navigation transactions, fetch/XHR spans and trace headers, web vitals and browser
 * spans (docs/contract.md §2, §3). Each piece is its own module; this wires them to the client and
 * undoes them.
 */
export function browserTracingIntegration(options: BrowserTracingOptions = {}): Integration {
  const o = { ...options };
  const on = (flag: boolean | undefined): boolean => flag !== false;
  return {
    name: 'BrowserTracing',
    setup(client) {
      const undo: (() => void)[] = [];
      const hooks: RouteHooks = {};
      if (o.linkPreviousTrace !== 'off') hooks._onStart = createTraceLinker(client, o.linkPreviousTrace);
      if (on(o.detectRedirects)) {
        const input = instrumentUserInput(() => client.now());
        hooks._lastInput = input.lastInput;
        undo.push(input.uninstall);
      }
      const routes = instrumentRoutes(client, o, hooks);
      undo.push(routes.uninstall);
      if (on(o.instrumentBfcacheRestore)) {
        const attributes = { 'browser.navigation.type': 'back-forward-cache' };
        undo.push(instrumentBfcacheRestore(() => routes.startNavigation({ name: currentRoute(), attributes }, 'url')));
      }
      const timings = on(o.enableHTTPTimings) ? lateTimings() : undefined;
      // Web vitals, browser spans and request timings come with the deferred part, after start-up.
      undo.push(installDeferred(client, o, routes.isPageload, timings));
      undo.push(instrumentRequests(client, o, timings));

      // On page hide, what waits for the delivery queue is sent now: the page may not come back.
      const hidden = (): void => {
        if (on(o.markBackgroundSpan)) client.finishIdle('documentHidden');
        client.retryNow(true);
      };
      const leaving = (): void => {
        client.finishIdle('documentHidden');
        client.retryNow(true);
      };
      undo.push(instrumentVisibility(hidden, leaving, () => client.retryNow()));
      return () => undo.forEach((u) => u());
    },
  };
}
