import type { SpanImpl } from '../core/span';
import { observe } from './observe';

const MAX_PENDING = 100;
const toSeconds = (t: number): number => (performance.timeOrigin + t) / 1000;

export interface HttpTimings {
  /** Waits for the resource-timing entry of `href` and copies its figures onto `span`. */
  _track(span: SpanImpl, href: string): void;
  stop(): void;
}

/** Copies a request's resource-timing figures onto its span. */
function addTimings(span: SpanImpl, entry: PerformanceResourceTiming): void {
  span.setAttributes({
    'network.protocol.name': entry.nextHopProtocol?.startsWith('h') ? 'http' : entry.nextHopProtocol || undefined,
    'network.protocol.version': entry.nextHopProtocol?.replace(/^http\//, '').replace(/^h/, '') || undefined,
    'http.request.fetch_start': toSeconds(entry.fetchStart),
    'http.request.domain_lookup_start': toSeconds(entry.domainLookupStart),
    'http.request.domain_lookup_end': toSeconds(entry.domainLookupEnd),
    'http.request.connect_start': toSeconds(entry.connectStart),
    'http.request.secure_connection_start': entry.secureConnectionStart ? toSeconds(entry.secureConnectionStart) : undefined,
    'http.request.connection_end': toSeconds(entry.connectEnd),
    'http.request.request_start': toSeconds(entry.requestStart),
    'http.request.response_start': toSeconds(entry.responseStart),
    'http.request.response_end': toSeconds(entry.responseEnd),
    'http.response_transfer_size': entry.transferSize,
    'http.response_content_length': entry.encodedBodySize,
  });
}

/**
 * Resource-timing figures on `http.client` spans (`enableHTTPTimings`). The entry of a request is
 * delivered after the response body ends, so the span is remembered by URL until it arrives: one Map
 * lookup per entry instead of a search through the timing buffer per request. Entries that never come
 * (a full timing buffer, an opaque redirect, a replaced fetch) must not pile up: spans wait in two
 * generations, and when MAX_PENDING wait in the younger one, the older one is dropped whole: that
 * costs O(1) per request, where evicting the oldest entry of one Map walks past every entry deleted
 * before it.
 */
export function createHttpTimings(): HttpTimings {
  let young = new Map<string, SpanImpl[]>();
  let old = new Map<string, SpanImpl[]>();
  let youngCount = 0;
  const take = (waiting: Map<string, SpanImpl[]>, url: string): SpanImpl | undefined => {
    const spans = waiting.get(url);
    const span = spans?.shift();
    if (spans && !spans.length) waiting.delete(url);
    return span;
  };
  const stop = observe('resource', (entries) => {
    for (const entry of entries as PerformanceResourceTiming[]) {
      if (entry.initiatorType !== 'fetch' && entry.initiatorType !== 'xmlhttprequest') continue;
      let span = take(old, entry.name);
      if (!span && (span = take(young, entry.name))) youngCount--;
      if (!span) continue;
      addTimings(span, entry);
    }
  });
  return {
    _track(span, href) {
      if (youngCount >= MAX_PENDING) {
        old = young;
        young = new Map();
        youngCount = 0;
      }
      const list = young.get(href);
      if (list) list.push(span);
      else young.set(href, [span]);
      youngCount++;
    },
    stop,
  };
}
