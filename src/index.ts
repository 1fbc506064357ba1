import { afterStartup } from './browser/afterStartup';
import { Client, type InitOptions, type RouteControl } from './core/client';
import { envelopeEndpoint } from './core/dsn';
import { spanToJSON as serializeSpan } from './core/envelope';
import { createEnvelopeExporter } from './core/envelopeExporter';
import { generateTraceId } from './core/ids';
import { createLogger } from './core/logger';
import { fanOut, lazyExporter, type Exporter } from './core/pipeline';
import { defaultPlatform } from './core/platform';
import { SpanImpl, type SpanHost } from './core/span';
import { newTrace, traceFromHeaders, type TraceState } from './core/trace';
import type { IdleOptions, Span, SpanJSON, StartSpanOptions, TraceData, TraceHeaders, TransactionSource } from './core/types';
import { SDK_VERSION } from './core/version';
import { loadInitReport, loadOtlpExporter, loadQueue } from './loaders';
import { createFetchSender } from './transport/fetchTransport';
import { createLateDelivery, type LateDelivery } from './transport/lateDelivery';
import { ENVELOPE_POLICY, OTLP_POLICY, outsideBrowser, type Sender } from './transport/policy';

export { browserTracingIntegration, type BrowserTracingOptions } from './browser/browserTracingIntegration';
export type { Client, InitOptions, Integration } from './core/client';
export type { IgnoreSpan, OtlpOptions } from './core/options';
export type { PropagationTarget } from './core/propagation/targets';
export type { TracesSampler } from './core/sampling';
export type {
  Attributes,
  AttributeValue,
  IdleFinishReason,
  IdleOptions,
  SamplingContext,
  Span,
  SpanContext,
  SpanJSON,
  SpanStatus,
  StartSpanOptions,
  TraceData,
  TraceHeaders,
  TransactionEvent,
  TransactionSource,
} from './core/types';
export { SDK_VERSION };

/** The one module-level reference (the client is passed explicitly inside the library): everything below it gets the client passed. */
let client: Client | undefined;
let uninstall: (() => void)[] = [];

const SPOTLIGHT_URL = 'http://localhost:8969/stream';

// Spans made while the SDK is not running: real ids so callers keep working, never recorded or sent.
const idleHost: SpanHost = { now: () => Date.now(), maxSpans: 0, finishTransaction: () => undefined };
const nonRecording = (o: StartSpanOptions): SpanImpl =>
  new SpanImpl({ host: idleHost, traceId: generateTraceId(), sampled: false, name: String(o?.name), op: o?.op, startTime: Date.now() });

/** Runs `fn` for the public API: what it throws is logged, never passed on; then it gives `undefined`. */
function guard<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    client?.log(`internal error: ${String(e)}`);
    return undefined;
  }
}

/**
 * Starts the SDK; call it once, before the app makes requests. Calling it again replaces the
 * previous set-up: its instrumentation is undone first, so nothing is wrapped twice. Without a
 * destination (`dsn`, `tunnel`, `transport`, `spotlight` or `otlp`), or with `enabled: false`, it
 * installs nothing. Never throws; with `debug: true` it says what it installed.
 *
 * @example
 * init({ dsn: 'https://publicKey@o0.ingest.example.com/1', tracesSampleRate: 0.2, integrations: [browserTracingIntegration()] });
 */
