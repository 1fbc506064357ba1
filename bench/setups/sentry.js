import {
  init,
  browserTracingIntegration,
  startInactiveSpan,
  getActiveSpan,
  getRootSpan,
  flush,
} from '@sentry/browser';

// Long enough that the pageload stays open for the whole timed part of a page.
const LONG = 10 * 60 * 1000;

function pageload() {
  const active = getActiveSpan();
  return active && getRootSpan(active);
}

window.__bench = {
  name: 'sentry',
  init({ keepOpen }) {
    const timeouts = keepOpen ? { idleTimeout: LONG, finalTimeout: LONG, childSpanTimeout: LONG } : {};
    init({
      dsn: `http://publickey@${location.host}/1`,
      tracesSampleRate: 1,
      integrations: [
        browserTracingIntegration(timeouts),
      ],
    });
  },
  openSpans(n) {
    const parentSpan = pageload();
    for (let i = 0; i < n; i++) startInactiveSpan({ name: `work ${i}`, op: 'bench', parentSpan }).end();
  },
  inPageload(fn) {
    return fn();
  },
  pageloadOpen() {
    const span = pageload();
    return !!span && span.isRecording();
  },
  async finish() {
    pageload()?.end();
    await flush(5000);
  },
};
