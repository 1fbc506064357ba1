import type { FinishedTransaction } from './pipeline';
import type { SpanJSON } from './types';
import { SDK_VERSION } from './version';

// OTLP/HTTP JSON (opentelemetry-proto trace.proto, protobuf JSON mapping): the shapes we emit.
export type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: number }
  | { doubleValue: number }
  | { arrayValue: { values: OtlpAnyValue[] } };
export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}
export interface OtlpLink {
  traceId: string;
  spanId: string;
  flags: number;
  attributes: OtlpKeyValue[];
}
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  flags: number;
  attributes: OtlpKeyValue[];
  status: { code?: number; message?: string };
  links?: OtlpLink[];
}
export interface OtlpRequest {
  resourceSpans: {
    resource: { attributes: OtlpKeyValue[] };
    scopeSpans: { scope: { name: string; version: string }; spans: OtlpSpan[] }[];
  }[];
}

/** What the mapping reads of a finished transaction; `remoteParent` undefined counts as true when there is a parent. */
export type OtlpSource = Pick<FinishedTransaction, 'event' | 'traceState' | 'remoteParent'>;

// SpanKind (trace.proto): INTERNAL 1, CLIENT 3.
const KIND_INTERNAL = 1;
const KIND_CLIENT = 3;
// SpanFlags (trace.proto): bits 0-7 are the W3C trace flags (sampled = 1); bit 8 says bit 9 is known,
// bit 9 says the parent came from another process.
const SAMPLED = 0x1;
const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;

/**
 * A time in float seconds (the event's unit) as decimal nanoseconds. Multiplying by 1e9 would pass
 * 2^53 and invent digits; instead the decimal form is cut at microseconds (the most a double of
 * today's epoch seconds holds) and zero-padded, so equal times stay equal and the order is kept.
 */
export function secondsToNanos(seconds: unknown): string {
  const s = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  return s ? `${s.toFixed(6).replace('.', '')}000`.replace(/^0+/, '') : '0';
}

function anyValue(value: unknown, inArray = false): OtlpAnyValue | undefined {
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'boolean':
      return { boolValue: value };
    case 'number':
      // JSON has no NaN or Infinity: such a value is left out rather than sent as null.
      if (Number.isSafeInteger(value)) return { intValue: value };
      return Number.isFinite(value) ? { doubleValue: value } : undefined;
    case 'object':
      // Arrays of plain values only; an object a hook put into the data is left out (docs/contract.md §2).
      return Array.isArray(value) && !inArray
        ? { arrayValue: { values: value.map((v) => anyValue(v, true)).filter((v) => v !== undefined) } }
        : undefined;
  }
}

/** Record → KeyValue list; values that have no OTLP form (undefined, functions) are left out. */
export function toAttributes(record: Record<string, unknown> | undefined): OtlpKeyValue[] {
  const out: OtlpKeyValue[] = [];
  if (!record || typeof record !== 'object') return out;
  for (const key of Object.keys(record)) {
    const value = anyValue(record[key]);
    if (value) out.push({ key, value });
  }
  return out;
}

function status(value: unknown): OtlpSpan['status'] {
  if (typeof value !== 'string' || !value) return {};
  return value === 'ok' ? { code: 1 } : { code: 2, message: value };
}

/** The OTel HTTP semantic-convention keys (docs/contract.md §5) beside our own on an `http.client` span. */
function httpConventions(data: Record<string, unknown>): Record<string, unknown> {
  const query = data['http.query'];
  const full = data['url.full'] ?? (typeof data.url === 'string' ? data.url + (typeof query === 'string' ? query : '') : undefined);
  let port: string | undefined;
  try {
    port = typeof full === 'string' ? new URL(full).port : undefined;
  } catch {
    // A relative or data: URL has no port to report.
  }
  return { 'http.request.method': data['http.method'], 'url.full': full, 'server.port': port ? Number(port) : undefined };
}

interface LinkJSON {
  trace_id?: unknown;
  span_id?: unknown;
  sampled?: unknown;
  attributes?: Record<string, unknown>;
}

