// One module per metric, so that the bundle carries only what is used: web-vitals' attribution
// modules for LCP and CLS, whose causes it works out; the plain metrics for the rest. INP's attribution would add
// about 1 KB gzip (long-animation-frame bookkeeping) for one selector, which its own entries give.
import { onCLS } from 'web-vitals/attribution/onCLS.js';
import { onLCP } from 'web-vitals/attribution/onLCP.js';
import { onFCP } from 'web-vitals/onFCP.js';
import { onINP } from 'web-vitals/onINP.js';
import { onTTFB } from 'web-vitals/onTTFB.js';
import type { Metric, MetricWithAttribution } from 'web-vitals';
import type { Client } from '../core/client';
import type { SpanImpl } from '../core/span';
import type { Attributes } from '../core/types';
import { selectorOf } from './selector';

type Measurements = Record<string, number>;

/** Layout shifts name at most five sources each (Layout Instability API, `LayoutShift.sources`). */
const CLS_SOURCES = 5;

const unitOf = (name: string): string => (name === 'cls' ? '' : 'millisecond');

/** What caused a pageload vital, from web-vitals' attribution (docs/contract.md §3 Web vitals). */
function causes(m: Metric | MetricWithAttribution): Attributes {
  const out: Record<string, string | number | undefined> = {};
  if (!('attribution' in m)) return out as Attributes;
  if (m.name === 'LCP') {
    const a = m.attribution;
    out['lcp.element'] = a.target;
    out['lcp.url'] = a.url;
    out['lcp.size'] = a.lcpEntry?.size;
    out['lcp.loadTime'] = a.lcpEntry?.loadTime;
    out['lcp.renderTime'] = a.lcpEntry?.renderTime;
  } else if (m.name === 'CLS') {
    const sources = m.attribution.largestShiftEntry?.sources ?? [];
    for (let i = 0; i < sources.length && i < CLS_SOURCES; i++) out[`cls.source.${i + 1}`] = selectorOf(sources[i]!.node) || undefined;
  }
  for (const key in out) if (out[key] === undefined || out[key] === '') delete out[key];
  return out as Attributes;
}

/**
 * First paint, the request's share of TTFB (from sending the request to the first byte, as Sentry's
 * `ttfb.requestTime`) and the connection's round-trip time: read once, as the pageload ends.
 */
function pageFigures(): Measurements {
  const out: Measurements = {};
  const nav = performance.getEntriesByType?.('navigation')[0];
  if (nav && nav.responseStart >= nav.requestStart && nav.requestStart > 0) out['ttfb.requestTime'] = nav.responseStart - nav.requestStart;
  const fp = performance.getEntriesByName?.('first-paint')[0];
  if (fp) out.fp = fp.startTime;
  const rtt = (navigator as { connection?: { rtt?: number } }).connection?.rtt;
  if (typeof rtt === 'number') out['connection.rtt'] = rtt;
  return out;
}

/**
 * Web vitals from the `web-vitals` package, with its attribution for LCP and CLS (docs/contract.md §3 Web vitals). Each report
 * overwrites the last value (`reportAllChanges`), because the pageload usually ends by idleness long
 * before web-vitals would report a final LCP or CLS (on input or when hidden); the latest values and
 * their causes go onto the pageload as it ends. INP goes onto whichever transaction is open when the
 * interaction is reported.
 *
 * Where the browser reports soft navigations (`reportSoftNavs`), web-vitals starts the metrics over
 * for each one; the LCP, CLS and INP of a soft navigation go onto the `navigation` transaction that
 * started at its URL (docs/contract.md §3 Web vitals on navigations). Elsewhere no metric is ever a
 * soft navigation's, and navigations get INP only.
 */
export function instrumentWebVitals(client: Client, isPageload: (root: SpanImpl) => boolean): () => void {
  let on = true;
  const pageload: Measurements = {};
  const pageloadData: Record<string, Attributes> = {};
  /** Per navigation transaction, the latest vitals of its own soft navigation. */
  const soft = new WeakMap<SpanImpl, Measurements>();

  const keep = (name: string) => (m: Metric | MetricWithAttribution) => {
    if (!on) return;
    if (m.navigationType !== 'soft-navigation') {
      pageload[name] = m.value;
      pageloadData[name] = causes(m);
      return;
    }
    // A soft navigation's FCP and TTFB are not the contract's: navigations carry its LCP and CLS (and INP, below).
    if (name !== 'lcp' && name !== 'cls') return;
    const root = client.openIdleRoot();
    if (!root || root.op !== 'navigation' || root._tx.url !== m.navigationURL) return;
    const values = soft.get(root) ?? { cls: 0 };
    values[name] = m.value;
    soft.set(root, values);
  };
  const options = { reportAllChanges: true, reportSoftNavs: true };
  // This module is part of the deferred part, which loads after the page's start-up: the observers
  // are set up at once, and, being buffered, miss nothing that came before.
  try {
    // CLS is only reported once a shift happens; a page that never shifted has a CLS of 0.
    if (PerformanceObserver.supportedEntryTypes?.includes('layout-shift')) pageload.cls ??= 0;
    onLCP(keep('lcp'), options);
    onFCP(keep('fcp'), options);
    onTTFB(keep('ttfb'), options);
    onCLS(keep('cls'), options);
    onINP((m) => {
      if (!on) return;
      const root = client.openIdleRoot();
      if (!root) return;
      root._tx.setMeasurement('inp', m.value, 'millisecond');
      // The interaction's event entries name its target; the first one with a target is the one.
      const target = selectorOf(m.entries.find((e) => e.target)?.target);
      if (target) root.setAttribute('inp.element', target);
    }, options);
  } catch (e) {
    client.log(`web vitals could not be set up: ${String(e)}`);
  }
  const stop = client.onIdleEnding((root) => {
    const values = isPageload(root) ? { ...pageload, ...pageFigures() } : soft.get(root);
    if (!values) return;
    for (const name in values) root._tx.setMeasurement(name, values[name]!, unitOf(name));
    if (isPageload(root)) for (const name in pageloadData) root.setAttributes(pageloadData[name]!);
  });
  return () => {
    on = false;
    stop();
  };
}
