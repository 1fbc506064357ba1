import type { SpanContext } from '../types';

/** The parts of a `sentry-trace` or `traceparent` header; `sampled` is undefined when the header leaves it open. */
export interface IncomingTrace {
  traceId: string;
  parentSpanId: string;
  sampled?: boolean;
}

// `{trace id}-{span id}[-{1|0}]`, docs/contract.md §4. Surrounding blanks are tolerated, nothing else.
const SENTRY_TRACE = /^[ \t]*([0-9a-f]{32})-([0-9a-f]{16})(?:-([01]))?[ \t]*$/;

/** Parses a `sentry-trace` value; anything malformed gives `undefined`. */
export function parseSentryTrace(value: unknown): IncomingTrace | undefined {
  if (typeof value !== 'string') return undefined;
  const m = SENTRY_TRACE.exec(value);
  if (!m || /^0+$/.test(m[1]!) || /^0+$/.test(m[2]!)) return undefined;
  return { traceId: m[1]!, parentSpanId: m[2]!, sampled: m[3] === undefined ? undefined : m[3] === '1' };
}

/** Serialises a `sentry-trace` value; the flag is omitted when the decision is still open. */
export function serializeSentryTrace(traceId: string, spanId: string, sampled?: boolean): string {
  return `${traceId}-${spanId}${sampled === undefined ? '' : sampled ? '-1' : '-0'}`;
}

export const spanToSentryTrace = (c: SpanContext): string => serializeSentryTrace(c.traceId, c.spanId, c.sampled);
