// docs/contract.md §3 Pageload, Web vitals and Browser spans, as the CDN bundle records them in Chromium.
import { expect, test } from './fixtures';
import { FINISH_REASON, HEX16, HEX32, spansOf, tracingPage, txn, waitForTransaction } from './tracing-support';

const MS = 0.001; // one millisecond in the envelope's seconds

// A page with the kinds of content the pageload describes: text to paint, an image and a script,
// marks and a measure, and a task that blocks the main thread for 120 ms. The page holds the
// pageload open (pushActivity) until it has itself observed the first contentful paint, the LCP, the
// load event and the long task: its observers are registered after the SDK's, so they run after the
// SDK has seen the same entries, and the test does not depend on how fast the machine paints.
const content = {
  body: `<h1>Catalog</h1>
<p>Twelve products, sorted by price. This paragraph is the largest text on the page.</p>
<img id="pic" src="/pages/tracing/pixel.png?v=3" width="64" height="64" alt="">
<script src="/pages/tracing/asset.js?build=7"></script>`,
  script: `
window.hold = Tracewire.pushActivity('waiting for the page metrics');
const waitingFor = new Set(['fcp', 'lcp', 'load', 'longtask']);
const seen = (what) => {
  waitingFor.delete(what);
  if (waitingFor.size === 0) Tracewire.popActivity(window.hold);
};
new PerformanceObserver((list) => {
  if (list.getEntries().some((e) => e.name === 'first-contentful-paint')) seen('fcp');
}).observe({ type: 'paint', buffered: true });
new PerformanceObserver(() => seen('lcp')).observe({ type: 'largest-contentful-paint', buffered: true });
addEventListener('load', () => setTimeout(() => seen('load'), 0));
window.seenLongTasks = 0;
new PerformanceObserver((list) => {
  window.seenLongTasks += list.getEntries().length;
  seen('longtask');
}).observe({ type: 'longtask' });
performance.mark('app-start');
setTimeout(() => {
  const t0 = performance.now();
  while (performance.now() - t0 < 120) {}
  performance.mark('app-ready');
  performance.measure('app-boot', 'app-start', 'app-ready');
}, 50);`,
};

test('the pageload: name, source, start at the time origin, web vitals and browser spans', async ({ page, server, pageProblems }) => {
  const url = tracingPage(server, '/shop/catalog', content);
  await page.goto(url);
  const envelope = await waitForTransaction(server, 'pageload');
  const event = txn(envelope);
  const page$ = await page.evaluate(() => ({
    timeOrigin: performance.timeOrigin,
    seenLongTasks: (window as any).seenLongTasks as number,
    imageLoaded: (document.getElementById('pic') as HTMLImageElement).naturalWidth > 0,
    assetLoaded: (window as any).assetLoaded === true,
  }));
  expect(page$.imageLoaded && page$.assetLoaded, 'the page loaded its image and script').toBe(true);

  // Name, source, op, timing.
  const trace = event.contexts.trace;
  expect(event.transaction).toBe('/shop/catalog');
  expect(event.transaction_info).toEqual({ source: 'url' });
  expect(trace.op).toBe('pageload');
  expect(trace.status).toBe('ok');
  expect(trace.data[FINISH_REASON]).toBe('idleTimeout');
  expect(trace.trace_id).toMatch(HEX32);
  expect(trace.span_id).toMatch(HEX16);
  expect(trace.parent_span_id, 'no meta tag: the pageload starts the trace').toBeUndefined();
  expect(Math.abs(event.start_timestamp - page$.timeOrigin / 1000), 'starts at performance.timeOrigin').toBeLessThan(MS);
  expect(event.timestamp).toBeGreaterThan(event.start_timestamp);
  expect(event.request.url).toBe(url);
  expect(envelope.header.trace.trace_id).toBe(trace.trace_id);
  expect(envelope.header.trace.transaction, 'a url-source name is not put into the DSC').toBeUndefined();

  // Web vitals: milliseconds, except CLS; TTFB <= FCP <= LCP by definition.
  const m = event.measurements;
  for (const name of ['lcp', 'fcp', 'ttfb']) {
    expect(m?.[name]?.unit, `${name} unit`).toBe('millisecond');
    expect(typeof m[name].value).toBe('number');
  }
  expect(m.cls).toEqual({ value: expect.any(Number), unit: '' });
  expect(m.cls.value).toBeGreaterThanOrEqual(0);
  expect(m.ttfb.value).toBeGreaterThanOrEqual(0);
  expect(m.fcp.value).toBeGreaterThan(0);
  expect(m.fcp.value).toBeGreaterThanOrEqual(m.ttfb.value);
  expect(m.lcp.value).toBeGreaterThanOrEqual(m.fcp.value);

  // Every span is a child of the pageload and lies within it.
  expect(event.spans.length).toBeGreaterThan(0);
  for (const span of event.spans) {
    expect(span.trace_id).toBe(trace.trace_id);
    expect(span.parent_span_id).toBe(trace.span_id);
    expect(span.span_id).toMatch(HEX16);
    expect(span.start_timestamp).toBeGreaterThanOrEqual(event.start_timestamp - MS);
    expect(span.timestamp).toBeGreaterThanOrEqual(span.start_timestamp);
    expect(span.timestamp).toBeLessThanOrEqual(event.timestamp + MS);
  }

  // Navigation-timing phases.
  const ops = new Set(event.spans.map((s: any) => s.op));
  for (const op of ['browser.request', 'browser.response', 'browser.domContentLoadedEvent', 'browser.loadEvent']) {
    expect(ops, `a ${op} span`).toContain(op);
  }
  const [request] = spansOf(event, 'browser.request');
  const [response] = spansOf(event, 'browser.response');
  expect(response.start_timestamp).toBeGreaterThanOrEqual(request.start_timestamp);

  // Resources: the image and the script, named without their query.
  const img = spansOf(event, 'resource.img').filter((s) => /\/pages\/tracing\/pixel\.png$/.test(s.description));
  expect(img, 'one resource.img span for the image, without its query').toHaveLength(1);
  const script = spansOf(event, 'resource.script').filter((s) => /\/pages\/tracing\/asset\.js$/.test(s.description));
  expect(script, 'one resource.script span for the script, without its query').toHaveLength(1);

  // Marks and the measure between them (which spans the 120 ms busy loop).
  expect(spansOf(event, 'mark').map((s) => s.description)).toEqual(expect.arrayContaining(['app-start', 'app-ready']));
  const [measure] = spansOf(event, 'measure').filter((s) => s.description === 'app-boot');
  expect(measure, 'a measure span for performance.measure()').toBeDefined();
  expect(measure.timestamp - measure.start_timestamp).toBeGreaterThanOrEqual(0.12 - MS);

  // The busy loop as a Long Animation Frame, which Chromium reports, in place of long tasks.
  expect(page$.seenLongTasks, 'the page itself observed a long task').toBeGreaterThan(0);
  const frames = spansOf(event, 'ui.long-animation-frame');
  expect(frames.length).toBeGreaterThan(0);
  expect(Math.max(...frames.map((s) => s.timestamp - s.start_timestamp))).toBeGreaterThanOrEqual(0.1);
  expect(spansOf(event, 'ui.long-task')).toEqual([]);

  expect(pageProblems).toEqual([]);
});

