// Consumer code for scripts/check-package.mjs: every public export of `tracewire`, type-checked
// from the packed tarball. The @ts-expect-error lines must stay errors: if the types decayed to
// `any`, tsc would report each of them as an unused directive.
import {
  SDK_VERSION,
  browserTracingIntegration,
  claimNavigation,
  continueTrace,
  flush,
  getActiveSpan,
  getPageloadSpan,
  getRootSpan,
  getTraceData,
  init,
  popActivity,
  pushActivity,
  reportPageLoaded,
  setMeasurement,
  spanToJSON,
  startIdleSpan,
  startInactiveSpan,
  startNavigationSpan,
  startNewTrace,
  startSpan,
  startSpanManual,
  type AttributeValue,
  type Attributes,
  type BrowserTracingOptions,
  type Client,
  type IdleFinishReason,
  type IdleOptions,
  type IgnoreSpan,
  type InitOptions,
  type Integration,
  type OtlpOptions,
  type PropagationTarget,
  type SamplingContext,
  type Span,
  type SpanContext,
  type SpanJSON,
  type SpanStatus,
  type StartSpanOptions,
  type TraceData,
  type TraceHeaders,
  type TracesSampler,
  type TransactionEvent,
  type TransactionSource,
} from 'tracewire';

const version: string = SDK_VERSION;
const targets: PropagationTarget[] = ['https://api.example.com', /^\/api\//];
const sampler: TracesSampler = (ctx: SamplingContext) => (ctx.name === 'health' ? 0 : ctx.inheritOrSampleWith(0.5));
const tracing: BrowserTracingOptions = { idleTimeout: 500, traceXHR: false, shouldCreateSpanForRequest: (url) => !url.includes('poll') };
const custom: Integration = {
  name: 'custom',
  setup: (client: Client) => {
    client.log('custom integration installed');
    return () => undefined;
  },
};

const options: InitOptions = {
  dsn: 'https://public@o0.ingest.example.com/1',
  release: version,
  environment: 'staging',
  tracesSampler: sampler,
  tracePropagationTargets: targets,
  propagateTraceparent: true,
  beforeSendTransaction: (event: TransactionEvent) => (event.transaction === 'drop' ? null : event),
  integrations: [browserTracingIntegration(tracing), custom],
  ignoreSpans: [/poll/, { op: 'http.client', name: '/health' }] satisfies IgnoreSpan[],
  otlp: { url: 'https://collector.example.com:4318/v1/traces', headers: { 'x-key': 'k' } } satisfies OtlpOptions,
  resource: { 'service.name': 'shop-web' },
  debug: true,
};
init(options);
init({ tunnel: '/tunnel', tracesSampleRate: 0.2, transport: (envelope) => fetch('/t', { method: 'POST', body: envelope }) });

const attributes: Attributes = { 'cart.items': 3 };
const value: AttributeValue = true;
const startOptions: StartSpanOptions = { name: 'checkout', op: 'ui.action', attributes, parentSpan: null };
const total: number = startSpan(startOptions, (span: Span) => {
  span.setAttribute('paid', value).setStatus('ok' satisfies SpanStatus);
  return 42;
});
const later: Promise<string> = startSpan({ name: 'load' }, async () => 'done');
startSpanManual({ name: 'manual' }, (span) => span.end());
const inactive: Span = startInactiveSpan({ name: 'inactive', startTime: Date.now() });
const context: SpanContext = inactive.spanContext();
const idle: IdleOptions = { idleTimeout: 1000, finalTimeout: 30000, childSpanTimeout: 15000 };
const reason: IdleFinishReason = 'idleTimeout';
startIdleSpan({ name: 'idle' }, idle).updateName('renamed', 'custom' satisfies TransactionSource);
const active: Span | undefined = getActiveSpan();
const root: Span = getRootSpan(inactive);
const data: TraceData = getTraceData();
const headers: TraceHeaders = { sentryTrace: data['sentry-trace'], baggage: data.baggage };
continueTrace(headers, () => startNewTrace(() => undefined));
popActivity(pushActivity('upload', { op: 'file', name: 'upload' }));
const navigation: Span | undefined = startNavigationSpan({ name: '/users/:id' }, 'route');
const pageload: Span | undefined = getPageloadSpan();
claimNavigation()();
const sent: Promise<boolean> = flush(2000);
setMeasurement('memory.used', 1024, 'byte');
const json: SpanJSON = spanToJSON(inactive);
const started: string = json.span_id;
reportPageLoaded();
export { active, context, later, navigation, pageload, reason, root, sent, started, total };

// Deliberate errors: each must be reported.
// @ts-expect-error a sample rate is a number
init({ tracesSampleRate: {} });
// @ts-expect-error unknown option name (the option is `integrations`)
init({ dsn: 'https://public@o0.ingest.example.com/1', integration: [] });
// @ts-expect-error span names are required
startInactiveSpan({ op: 'no name' });
// @ts-expect-error flush resolves a boolean
const wrong: Promise<string> = flush();
// @ts-expect-error a measurement's value is a number
setMeasurement('lcp', '1200');
export { wrong };
