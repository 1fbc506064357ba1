import type { Integration } from '../core/client';
import { installDeferred, lateTimings } from './installDeferred';
import type { BrowserTracingOptions } from './options';
import { instrumentRequests } from './requests';
import { instrumentRoutes } from './routes';
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
      const routes = instrumentRoutes(client, o);
      undo.push(routes.uninstall);
      const timings = on(o.enableHTTPTimings) ? lateTimings() : undefined;
      // Web vitals, browser spans and request timings come with the deferred part, after start-up.
      undo.push(installDeferred(client, o, routes.isPageload, timings));
      undo.push(instrumentRequests(client, o, timings));

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