export function init(options: InitOptions): void {
  try {
    uninstall.forEach(guard);
    uninstall = [];
    // A second init replaces the first: one pageload per document, from the client that now runs.
    client?.close();
    client = undefined;
    const o = options ?? {};
    const platform = { ...defaultPlatform, url: () => globalThis.location?.href ?? '', userAgent: globalThis.navigator?.userAgent };
    const log = createLogger(!!o.debug);
    // What debug reports about init is code of its own, loaded only with debug (a chunk, or the CDN's deferred file).
    // It loads after the page's start-up, like the rest of the deferred part.
    const report = o.debug ? new Promise<void>((started) => afterStartup(started)).then(loadInitReport) : undefined;
    report?.then(
      (m) => m.unknownOptionWarnings(o).forEach(log),
      (e: unknown) => log(`the init report could not be loaded: ${String(e)}`),
    );
    if (o.enabled === false) return log('enabled: false, nothing installed');
    const ownUrls: string[] = [];
    const exporters = createExporters(o, platform, log, ownUrls);
    if (!exporters.length) return log('no dsn, tunnel, transport, spotlight or otlp: nothing installed');
    const c = new Client(o, platform, exporters);
    c.ownUrls.push(...ownUrls);
    client = c;
    const installed: string[] = [];
    for (const integration of Array.isArray(o.integrations) ? o.integrations : []) {
      try {
        const undo = integration.setup(c);
        if (typeof undo === 'function') uninstall.push(undo);
        installed.push(String(integration.name));
      } catch (e) {
        log(`integration ${String(integration?.name)} failed to set up: ${String(e)}`);
      }
    }
    // The destinations are described only with debug: working them out parses the DSN again.
    report?.then(
      (m) => m.describeInit(o, m.describeDestinations(o, envelopeEndpoint(o, SDK_VERSION), spotlightUrl(o)), installed).forEach(log),
      () => undefined,
    );
  } catch (e) {
    client?.log(`init failed: ${String(e)}`);
  }
}

/** The Spotlight sidecar's URL when `spotlight` asks for one. */
const spotlightUrl = (o: InitOptions): string | undefined =>
  o.spotlight ? (typeof o.spotlight === 'string' ? o.spotlight : SPOTLIGHT_URL) : undefined;

/**
 * The exporters the options ask for (docs/contract.md §2): one envelope exporter fanning out to the
 * envelope destinations, and the OTLP exporter for `otlp`. The URLs they post to go into `ownUrls`,
 * which are never traced.
 */
function createExporters(o: InitOptions, platform: Client['platform'], log: (m: string) => void, ownUrls: string[]): Exporter[] {
  const nativeFetch = typeof fetch === 'function' ? fetch.bind(globalThis) : undefined;
  // Outside a browser nothing ends the retries (no page lifetime, no `online` event): they are bounded.
  const inBrowser = typeof document !== 'undefined';
  const deliveries: LateDelivery[] = [];
  const deliver = (sender: Sender, policy = ENVELOPE_POLICY): LateDelivery => {
    const delivery = createLateDelivery(sender, loadQueue, platform, log, inBrowser ? policy : outsideBrowser(policy));
    deliveries.push(delivery);
    return delivery;
  };
  const endpoint = envelopeEndpoint(o, SDK_VERSION);
  const envelopes: LateDelivery[] = [];
  if (typeof o.transport === 'function') {
    const custom = o.transport;
    envelopes.push(deliver((e) => custom(e)));
  } else if (endpoint) {
    envelopes.push(deliver(createFetchSender(endpoint, nativeFetch)));
    ownUrls.push(endpoint.split('?')[0]!);
  }
  const url = spotlightUrl(o);
  if (url) {
    envelopes.push(deliver(createFetchSender(url, nativeFetch, { contentType: 'application/x-sentry-envelope' })));
    ownUrls.push(url);
  }
  const exporters: Exporter[] = [];
  if (envelopes.length) exporters.push(createEnvelopeExporter(fanOut(envelopes), platform.now, log));
  const otlp = readOtlpOption(o.otlp, log);
  if (otlp) {
    const { url, headers } = otlp;
    // A beacon can carry neither the JSON content type nor the headers: a fetch or nothing (docs/contract.md §5).
    const delivery = deliver(createFetchSender(url, nativeFetch, { contentType: 'application/json', headers, beacon: false }), OTLP_POLICY);
    // The mapping loads only when set: a chunk of its own for npm apps, part of the deferred file in the CDN
    // build. lazyExporter starts the load now rather than at the first export, which may come as the page unloads.
    const load = (): Promise<Exporter> => loadOtlpExporter().then((m) => m.createOtlpExporter(o.resource, delivery, log));
    exporters.push(lazyExporter(load, log));
    ownUrls.push(url.split('?')[0]!);
  }
  // The queues (retries, rate limits) load once the page's start-up is over, or at the first send.
  if (deliveries.length) afterStartup(() => deliveries.forEach((d) => d.load()));
  return exporters;
}

