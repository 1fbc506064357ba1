import type { SpanImpl, Transaction } from './span';
import { generateTraceId } from './ids';
import type { Attributes, SpanJSON, TransactionEvent } from './types';
import { SDK_VERSION } from './version';

export const SDK_INFO = { name: 'tracewire', version: SDK_VERSION };

const seconds = (ms: number): number => ms / 1000;

/**
 * A span as the event's `spans` entries have it (docs/contract.md §4), also what the public
 * `spanToJSON` returns. Spans that nothing marked otherwise have origin `manual`; the origin is also
 * in `data['sentry.origin']`, and the op in `data['sentry.op']` when there is one (§2).
 */
export function spanToJSON(span: SpanImpl): SpanJSON {
  const origin = String(span.attributes['sentry.origin'] ?? 'manual');
  const data: Attributes = { ...span.attributes, 'sentry.origin': origin };
  if (span.op) data['sentry.op'] = span.op;
  const json: SpanJSON = {
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: span.parentSpanId,
    op: span.op,
    description: span.name,
    start_timestamp: seconds(span.startTime),
    // Undefined while the span is open; the event has only ended spans (see transactionToEvent).
    timestamp: span.endTime === undefined ? undefined : seconds(span.endTime),
    status: span.status ?? 'ok',
    origin,
    data,
  };
  if (span.links) {
    json.links = span.links.map((l) => ({ trace_id: l.traceId, span_id: l.spanId, sampled: l.sampled, attributes: l.attributes }));
  }
  return json;
}

export interface EventScope {
  release?: string;
  environment: string;
  /** The page URL when the transaction started. */
  url: string;
  userAgent?: string;
}

/** A finished transaction as the event of docs/contract.md §4. */
export function transactionToEvent(tx: Transaction, scope: EventScope): TransactionEvent {
  const root = tx.root;
  const trace = spanToJSON(root);
  delete trace.description;
  delete trace.start_timestamp;
  delete trace.timestamp;
  trace.data['sentry.source'] = root.source;
  if (tx.sampleRate !== undefined) trace.data['sentry.sample_rate'] = tx.sampleRate;
  if (tx._dropped) trace.data['tracewire.dropped_spans'] = tx._dropped;
  const event: TransactionEvent = {
    type: 'transaction',
    event_id: generateTraceId(),
    transaction: root.name,
    transaction_info: { source: root.source },
    start_timestamp: seconds(root.startTime),
    timestamp: seconds(root.endTime!),
    contexts: { trace: trace },
    // A child never ended (possible only under a root that is not idle) is left out, as it has no duration.
    spans: tx.spans.filter((s) => s.endTime !== undefined).map(spanToJSON),
    platform: 'javascript',
    sdk: SDK_INFO,
    environment: scope.environment,
    request: scope.userAgent ? { url: scope.url, headers: { 'User-Agent': scope.userAgent } } : { url: scope.url },
  };
  if (Object.keys(tx.measurements).length) event.measurements = tx.measurements;
  if (scope.release) event.release = scope.release;
  return event;
}

/** Envelope text: header, item header, payload, newline-separated (docs/contract.md §4). */
export function serializeEnvelope(event: TransactionEvent, dsc: Record<string, string>, now: number): string {
  const header = { event_id: event.event_id, sent_at: new Date(now).toISOString(), sdk: SDK_INFO, trace: dsc };
  return `${JSON.stringify(header)}\n${JSON.stringify({ type: 'transaction' })}\n${JSON.stringify(event)}`;
}
