import { init, browserTracingIntegration, startInactiveSpan, getPageloadSpan, flush } from '../../dist/esm/index.js';

// tracewire doing OpenTelemetry's job: the same options as setups/tracewire.js, but exporting
// OTLP/HTTP JSON to the bench server's traces URL (where setups/otel.js sends too) instead of
// Sentry envelopes, and sending W3C `traceparent` on requests as OpenTelemetry does. The npm build
// loads its OTLP exporter by a dynamic import(); see bundleSetups in run.mjs for how it is counted.

// Long enough that the pageload stays open for the whole timed part of a page.
const LONG = 10 * 60 * 1000;

window.__bench = {
  name: 'tracewire-otlp',
  init({ keepOpen, docsTargets }) {
    const timeouts = keepOpen ? { idleTimeout: LONG, finalTimeout: LONG, childSpanTimeout: LONG } : {};
    init({
      otlp: `${location.origin}/v1/traces`,
      propagateTraceparent: true,
      tracesSampleRate: 1,
      // The default cap (1000) would drop the spans the growth figures are about.
      ...(keepOpen ? { maxSpans: 10000 } : {}),
      // The targets as the docs show them: an API origin and same-origin `/api/` paths.
      ...(docsTargets ? { tracePropagationTargets: ['https://api.example.com', /^\/api\//] } : {}),
      integrations: [browserTracingIntegration(timeouts)],
    });
  },
  openSpans(n) {
    const parentSpan = getPageloadSpan();
    for (let i = 0; i < n; i++) startInactiveSpan({ name: `work ${i}`, op: 'bench', parentSpan }).end();
  },
  inPageload(fn) {
    return fn();
  },
  pageloadOpen() {
    const span = getPageloadSpan();
    return !!span && span.isRecording();
  },
  async finish() {
    getPageloadSpan()?.end();
    await flush(5000);
  },
};
