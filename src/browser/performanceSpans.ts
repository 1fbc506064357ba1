import type { Client } from '../core/client';
import type { SpanImpl } from '../core/span';
import type { Attributes } from '../core/types';
import { observe } from './observe';

const ORIGIN = { 'sentry.origin': 'auto.ui.browser.metrics' };
const MAX_LONG_TASKS = 200;

// Navigation Timing Level 2 phases: each a browser span from its start field to its end field.
const PHASES: { phase: string; start: keyof PerformanceNavigationTiming; end: keyof PerformanceNavigationTiming }[] = [
  { phase: 'redirect', start: 'redirectStart', end: 'redirectEnd' },
  { phase: 'cache', start: 'fetchStart', end: 'domainLookupStart' },
  { phase: 'dns', start: 'domainLookupStart', end: 'domainLookupEnd' },
  { phase: 'connect', start: 'connectStart', end: 'connectEnd' },
  { phase: 'tls', start: 'secureConnectionStart', end: 'connectEnd' },
  { phase: 'request', start: 'requestStart', end: 'responseStart' },
  { phase: 'response', start: 'responseStart', end: 'responseEnd' },
  { phase: 'domContentLoadedEvent', start: 'domContentLoadedEventStart', end: 'domContentLoadedEventEnd' },
  { phase: 'loadEvent', start: 'loadEventStart', end: 'loadEventEnd' },
];

function addSpan(client: Client, root: SpanImpl, op: string, name: string, start: number, end: number, data?: Attributes): void {
  const origin = performance.timeOrigin;
  client
    .startSpan({ name, op, parentSpan: root, startTime: origin + start, attributes: { ...ORIGIN, ...data } })
    .end(origin + Math.max(start, end));
}

/** Adds the browser spans of `root`'s time range as it ends: long tasks, and for the pageload the rest. */
function addBrowserSpans(client: Client, root: SpanImpl, tasks: PerformanceEntry[], pageload: boolean, ignoreOps: string[]): void {
  const from = root.startTime - performance.timeOrigin;
  const until = client.now() - performance.timeOrigin;
  const within = (e: PerformanceEntry): boolean => e.startTime >= from && e.startTime <= until;
  for (const t of tasks.splice(0).filter(within))
    addSpan(client, root, 'ui.long-task', 'Main UI thread blocked', t.startTime, t.startTime + t.duration);
  if (!pageload) return;
  const nav = performance.getEntriesByType('navigation')[0];
  if (nav) {
    for (const { phase, start, end } of PHASES) {
      const s = nav[start] as number;
      const e = nav[end] as number;
      if (s > 0 && e >= s) addSpan(client, root, `browser.${phase}`, phase, s, e);
    }
  }
  for (const r of performance.getEntriesByType('resource')) {
    const type = r.initiatorType;
    if (type === 'fetch' || type === 'xmlhttprequest' || type === 'beacon' || !within(r)) continue;
    if (ignoreOps.includes(`resource.${type}`)) continue;
    if (client.ownUrls.some((u) => r.name.startsWith(u))) continue;
    addSpan(client, root, `resource.${type}`, r.name.split(/[?#]/)[0]!, r.startTime, r.responseEnd, {
      'http.response_transfer_size': r.transferSize,
      'http.response_content_length': r.encodedBodySize,
      'http.decoded_response_content_length': r.decodedBodySize,
    });
  }
  // A mark is a measure of duration 0.
  for (const type of ['mark', 'measure'])
    for (const m of performance.getEntriesByType(type))
      if (within(m)) addSpan(client, root, type, m.name, m.startTime, m.startTime + m.duration);
}

/**
 * Browser spans from the Performance Timeline (docs/contract.md §3 Browser spans): navigation-timing phases,
 * resources, marks and measures for the pageload, long tasks for every idle transaction. They are
 * read once, as the transaction ends, rather than tracked while it runs (and the reading lives in
 * its own function, which the browser compiles only then, not during init).
 */
export function instrumentPerformanceSpans(
  client: Client,
  isPageload: (root: SpanImpl) => boolean,
  longTasks: boolean,
  /** `ignoreResourceSpans` (docs/contract.md §2): ops of resource spans not to record. */
  ignoreResourceSpans: string[] = [],
): () => void {
  const tasks: PerformanceEntry[] = [];
  const stopLongTasks = longTasks
    ? observe('longtask', (entries) => {
        for (const e of entries) if (tasks.length < MAX_LONG_TASKS) tasks.push(e);
      })
    : () => undefined;
  const stopHook = client.onIdleEnding((root) => addBrowserSpans(client, root, tasks, isPageload(root), ignoreResourceSpans));
  return () => {
    stopLongTasks();
    stopHook();
  };
}
