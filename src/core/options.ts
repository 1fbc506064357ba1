import type { Client } from './client';
import type { PropagationTarget } from './propagation/targets';
import type { TracesSampler } from './sampling';
import type { TransactionEvent } from './types';

/**
 * Something `init` installs, such as `browserTracingIntegration()`. A custom integration gets the
 * running {@link Client} and may return a function that undoes what it installed (called when
 * `init` runs again).
 *
 * @example
 * const hello: Integration = { name: 'Hello', setup: (client) => client.log('hello from a custom integration') };
 */
export interface Integration {
  /** Shown in debug output. */
  name: string;
  /** Installs the integration; returns what undoes it. */
  setup(client: Client): (() => void) | void;
}

/**
 * A span to leave out (the `ignoreSpans` option): a substring or RegExp of its name, or a name/op
 * pair (both must match when both are given).
 *
 * @example ['/health', /^GET \/poll/, { op: 'resource.img' }]
 */
export type IgnoreSpan = string | RegExp | { name?: string | RegExp; op?: string | RegExp };

/**
 * Where OTLP/HTTP JSON goes (the `otlp` option): the collector's traces URL, or the URL with extra
 * request headers.
 *
 * @example 'https://collector.example.com:4318/v1/traces'
 * @example { url: 'https://collector.example.com:4318/v1/traces', headers: { 'x-api-key': '…' } }
 */
export type OtlpOptions = string | { url: string; headers?: Record<string, string> };

/**
 * The options of `init`. Without a destination (`dsn`, `tunnel`, `transport`, `spotlight` or
 * `otlp`) the SDK installs nothing; several destinations may be set at once, and each receives
 * every finished transaction.
 *
 * @example
 * init({
 *   dsn: 'https://publicKey@o0.ingest.example.com/1',
 *   tracesSampleRate: 0.2,
 *   tracePropagationTargets: [/^\/api\//, 'https://api.example.com'],
 *   integrations: [browserTracingIntegration()],
 * });
 */
export interface InitOptions {
  /**
   * Where transactions go, as `{protocol}://{publicKey}@{host}[:{port}][/{path}]/{projectId}`. Default:
   * none. A malformed DSN sends nothing (a debug line says so).
   * @example 'https://publicKey@o0.ingest.example.com/1'
   */
  dsn?: string;
  /** A URL that receives the envelopes instead of the DSN's endpoint (same body), e.g. your own `/tunnel` route past ad blockers. Default: none. */
  tunnel?: string;
  /**
   * Your own sender instead of the built-in fetch transport: gets each serialised envelope.
   * Default: the fetch transport.
   * @example (envelope) => fetch('/collect', { method: 'POST', body: envelope })
   */
  transport?: (envelope: string) => Promise<unknown>;
  /** `true` or a URL: also post every envelope to a Spotlight sidecar (`http://localhost:8969/stream` for `true`). Default: `false`. */
  spotlight?: boolean | string;
  /**
   * What to install. Default: `[]`: without `browserTracingIntegration()` there are no pageload,
   * navigation or request spans.
   * @example [browserTracingIntegration({ idleTimeout: 2000 })]
   */
  integrations?: Integration[];
  /**
   * The share of traces to record, 0 to 1 (a numeric string such as `'0.5'` is read as its number).
   * Default: none. Tracing is on only when this or `tracesSampler` is set.
   * @example 0.2
   */
  tracesSampleRate?: number | string;
  /**
   * Decides per transaction; returns a rate (0 to 1) or a boolean, and wins over `tracesSampleRate`
   * and the parent's decision. Default: none.
   * @example ({ name, inheritOrSampleWith }) => (name === '/health' ? 0 : inheritOrSampleWith(0.2))
   */
  tracesSampler?: TracesSampler;
  /**
   * Which requests get trace headers: strings match anywhere in the full URL; RegExps are tested on
   * the full URL, and on the path for same-origin URLs. Default: same-origin requests only. `[]`
   * sends no trace headers at all. A cross-origin target must allow the headers (CORS).
   * @example [/^\/api\//, 'https://api.example.com']
   */
  tracePropagationTargets?: PropagationTarget[];
  /** Also send a W3C `traceparent` header to the same targets, for OpenTelemetry backends. Default: `false`. */
  propagateTraceparent?: boolean;
  /** Copied onto every transaction and into the baggage. Default: none. @example 'shop-web@1.4.2' */
  release?: string;
  /** Copied onto every transaction and into the baggage. Default: `'production'`. */
  environment?: string;
  /**
   * Sees every finished transaction before it is sent: return it (changed or not), or `null` to
   * drop it. If it throws or returns something else, the original is sent. Default: none.
   * @example (event) => (event.transaction === '/health' ? null : event)
   */
  beforeSendTransaction?: (event: TransactionEvent) => TransactionEvent | null | PromiseLike<TransactionEvent | null>;
  /** Spans kept per transaction; the rest are dropped and counted. Default: `1000`. */
  maxSpans?: number;
  /**
   * Child spans not to record; they do not keep a transaction open either, so a polling request
   * cannot hold it. Default: `[]`.
   * @example ['/poll', { op: 'resource.img' }]
   */
  ignoreSpans?: IgnoreSpan[];
  /** `false`: nothing is instrumented or sent. Default: `true`. */
  enabled?: boolean;
  /**
   * Log to the console what the SDK does: on `init`, what it installed, where transactions go and
   * option names it does not know; later, why something was dropped or not sent. Default: `false`.
   */
  debug?: boolean;
  /**
   * Also export every finished transaction as OTLP/HTTP JSON to this traces endpoint. Default: none.
   * @example 'https://collector.example.com:4318/v1/traces'
   */
  otlp?: OtlpOptions;
  /**
   * OTLP resource attributes. Default: none (`service.name` is then `'unknown_service'`); the SDK
   * adds `telemetry.sdk.*`.
   * @example { 'service.name': 'shop-web', 'service.version': '1.4.2' }
   */
  resource?: Record<string, string | number | boolean>;
}
