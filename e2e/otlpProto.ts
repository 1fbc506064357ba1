// Reads an OTLP/HTTP JSON body with the opentelemetry-proto definitions that an OpenTelemetry npm
// package ships (`@opentelemetry/otlp-transformer` 0.57's generated protobufjs module, installed as
// `otlp-proto`), rather than with a hand-written copy of the schema.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = require('otlp-proto/build/src/generated/root.js');
const ExportTraceServiceRequest = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

// OTLP/JSON differs from the plain protobuf JSON mapping in one way: ids are hex, not base64.
const ID_KEYS = new Set(['traceId', 'spanId', 'parentSpanId']);

function mapIds(value: any, fn: (id: string) => string): any {
  if (Array.isArray(value)) return value.map((v) => mapIds(v, fn));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ID_KEYS.has(k) && typeof v === 'string' ? fn(v) : mapIds(v, fn)]));
}

/**
 * Decodes `body` into an ExportTraceServiceRequest message, encodes it to protobuf binary, decodes
 * that and maps it back to JSON (64-bit integers as strings, enums as numbers, every field present).
 */
export function roundTripOtlp(body: unknown): any {
  const message = ExportTraceServiceRequest.fromObject(mapIds(body, (hex) => Buffer.from(hex, 'hex').toString('base64')));
  const decoded = ExportTraceServiceRequest.decode(ExportTraceServiceRequest.encode(message).finish());
  const json = ExportTraceServiceRequest.toObject(decoded, { longs: String, enums: Number, bytes: String, defaults: true, arrays: true });
  return mapIds(json, (b64) => Buffer.from(b64, 'base64').toString('hex'));
}

/**
 * Every leaf of `body` that the schema does not carry, or carries with another value, as
 * `path: sent → decoded`. Empty when the body is a well-formed ExportTraceServiceRequest. Integers
 * are compared as decimal strings: the JSON mapping allows 64-bit values as numbers or strings.
 */
export function otlpSchemaProblems(body: unknown): string[] {
  const decoded = roundTripOtlp(body);
  const problems: string[] = [];
  const walk = (sent: any, got: any, path: string): void => {
    if (sent && typeof sent === 'object') {
      for (const [k, v] of Object.entries(sent)) walk(v, got?.[k], `${path}.${k}`);
      return;
    }
    const norm = (x: any): string => (typeof x === 'number' || typeof x === 'string' ? String(x) : JSON.stringify(x));
    if (norm(sent) !== norm(got)) problems.push(`${path}: ${JSON.stringify(sent)} → ${JSON.stringify(got)}`);
  };
  walk(body, decoded, '');
  return problems;
}

/** The key paths of a JSON value with array indices folded (`resourceSpans[].scopeSpans[].spans[].name`), each with its JSON type. */
export function shapeOf(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) value.forEach((v) => shapeOf(v, `${path}[]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) shapeOf(v, path ? `${path}.${k}` : k, out);
  else out.set(path, typeof value);
  return out;
}
