import { init, browserTracingIntegration, startInactiveSpan, getPageloadSpan, flush } from '../../dist/esm/index.js';

// Long enough that the pageload stays open for the whole timed part of a page.
const LONG = 10 * 60 * 1000;

/**
 * The bench's hooks (window.__bench) for tracewire, sending where `destination` says (the `dsn`,
 * or `otlp` with its options); setups/tracewire.js and setups/tracewire-otlp.js differ only there.
 */
export function tracewireBench(name, destination) {
  return {
    name,
    init({ keepOpen, docsTargets }) {
      const timeouts = keepOpen ? { idleTimeout: LONG, finalTimeout: LONG, childSpanTimeout: LONG } : {};
      init({
        ...destination(),
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
}
