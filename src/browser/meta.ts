import type { TraceHeaders } from '../core/types';

// Longer than any valid value by far; a bigger tag is garbage and is not worth a regex pass.
const MAX_META = 8192;

function meta(name: string): string | undefined {
  try {
    const value = document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
    return value && value.length <= MAX_META ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The trace a server rendered into the page: `<meta name="sentry-trace|baggage|traceparent|tracestate">` (docs/contract.md §3 Pageload). */
export function readTraceMeta(): TraceHeaders {
  return {
    sentryTrace: meta('sentry-trace'),
    baggage: meta('baggage'),
    traceparent: meta('traceparent'),
    tracestate: meta('tracestate'),
  };
}
