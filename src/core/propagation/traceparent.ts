import type { IncomingTrace } from './sentryTrace';

// W3C Trace Context §3.2: version-traceid-parentid-flags. Version ff is invalid; a future version may
// append fields after another dash, version 00 may not.
const TRACEPARENT = /^[ \t]*([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[^]*)?[ \t]*$/;

/** Parses a `traceparent` value; anything malformed gives `undefined`. */
export function parseTraceparent(value: unknown): IncomingTrace | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TRACEPARENT.exec(value);
  if (!m) return undefined;
  const [, version, traceId, spanId, flags, rest] = m as unknown as string[];
  if (version === 'ff' || (version === '00' && rest) || /^0+$/.test(traceId!) || /^0+$/.test(spanId!)) return undefined;
  return { traceId: traceId!, parentSpanId: spanId!, sampled: (parseInt(flags!, 16) & 1) === 1 };
}

/** `00-{trace id}-{span id}-{01|00}`; an open decision is sent as not sampled, as the format has no third state. */
export function serializeTraceparent(traceId: string, spanId: string, sampled?: boolean): string {
  return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}
