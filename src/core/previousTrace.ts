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

export const PREVIOUS_TRACE_ATTRIBUTE = 'sentry.previous_trace';

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;

/** What `root` leaves behind for the trace that comes after it. */
export function toPreviousTrace(root: SpanImpl): PreviousTrace {
  return { traceId: root.traceId, spanId: root.spanId, sampled: root.sampled, startTime: root.startTime };
}

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
  root.addLink({ traceId, spanId, sampled, attributes: { 'sentry.link.type': 'previous_trace' } });
  root.setAttribute(PREVIOUS_TRACE_ATTRIBUTE, `${traceId}-${spanId}-${sampled ? 1 : 0}`);
  return true;
}

/** A previous trace as stored (JSON text); anything malformed gives `undefined`. */
export function parsePreviousTrace(text: string | null | undefined): PreviousTrace | undefined {
  if (!text) return undefined;
  let value: Partial<PreviousTrace> | null;
  try {
    value = JSON.parse(text) as Partial<PreviousTrace> | null;
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const { traceId, spanId, sampled, startTime } = value;
  const valid =
    typeof traceId === 'string' &&
    HEX32.test(traceId) &&
    typeof spanId === 'string' &&
    HEX16.test(spanId) &&
    typeof sampled === 'boolean' &&
    typeof startTime === 'number' &&
    Number.isFinite(startTime);
  return valid ? { traceId, spanId, sampled, startTime } : undefined;
}
