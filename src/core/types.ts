/** Span status: `ok`, `cancelled`, `deadline_exceeded`, `internal_error`, or any other string. */
export type SpanStatus = 'ok' | 'cancelled' | 'deadline_exceeded' | 'internal_error' | (string & {});

/** Where a transaction name comes from (`transaction_info.source`): the URL, a route pattern, or your own name. */
export type TransactionSource = 'url' | 'route' | 'custom';

/** A span attribute's value: a string, number, boolean or an array of them. */
export type AttributeValue = string | number | boolean | (string | number | boolean)[];
/** Span attributes, e.g. `{ 'cart.items': 3 }`. */
export type Attributes = Record<string, AttributeValue>;

/** A span's ids and sampling decision. */
export interface SpanContext {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

/** The span handed to users. */
export interface Span {
  /** Its trace id, span id and sampling decision. */
  spanContext(): SpanContext;
  /** Sets one attribute; `undefined` removes it. */
  setAttribute(key: string, value: AttributeValue | undefined): this;
  /** Sets several attributes; `undefined` values remove theirs. */
  setAttributes(attributes: Record<string, AttributeValue | undefined>): this;
  /** @example span.setStatus('internal_error') */
  setStatus(status: SpanStatus): this;
  /** Renames the span; for a transaction, `source` says where the name comes from (default `custom`). */
  updateName(name: string, source?: TransactionSource): this;
  /** Ends the span; `endTime` in ms since the epoch (default: now). Ending twice does nothing. */
  end(endTime?: number): void;
  /** `true` while the span is open and sampled. */
  isRecording(): boolean;
  /** The span as a `sentry-trace` header value. */
  toSentryTrace(): string;
}

/** What a span starts with. @example { name: 'load cart', op: 'function', attributes: { items: 3 } } */
export interface StartSpanOptions {
  /** The span's name (a transaction's name). */
  name: string;
  /** Its operation, e.g. `'http.client'` or `'ui.action'`. Default: none. */
  op?: string;
  /** Its first attributes. Default: none. */
  attributes?: Attributes;
  /** The parent; `null` starts a root span (a transaction) in the current trace. Default: the active span. */
  parentSpan?: Span | null;
  /** Start a transaction even when there is a parent (it keeps the parent's trace). Default: `false`. */
  forceTransaction?: boolean;
  /** ms since the epoch; default now. */
  startTime?: number;
}

/** When an idle transaction ends by itself (ms). */
export interface IdleOptions {
  /** End this long after the last child span ended, when no child is open. Default: `1000`. */
  idleTimeout?: number;
  /** Never last longer than this. Default: `30000`. */
  finalTimeout?: number;
  /** End if children are open but none started or ended for this long. Default: `15000`. */
  childSpanTimeout?: number;
}

/** What `tracesSampler` is given for each new transaction. */
export interface SamplingContext {
  /** The transaction's name. */
  name: string;
  /** Its attributes at start. */
  attributes: Attributes;
  /** The incoming or parent trace's decision, when there is one. */
  parentSampled?: boolean;
  /** The parent's decision (or sample rate) when there is one, else `rate`. */
  inheritOrSampleWith(rate: number): number;
}

/** Why an idle transaction ended, as recorded in `contexts.trace.data['sentry.idle_span_finish_reason']`. */
export type IdleFinishReason =
  'idleTimeout' | 'finalTimeout' | 'heartbeatFailed' | 'documentHidden' | 'cancelled' | 'externalFinish' | 'reportPageLoaded';

/** The trace headers a request or a page carries. */
export interface TraceHeaders {
  sentryTrace?: string | undefined;
  baggage?: string | undefined;
  traceparent?: string | undefined;
  /** W3C `tracestate`: kept only with a valid `traceparent` of the continued trace. */
  tracestate?: string | undefined;
}

/** Result of {@link getTraceData}: header name → value. */
export interface TraceData {
  'sentry-trace'?: string;
  baggage?: string;
  traceparent?: string;
  /** Sent beside `traceparent` when the trace was continued with one. */
  tracestate?: string;
}

/** A finished transaction as sent to a Sentry-compatible endpoint, as `beforeSendTransaction` sees it. */
export interface TransactionEvent {
  type: 'transaction';
  event_id: string;
  transaction: string;
  transaction_info: { source: TransactionSource };
  start_timestamp: number;
  timestamp: number;
  contexts: { trace: SpanJSON & { data: Attributes } };
  spans: SpanJSON[];
  measurements?: Record<string, { value: number; unit: string }>;
  platform: 'javascript';
  sdk: { name: string; version: string };
  release?: string;
  environment: string;
  request: { url: string; headers?: Record<string, string> };
  [key: string]: unknown;
}

/** A span link as the event carries it (docs/contract.md §3 Linked traces). */
export interface SpanLinkJSON {
  trace_id: string;
  span_id: string;
  sampled: boolean;
  attributes?: Attributes;
}

export interface SpanJSON {
  trace_id: string;
  span_id: string;
  parent_span_id?: string;
  op?: string;
  description?: string;
  start_timestamp?: number;
  timestamp?: number;
  status: string;
  origin: string;
  data: Attributes;
  links?: SpanLinkJSON[];
}
