import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import type { Client } from '../core/client';
import type { SpanImpl } from '../core/span';
import { afterStartup } from './afterStartup';

type Vital = 'lcp' | 'fcp' | 'ttfb' | 'cls';

/**
 * Web vitals from the `web-vitals` package (SPEC §3 Web vitals). Each report overwrites the last
 * value (`reportAllChanges`), because the pageload usually ends by idleness long before web-vitals
 * would report a final LCP or CLS (on input or when hidden); the latest values go onto the pageload
 * as it ends. INP goes onto whichever transaction is open when the interaction is reported.
 */
export function instrumentWebVitals(client: Client, isPageload: (root: SpanImpl) => boolean): () => void {
  let on = true;
  const latest: Partial<Record<Vital, number>> = {};
  const keep = (name: Vital) => (m: Metric) => {
    if (on) latest[name] = m.value;
  };
  const all = { reportAllChanges: true };
  // Registered after the page's start-up: the observers are buffered, so nothing is missed, and the
  // page's own start-up does not wait for five observers and their listeners to be set up.
  const cancel = afterStartup(() => {
    // CLS is only reported once a shift happens; a page that never shifted has a CLS of 0.
    if (PerformanceObserver.supportedEntryTypes?.includes('layout-shift')) latest.cls ??= 0;
    onLCP(keep('lcp'), all);
    onFCP(keep('fcp'), all);
    onTTFB(keep('ttfb'), all);
    onCLS(keep('cls'), all);
    onINP((m) => {
      if (on) client.openIdleRoot()?.tx.setMeasurement('inp', m.value, 'millisecond');
    }, all);
  });
  const stop = client.onIdleEnding((root) => {
    if (!isPageload(root)) return;
    for (const name of Object.keys(latest) as Vital[]) root.tx.setMeasurement(name, latest[name]!, name === 'cls' ? '' : 'millisecond');
  });
  return () => {
    on = false;
    cancel();
    stop();
  };
}
