import type { TraceHeaders } from '../core/types';

// As for meta tags: longer than any valid value by far, so not worth parsing.
const MAX_VALUE = 8192;

/**
 * A baggage description is the raw header value (docs/contract.md §3 Server-Timing continuation);
 * one without any `=` cannot be a baggage list, so it is the whole value percent-encoded (a
 * Server-Timing description cannot carry every character a baggage value may hold) and is decoded once.
 */
export function decodeBaggageDescription(description: string): string | undefined {
  if (description.includes('=')) return description;
  try {
    return decodeURIComponent(description);
  } catch {
    return undefined;
  }
}

/**
 * The trace carried by this document's own `Server-Timing` response header, from the navigation
 * entry's `serverTiming` (docs/contract.md §3 Server-Timing continuation): entries `sentry-trace`,
 * `baggage` and `traceparent` with their value in `description`. The values are validated by the
 * caller as meta tags are. The first entry of each name counts.
 */
export function readServerTimingTrace(): TraceHeaders {
  const found: Record<string, string> = {};
  try {
    const nav = performance.getEntriesByType('navigation')[0];
    for (const { name, description } of nav?.serverTiming ?? []) {
      if (name in found || description.length > MAX_VALUE) continue;
      if (name === 'sentry-trace' || name === 'traceparent') found[name] = description;
      else if (name === 'baggage') {
        const baggage = decodeBaggageDescription(description);
        if (baggage !== undefined) found[name] = baggage;
      }
    }
  } catch {
    // no Performance Timeline, or an entry without serverTiming: nothing to continue
  }
  return { sentryTrace: found['sentry-trace'], baggage: found.baggage, traceparent: found.traceparent };
}