function toLinks(links: unknown): OtlpLink[] | undefined {
  if (!Array.isArray(links) || !links.length) return undefined;
  return (links as LinkJSON[])
    .filter((l) => l && typeof l.trace_id === 'string' && typeof l.span_id === 'string')
    .map((l) => ({
      traceId: l.trace_id as string,
      spanId: l.span_id as string,
      flags: l.sampled === true ? SAMPLED : 0,
      attributes: toAttributes(l.attributes),
    }));
}

function toSpan(
  json: SpanJSON,
  name: string,
  data: Record<string, unknown>,
  start: unknown,
  end: unknown,
  flags: number,
  traceState: string | undefined,
): OtlpSpan {
  const isHttp = json.op === 'http.client';
  const attributes: Record<string, unknown> = { ...data };
  if (json.op !== undefined) attributes['sentry.op'] = json.op;
  attributes['sentry.origin'] = json.origin ?? data['sentry.origin'] ?? 'manual';
  const span: OtlpSpan = {
    traceId: String(json.trace_id),
    spanId: String(json.span_id),
    name,
    kind: isHttp ? KIND_CLIENT : KIND_INTERNAL,
    startTimeUnixNano: secondsToNanos(start),
    endTimeUnixNano: secondsToNanos(end),
    flags,
    attributes: toAttributes(isHttp ? { ...attributes, ...httpConventions(data) } : attributes),
    status: status(json.status),
  };
  if (json.parent_span_id) span.parentSpanId = String(json.parent_span_id);
  if (traceState) span.traceState = traceState;
  return span;
}

/**
 * One finished transaction as an OTLP `ExportTraceServiceRequest` (docs/contract.md §5): the root
 * and each recorded child become OTLP spans of one resource and one scope. Pure: no clock, no DOM.
 */
export function toOtlpRequest(source: OtlpSource, resource: Record<string, unknown> | undefined): OtlpRequest {
  const event = source.event;
  const trace = event.contexts.trace;
  const rootData: Record<string, unknown> = { ...trace.data };
  delete rootData.links;
  if (event.transaction_info?.source) rootData['sentry.source'] = event.transaction_info.source;
  if (event.release) rootData['service.version'] = event.release;
  if (event.environment) rootData['deployment.environment.name'] = event.environment;
  if (event.request?.url) rootData['url.full'] = event.request.url;

  const remote = !!trace.parent_span_id && source.remoteParent !== false;
  const root = toSpan(
    trace,
    String(event.transaction),
    rootData,
    event.start_timestamp,
    event.timestamp,
    SAMPLED | HAS_IS_REMOTE | (remote ? IS_REMOTE : 0),
    source.traceState,
  );
  for (const [name, m] of Object.entries(event.measurements ?? {})) {
    // Always a double, so one vital keeps one type whether or not it happens to be whole.
    const value = Number(m?.value);
    if (Number.isFinite(value)) root.attributes.push({ key: `browser.web_vital.${name}.value`, value: { doubleValue: value } });
  }
  const links = toLinks((trace as { links?: unknown }).links);
  if (links?.length) root.links = links;

  const spans = [root];
  for (const child of Array.isArray(event.spans) ? event.spans : []) {
    if (!child || typeof child !== 'object') continue;
    spans.push(
      toSpan(
        child,
        String(child.description ?? child.op ?? ''),
        child.data ?? {},
        child.start_timestamp,
        child.timestamp,
        SAMPLED | HAS_IS_REMOTE,
        source.traceState,
      ),
    );
  }
  const resourceAttributes = {
    'service.name': 'unknown_service',
    ...(resource && typeof resource === 'object' ? resource : {}),
    'telemetry.sdk.name': 'tracewire',
    'telemetry.sdk.language': 'webjs',
    'telemetry.sdk.version': SDK_VERSION,
  };
  return {
    resourceSpans: [
      {
        resource: { attributes: toAttributes(resourceAttributes) },
        scopeSpans: [{ scope: { name: 'tracewire', version: SDK_VERSION }, spans }],
      },
    ],
  };
}
