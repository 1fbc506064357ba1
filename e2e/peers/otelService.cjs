// A Node service instrumented with the real OpenTelemetry Node SDK, for e2e/otlp-peers.spec.ts.
// It serves a page whose <meta name="traceparent"> and <meta name="tracestate"> come from its own
// server span, the CDN bundle, and an API the page calls; it exports its spans as OTLP/HTTP JSON to
// COLLECTOR_URL. Prints `listening {port}` when ready. CommonJS, so the http module is patched
// before it is first required.
const { context, propagation, trace, SamplingDecision } = require('@opentelemetry/api');
const { W3CTraceContextPropagator, TraceState } = require('@opentelemetry/core');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');

// Samples everything and, on a trace this service starts, adds its own tracestate member, so the
// page gets a tracestate to carry on.
const sampler = {
  shouldSample(ctx) {
    const parent = trace.getSpanContext(ctx);
    return { decision: SamplingDecision.RECORD_AND_SAMPLED, traceState: parent?.traceState ?? new TraceState('shop=svc1,other@vendor=x') };
  },
  toString: () => 'ShopSampler',
};

const exporter = new OTLPTraceExporter({ url: process.env.COLLECTOR_URL });
const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'shop-api' }),
  sampler,
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
provider.register({ propagator: new W3CTraceContextPropagator() });
registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });

const http = require('node:http');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// The CDN bundle and its deferred file (which carries the OTLP exporter), served side by side.
const cdn = (file) => readFileSync(join(__dirname, '..', '..', 'dist', 'cdn', file));
const files = Object.fromEntries(['tracewire.min.js', 'tracewire.deferred.min.js', 'tracewire.otlp.min.js'].map((f) => [`/${f}`, cdn(f)]));
const collector = process.env.COLLECTOR_URL;

const server = http.createServer((req, res) => {
  if (req.url === '/favicon.ico') return res.writeHead(204).end();
  if (files[req.url]) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(files[req.url]);
  if (req.url === '/api/items') {
    const seen = { traceparent: req.headers.traceparent, tracestate: req.headers.tracestate };
    return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [1, 2], seen }));
  }
  const url = new URL(req.url, 'http://service');
  if (url.pathname === '/') {
    // `?propagate=0`: the control page, which sends no traceparent (and so no tracestate).
    // The server span of this request is active here: its context goes into the page.
    const carrier = {};
    propagation.inject(context.active(), carrier);
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>shop</title>
<meta name="traceparent" content="${carrier.traceparent}">
<meta name="tracestate" content="${carrier.tracestate}">
<script src="/tracewire.min.js"></script></head><body><script>
Tracewire.init({
  otlp: ${JSON.stringify(collector)},
  resource: { 'service.name': 'shop-web' },
  tracesSampleRate: 1,
  propagateTraceparent: ${url.searchParams.get('propagate') !== '0'},
  integrations: [Tracewire.browserTracingIntegration({ idleTimeout: 300 })],
});
window.api = fetch('/api/items').then((r) => r.json());
</script></body></html>`;
    return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  }
  res.writeHead(404).end();
});

server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => {
  server.close();
  provider.shutdown().finally(() => process.exit(0));
});
