/** Span status: the three named ones of SPEC §2 or any other string. */
export type SpanStatus = 'ok' | 'cancelled' | 'deadline_exceeded' | 'internal_error' | (string & {});

/** Where a transaction name comes from: SPEC §4 `transaction_info.source`. */
export type TransactionSource = 'url' | 'route' | 'custom';

/** A span attribute: a string, number, boolean or an array of them (docs/contract.md §2). */
export type AttributeValue = string | number | boolean | (string | number | boolean)[];
export type Attributes = Record<string, AttributeValue>;

export interface SpanContext {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

/** The span handed to users. */
export interface Span {
  spanContext(): SpanContext;
  setAttribute(key: string, value: AttributeValue | undefined): this;
  setAttributes(attributes: Record<string, AttributeValue | undefined>): this;
  setStatus(status: SpanStatus): this;
  updateName(name: string, source?: TransactionSource): this;
  /** Ends the span; `endTime` in ms since the epoch (default: now). Ending twice does nothing. */
  end(endTime?: number): void;
  isRecording(): boolean;
  /** The span as a `sentry-trace` header value. */
  toSentryTrace(): string;
}

export interface StartSpanOptions {
  name: string;
  op?: string;
  attributes?: Attributes;
  /** The parent; `null` starts a root span (a transaction) in the current trace. Default: the active span. */
  parentSpan?: Span | null;
  /** Start a transaction even when there is a parent (it keeps the parent's trace). */
  forceTransaction?: boolean;
  /** ms since the epoch; default now. */
  startTime?: number;
}

export interface IdleOptions {
  /** Default 1000 ms. */
  idleTimeout?: number;
  /** Default 30000 ms. */
  finalTimeout?: number;
  /** Default 15000 ms. */
  childSpanTimeout?: number;
}

export interface SamplingContext {
  name: string;
  attributes: Attributes;
  parentSampled?: boolean;
  /** The parent's decision (or sample rate) when there is one, else `rate`. */
  inheritOrSampleWith(rate: number): number;
}

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

/** A transaction event, SPEC §4. */
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
