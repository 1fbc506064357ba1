import { context, trace } from '@opentelemetry/api';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { DocumentLoadInstrumentation } from '@opentelemetry/instrumentation-document-load';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { XMLHttpRequestInstrumentation } from '@opentelemetry/instrumentation-xml-http-request';

let provider;
let tracer;
// The document-load span ends at the load event by design, so a root span kept open
// stands in for "the open pageload" that requests and extra spans become children of.
let root;

window.__bench = {
  name: 'opentelemetry',
  init() {
    const origin = location.origin;
    const exporter = new OTLPTraceExporter({ url: `${origin}/v1/traces` });
    provider = new WebTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
    provider.register();
    const corsUrls = [origin];
    const ignoreUrls = [/\/v1\/traces/];
    registerInstrumentations({
      instrumentations: [
        new DocumentLoadInstrumentation(),
        new FetchInstrumentation({ propagateTraceHeaderCorsUrls: corsUrls, ignoreUrls }),
        new XMLHttpRequestInstrumentation({ propagateTraceHeaderCorsUrls: corsUrls, ignoreUrls }),
      ],
    });
    tracer = provider.getTracer('bench');
    root = tracer.startSpan('pageload');
  },
  openSpans(n) {
    const ctx = trace.setSpan(context.active(), root);
    for (let i = 0; i < n; i++) tracer.startSpan(`work ${i}`, {}, ctx).end();
  },
  inPageload(fn) {
    return context.with(trace.setSpan(context.active(), root), fn);
  },
  pageloadOpen() {
    return !!root && root.isRecording();
  },
  async finish() {
    root.end();
    await provider.forceFlush();
  },
};
