import { generateSpanId, generateTraceId } from './ids';
import { parseBaggage } from './propagation/baggage';
import { parseSentryTrace } from './propagation/sentryTrace';
import { parseTraceparent } from './propagation/traceparent';
import { parseTracestate } from './propagation/tracestate';
import { getSampleRand, validRate } from './sampling';
import type { TraceHeaders } from './types';

/**
 * What the SDK knows of the current trace, kept between transactions so that requests made after a
 * transaction ended still carry its trace (docs/contract.md §3 Requests) and one trace gets one decision.
 */
export interface TraceState {
  traceId: string;
  /** Span id sent when no span is active. */
  spanId: string;
  /** The remote parent, when the trace was continued. */
  parentSpanId?: string;
  sampled?: boolean;
  sampleRate?: number;
  sampleRand: number;
  /** The frozen dynamic sampling context: incoming, or ours once first used. */
  dsc?: Record<string, string>;
  /** `dsc` serialised as baggage members, made once per trace since `dsc` is frozen. */
  baggage?: string;
  /** The incoming W3C `tracestate`, sent on unchanged beside `traceparent` (docs/contract.md §3 `tracestate`). */
  tracestate?: string;
}

export function newTrace(random: () => number): TraceState {
  return { traceId: generateTraceId(), spanId: generateSpanId(), sampleRand: random() };
}

/**
 * A trace continued from incoming headers: `sentry-trace` (with `baggage`) first, else `traceparent`.
 * Malformed or missing headers give `undefined`: the caller starts a new trace. A `tracestate` is
 * kept when it belongs to the continued trace: it came with a valid `traceparent` of the same trace id.
 */
export function traceFromHeaders(
  headers: TraceHeaders,
  random: () => number,
  log: (m: string) => void = () => undefined,
): TraceState | undefined {
  const sentry = parseSentryTrace(headers.sentryTrace);
  const w3c = parseTraceparent(headers.traceparent);
  const incoming = sentry ?? w3c;
  if (!incoming) return undefined;
  const tracestate = w3c?.traceId === incoming.traceId ? parseTracestate(headers.tracestate, log) : undefined;
  const dsc = sentry ? parseBaggage(headers.baggage).sentry : {};
  const rate = Number(dsc.sample_rate);
  return {
    traceId: incoming.traceId,
    spanId: generateSpanId(),
    parentSpanId: incoming.parentSpanId,
    sampled: incoming.sampled,
    sampleRate: validRate(rate) ? rate : undefined,
    sampleRand: getSampleRand(random, { sampleRand: dsc.sample_rand, sampled: incoming.sampled, sampleRate: dsc.sample_rate }),
    dsc: Object.keys(dsc).length ? dsc : undefined,
    tracestate,
  };
}
