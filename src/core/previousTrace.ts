import type { SpanImpl } from './span';

/** The root span of a trace that a later one links to (docs/contract.md §3 Linked traces). */
export interface PreviousTrace {
  traceId: string;
  spanId: string;
  sampled: boolean;
  /** When that root started, ms since the epoch. */
  startTime: number;
}

/** A previous trace older than this is not linked: a user who comes back after an hour starts a new journey. */
export const PREVIOUS_TRACE_MAX_AGE = 3_600_000;

// `{trace id}-{span id}-{1|0}-{start ms}`: the `sentry.previous_trace` value and when that root started.
const STORED = /^([0-9a-f]{32})-([0-9a-f]{16})-([01])-(\d{1,15})$/;

/**
 * Links `root` to `previous` when there is one of another trace that started less than an hour
 * before `root` did: a span link, and the same as one `sentry.previous_trace` value for the UIs that
 * read the data. Returns whether it linked.
 */
export function linkPreviousTrace(root: SpanImpl, previous: PreviousTrace | undefined): boolean {
  if (!previous || previous.traceId === root.traceId) return false;
  const age = root.startTime - previous.startTime;
  if (!(age >= 0 && age < PREVIOUS_TRACE_MAX_AGE)) return false;
  const { traceId, spanId, sampled } = previous;
  root._addLink({ traceId, spanId, sampled, attributes: { 'sentry.link.type': 'previous_trace' } });
  root.setAttribute('sentry.previous_trace', `${traceId}-${spanId}-${sampled ? 1 : 0}`);
  return true;
}

/** What `root` leaves behind for the trace that comes after it, as text to store. */
export function serializePreviousTrace(root: SpanImpl): string {
  return `${root.traceId}-${root.spanId}-${root.sampled ? 1 : 0}-${Math.round(root.startTime)}`;
}

/** A previous trace as stored by {@link serializePreviousTrace}; anything else gives `undefined`. */
export function parsePreviousTrace(text: string | null | undefined): PreviousTrace | undefined {
  if (!text) return undefined; // nothing stored: the usual case, and no regex to compile at init
  const m = STORED.exec(text);
  return m ? { traceId: m[1]!, spanId: m[2]!, sampled: m[3] === '1', startTime: Number(m[4]) } : undefined;
}