/** `otlp` as an absolute URL and headers (docs/contract.md §2); a value that is no URL is logged and ignored. */
function readOtlpOption(
  value: InitOptions['otlp'],
  log: (m: string) => void,
): { url: string; headers?: Record<string, string> } | undefined {
  if (value === undefined) return undefined;
  try {
    // Resolved against the page, so a same-origin path such as '/otlp/v1/traces' works and is recognised as ours.
    const url = new URL(typeof value === 'string' ? value : value.url, globalThis.location?.href).href;
    return { url, headers: typeof value === 'object' ? value.headers : undefined };
  } catch {
    log('invalid otlp option: a URL or { url, headers } is expected; nothing is exported there');
    return undefined;
  }
}

function run<T>(span: SpanImpl, callback: (span: Span) => T, autoEnd: boolean): T {
  const c = client;
  let result: T;
  try {
    result = c ? c.withActiveSpan(span, () => callback(span)) : callback(span);
  } catch (e) {
    if (autoEnd) guard(() => span.setStatus('internal_error').end());
    throw e;
  }
  if (autoEnd) {
    const thenable = result as { then?: unknown };
    if (thenable && typeof thenable === 'object' && typeof thenable.then === 'function') {
      // Ends the span when the promise settles; the caller still gets the promise itself.
      (result as PromiseLike<unknown>).then(
        () => span.end(),
        () => span.setStatus('internal_error').end(),
      );
    } else {
      span.end();
    }
  }
  return result;
}

const makeSpan = (options: StartSpanOptions): SpanImpl => guard(() => client?.startSpan(options)) ?? nonRecording(options);

/**
 * Runs `callback` with a new active span and ends the span when it returns or its promise settles
 * (status `internal_error` if it throws or rejects). Without a parent it starts a transaction.
 * Returns what the callback returns.
 *
 * @example const items = await startSpan({ name: 'load cart', op: 'function' }, () => fetchCart());
 */
export function startSpan<T>(options: StartSpanOptions, callback: (span: Span) => T): T {
  return run(makeSpan(options), callback, true);
}

/**
 * Like {@link startSpan}, but the callback ends the span itself.
 *
 * @example startSpanManual({ name: 'upload' }, (span) => upload(file).finally(() => span.end()));
 */
export function startSpanManual<T>(options: StartSpanOptions, callback: (span: Span) => T): T {
  return run(makeSpan(options), callback, false);
}

/**
 * A span that is not made active (spans started meanwhile do not become its children); end it yourself.
 *
 * @example const span = startInactiveSpan({ name: 'video playback', op: 'ui' }); player.onended = () => span.end();
 */
export function startInactiveSpan(options: StartSpanOptions): Span {
  return makeSpan(options);
}

/**
 * A transaction that ends by itself once idle, as pageloads do: `idleTimeout` (default 1000 ms)
 * after its last child ended, at most `finalTimeout` (default 30000 ms) after it started, or when
 * children are open but none started or ended for `childSpanTimeout` (default 15000 ms). It is the
 * active span while open; an open idle transaction is ended `cancelled` first.
 *
 * @example startIdleSpan({ name: 'open dialog', op: 'ui.action' }, { idleTimeout: 500 });
 */
export function startIdleSpan(options: StartSpanOptions, idle?: IdleOptions): Span {
  return guard(() => client?.startIdleSpan(options, idle)) ?? nonRecording(options);
}

/** The active span: the one `startSpan`'s callback runs in, else the open pageload or navigation. */
export function getActiveSpan(): Span | undefined {
  return client?.activeSpan();
}

/** The transaction `span` belongs to (itself for a transaction). */
export function getRootSpan(span: Span): Span {
  return span instanceof SpanImpl ? span._tx.root : span;
}

/**
 * The trace headers a request made now would carry (`sentry-trace`, `baggage`, and `traceparent`
 * with `propagateTraceparent`), for requests the SDK does not see, such as a WebSocket handshake.
 * `{}` before `init`.
 *
 * @example new EventSource(`/events?${new URLSearchParams(getTraceData())}`);
 */
export function getTraceData(): TraceData {
  return guard(() => client?.getTraceData()) ?? {};
}

function withTrace<T>(make: (random: () => number) => TraceState, callback: () => T): T {
  const c = client;
  if (!c) return callback();
  const trace = guard(() => make(c.platform.random)) ?? c.currentTrace();
  return c.withTrace(trace, callback);
}

