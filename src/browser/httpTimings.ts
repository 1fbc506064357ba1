import type { SpanImpl } from '../core/span';
import { observe } from './observe';

const MAX_PENDING = 100;
const toSeconds = (t: number): number => (performance.timeOrigin + t) / 1000;

export interface HttpTimings {
  /** Waits for the resource-timing entry of `href` and copies its figures onto `span`. */
  track(span: SpanImpl, href: string): void;
  stop(): void;
}

/**
 * Resource-timing figures on `http.client` spans (`enableHTTPTimings`). The entry of a request is
 * delivered after the response body ends, so the span is remembered by URL until it arrives: one Map
 * lookup per entry instead of a search through the timing buffer per request.
 */
export function createHttpTimings(): HttpTimings {
  const pending = new Map<string, SpanImpl[]>();
  let count = 0;
  const stop = observe('resource', (entries) => {
    for (const entry of entries as PerformanceResourceTiming[]) {
      if (entry.initiatorType !== 'fetch' && entry.initiatorType !== 'xmlhttprequest') continue;
      const spans = pending.get(entry.name);
      const span = spans?.shift();
      if (!span) continue;
      count--;
      if (!spans!.length) pending.delete(entry.name);
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
  });
  return {
    track(span, href) {
      if (count >= MAX_PENDING) {
        // Entries that never came (a full timing buffer, an opaque redirect): forget the oldest.
        const oldest = pending.keys().next().value!;
        count -= pending.get(oldest)!.length;
        pending.delete(oldest);
      }
      const list = pending.get(href);
      if (list) list.push(span);
      else pending.set(href, [span]);
      count++;
    },
    stop,
  };
}
