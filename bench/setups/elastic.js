import { apm } from '@elastic/apm-rum';

function pageload() {
  return apm.getCurrentTransaction();
}

window.__bench = {
  name: 'elastic',
  init({ keepOpen }) {
    apm.init({
      serviceName: 'bench',
      serverUrl: location.origin,
      distributedTracingOrigins: [location.origin],
    });
    // Keeps the page-load transaction open while the requests are timed.
    if (keepOpen) pageload()?.block(true);
  },
  openSpans(n) {
    const tr = pageload();
    for (let i = 0; i < n; i++) tr.startSpan(`work ${i}`, 'bench').end();
  },
  inPageload(fn) {
    return fn();
  },
  pageloadOpen() {
    const tr = pageload();
    return !!tr && tr.type === 'page-load' && !tr.ended;
  },
  async finish() {
    const tr = pageload();
    if (tr) {
      tr.block(false);
      tr.end();
    }
  },
};