/**
 * Runs `callback` inside the trace the headers describe (spans it starts join that trace);
 * malformed headers start a new trace.
 *
 * @example continueTrace({ sentryTrace: msg.sentryTrace, baggage: msg.baggage }, () => startSpan({ name: 'handle message' }, handle));
 */
export function continueTrace<T>(headers: TraceHeaders, callback: () => T): T {
  return withTrace((random) => traceFromHeaders(headers ?? {}, random, client?.log) ?? newTrace(random), callback);
}

/**
 * Runs `callback` inside a new trace: spans and requests in it do not belong to the current one.
 *
 * @example startNewTrace(() => startSpan({ name: 'background sync' }, sync));
 */
export function startNewTrace<T>(callback: () => T): T {
  return withTrace(newTrace, callback);
}

/**
 * Holds the open idle transaction open until {@link popActivity} with the returned id; with
 * `span`, also records a child span for the activity. Returns `0` when nothing is open.
 *
 * @example const id = pushActivity('animation'); animation.onfinish = () => popActivity(id);
 */
export function pushActivity(name: string, span?: { op?: string; name?: string }): number {
  return guard(() => client?.pushActivity(String(name), span)) ?? 0;
}

/** Ends the activity {@link pushActivity} returned `id` for (and its span); unknown ids are ignored. */
export function popActivity(id: number): void {
  guard(() => client?.popActivity(id));
}

/**
 * Sets a measurement (docs/contract.md §2) on the transaction of the active span, such as
 * `setMeasurement('memory.used', 1024, 'byte')`; `unit` defaults to none (`''`). A later value of
 * the same name replaces an earlier one; a value that is not a finite number is left out.
 */
export function setMeasurement(name: string, value: number, unit = ''): void {
  guard(() => {
    const c = client;
    const span = c?.activeSpan();
    if (!c || !span) return;
    if (typeof value !== 'number' || !Number.isFinite(value))
      return c.log(`measurement "${String(name)}" is not a finite number; left out`);
    span._tx.setMeasurement(String(name), value, String(unit));
  });
}

/**
 * A span as plain data (docs/contract.md §2), in the shape of the event's spans: times in seconds,
 * `timestamp` only once it ended. For code that reads spans the way it did with Sentry's SDK.
 */
export function spanToJSON(span: Span): SpanJSON {
  const json = guard(() => (span instanceof SpanImpl ? serializeSpan(span) : undefined));
  if (json) return json;
  const ctx = guard(() => span?.spanContext());
  return {
    trace_id: ctx?.traceId ?? '',
    span_id: ctx?.spanId ?? '',
    description: '',
    start_timestamp: 0,
    status: 'ok',
    origin: 'manual',
    data: {},
  };
}

/**
 * Resolves `true` once everything queued was sent, `false` if `timeoutMs` (default 2000) passed
 * first. Never rejects.
 *
 * @example await flush(1000);
 */
export function flush(timeoutMs?: number): Promise<boolean> {
  return guard(() => client?.flush(timeoutMs) ?? Promise.resolve(true)) ?? Promise.resolve(false);
}

const routeControl = (): RouteControl | undefined => client?.routeControl();

/**
 * Starts a `navigation` transaction in a new trace, for router hooks; an open pageload or navigation
 * ends `cancelled` first. `source` (default `custom`) is kept unless `beforeStartSpan` renames it.
 * Undefined without browserTracingIntegration.
 */
export function startNavigationSpan(options: StartSpanOptions, source: TransactionSource = 'custom'): Span | undefined {
  return guard(() => routeControl()?.startNavigation(options, source));
}

/** The pageload transaction while it is open, for router hooks that rename it; otherwise `undefined`. */
export function getPageloadSpan(): Span | undefined {
  return guard(() => routeControl()?.pageload());
}

/**
 * Ends the pageload now, when `browserTracingIntegration({ enableReportPageLoaded: true })` is used;
 * otherwise does nothing (docs/contract.md §3 Manual pageload end).
 */
export function reportPageLoaded(): void {
  guard(() => routeControl()?.reportPageLoaded());
}

/**
 * For router hooks: while claimed, history changes start no navigation transactions by themselves
 * (the router does). Returns the release.
 */
export function claimNavigation(): () => void {
  return guard(() => routeControl()?.claim()) ?? (() => undefined);
}