test('long tasks where Long Animation Frames are off; enableLongTask: false records none', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/shop/catalog', { ...content, tracing: 'enableLongAnimationFrame: false' }));
  const withTasks = txn(await waitForTransaction(server, 'pageload'));
  const longTasks = spansOf(withTasks, 'ui.long-task');
  expect(longTasks.length).toBeGreaterThan(0);
  expect(Math.max(...longTasks.map((s) => s.timestamp - s.start_timestamp))).toBeGreaterThanOrEqual(0.1);
  expect(spansOf(withTasks, 'ui.long-animation-frame')).toEqual([]);

  server.clear();
  await page.goto(tracingPage(server, '/shop/catalog', { ...content, tracing: 'enableLongAnimationFrame: false, enableLongTask: false' }));
  const event = txn(await waitForTransaction(server, 'pageload'));
  expect(await page.evaluate(() => (window as any).seenLongTasks), 'the page itself observed a long task').toBeGreaterThan(0);
  expect(spansOf(event, 'measure').map((s) => s.description), 'the busy loop ran inside the pageload').toContain('app-boot');
  expect(spansOf(event, 'ui.long-task')).toEqual([]);
  expect(pageProblems).toEqual([]);
});

test('ignoreResourceSpans leaves out resource spans of those ops, and only those', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/shop/catalog', { ...content, tracing: "ignoreResourceSpans: ['resource.img']," }));
  const event = txn(await waitForTransaction(server, 'pageload'));
  expect(await page.evaluate(() => (document.getElementById('pic') as HTMLImageElement).naturalWidth), 'the image loaded').toBeGreaterThan(0);
  expect(spansOf(event, 'resource.img')).toEqual([]);
  expect(spansOf(event, 'resource.script').map((s) => s.description)).toContainEqual(expect.stringMatching(/\/pages\/tracing\/asset\.js$/));
  expect(pageProblems).toEqual([]);
});

test('instrumentPageLoad: false sends no pageload, requests are still traced in a navigation', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/shop/catalog', { tracing: 'instrumentPageLoad: false' }));
  expect(await page.evaluate(() => (window as any).Tracewire.getPageloadSpan())).toBeUndefined();
  await page.evaluate(async () => {
    history.pushState({}, '', '/shop/cart');
    await fetch('/api/echo?id=nav');
  });
  const event = txn(await waitForTransaction(server, 'navigation', '/shop/cart'));
  expect(spansOf(event, 'http.client')).toHaveLength(1);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(server.envelopes().map((e) => txn(e).contexts.trace.op)).toEqual(['navigation']);
  expect(pageProblems).toEqual([]);
});

test('an interaction while the pageload is open adds inp', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/shop/catalog', {
    body: '<button id="buy">Buy</button>',
    script: `
window.hold = Tracewire.pushActivity('test');
document.getElementById('buy').addEventListener('click', () => {
  const t0 = performance.now();
  while (performance.now() - t0 < 150) {}
});`,
  }));
  // Web vitals come with the deferred part: wait until it has arrived and run (a task after its load).
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/tracewire.deferred.min.js')));
  await page.evaluate(() => new Promise((done) => setTimeout(done, 100)));
  // web-vitals handles event entries in an idle callback (1 s timeout: headless Chromium may have no
  // idle periods). One queued later with the same timeout, from an observer registered after
  // web-vitals' own, runs after it: by then the SDK has been told about the interaction.
  await page.evaluate(() => {
    new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => (e as any).interactionId)) {
        requestIdleCallback(() => { (window as any).interactionReported = true; }, { timeout: 1000 });
      }
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  });
  await page.click('#buy');
  await expect.poll(() => page.evaluate(() => (window as any).interactionReported === true), { timeout: 8000 }).toBe(true);
  await page.evaluate(() => (window as any).Tracewire.popActivity((window as any).hold));
  const event = txn(await waitForTransaction(server, 'pageload'));
  expect(event.measurements?.inp?.unit).toBe('millisecond');
  expect(event.measurements.inp.value).toBeGreaterThanOrEqual(150);
  expect(pageProblems).toEqual([]);
});
