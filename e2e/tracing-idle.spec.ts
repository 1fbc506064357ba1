// docs/contract.md §3 Idle and the idle options of §2: when a pageload ends by itself, and where its end lies.
import { expect, test } from './fixtures';
import { FINISH_REASON, httpSpan, requestWithId, spansOf, tracingPage, txn, waitForTransaction } from './tracing-support';

const MS = 0.001;
// The browser's clock (timeOrigin + now) and the server's Date.now() are the same wall clock read
// through different paths; allow for a small difference, in the direction that cannot hide a bug.
const CLOCK_SLACK_MS = 50;

test('default idleTimeout: the pageload ends 1000 ms after the last request, trimmed to its end', async ({ page, server, pageProblems }) => {
  // A second request starts 100 ms after the first one ended: it extends the same pageload.
  await page.goto(tracingPage(server, '/idle', {
    tracing: 'idleTimeout: undefined,',
    script: `
fetch('/api/delay?ms=300&id=first')
  .then((r) => r.text())
  .then(() => new Promise((r) => setTimeout(r, 100)))
  .then(() => fetch('/api/delay?ms=300&id=second'))
  .then((r) => r.text());`,
  }));
  const envelope = await waitForTransaction(server, 'pageload');
  const event = txn(envelope);
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  expect(event.contexts.trace.status).toBe('ok');

  const requests = spansOf(event, 'http.client');
  expect(requests, 'both requests belong to the pageload').toHaveLength(2);
  const [first, second] = [...requests].sort((a, b) => a.start_timestamp - b.start_timestamp);
  expect(second.start_timestamp).toBeGreaterThanOrEqual(first.timestamp);
  expect(second.data['http.response.status_code']).toBe(200);

  // The end is trimmed to the last child's end.
  const lastChildEnd = Math.max(...event.spans.map((s: any) => s.timestamp));
  expect(Math.abs(event.timestamp - lastChildEnd)).toBeLessThan(MS);
  expect(event.timestamp).toBeGreaterThanOrEqual(second.timestamp - MS);
  // It was sent no earlier than idleTimeout after the last request ended.
  expect(envelope.request.time).toBeGreaterThanOrEqual(second.timestamp * 1000 + 1000 - CLOCK_SLACK_MS);
  expect(pageProblems).toEqual([]);
});

test('a short idleTimeout: sent no earlier than idleTimeout after the request ended', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/idle', { tracing: 'idleTimeout: 400,', script: `fetch('/api/delay?ms=200&id=only');` }));
  const envelope = await waitForTransaction(server, 'pageload');
  const event = txn(envelope);
  const only = httpSpan(event, '/api/delay');
  expect(Math.abs(event.timestamp - Math.max(...event.spans.map((s: any) => s.timestamp)))).toBeLessThan(MS);
  expect(envelope.request.time).toBeGreaterThanOrEqual(only.timestamp * 1000 + 400 - CLOCK_SLACK_MS);
  expect(pageProblems).toEqual([]);
});

test('finalTimeout ends the pageload while a request is still open; the child is cancelled', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/idle', { tracing: 'finalTimeout: 1500,', script: `fetch('/api/delay?ms=8000&id=held');` }));
  const envelope = await waitForTransaction(server, 'pageload');
  expect(requestWithId(server, 'held', '/api/delay').status, 'the request was still pending').toBeUndefined();
  const event = txn(envelope);
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('finalTimeout');
  const held = httpSpan(event, '/api/delay');
  expect(held.status).toBe('cancelled');
  expect(held.data).not.toHaveProperty('http.response.status_code');
  expect(event.timestamp - event.start_timestamp).toBeGreaterThanOrEqual(1.5 - MS);
  expect(pageProblems).toEqual([]);
});

test('childSpanTimeout ends the pageload when open children stay silent (heartbeatFailed)', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/idle', { tracing: 'childSpanTimeout: 1000,', script: `fetch('/api/delay?ms=8000&id=silent');` }));
  const envelope = await waitForTransaction(server, 'pageload');
  expect(requestWithId(server, 'silent', '/api/delay').status, 'the request was still pending').toBeUndefined();
  const event = txn(envelope);
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('heartbeatFailed');
  const silent = httpSpan(event, '/api/delay');
  expect(silent.status).toBe('cancelled');
  expect(event.timestamp - silent.start_timestamp).toBeGreaterThanOrEqual(1 - MS);
  expect(pageProblems).toEqual([]);
});

test('pushActivity holds the pageload open until popActivity', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/idle', { tracing: 'idleTimeout: 300,', script: `window.activity = Tracewire.pushActivity('boot');` }));
  // Four idle timeouts pass: the pageload must still be open.
  await page.waitForTimeout(1200);
  expect(await page.evaluate(() => (window as any).Tracewire.getPageloadSpan()?.isRecording())).toBe(true);
  expect(server.envelopes()).toEqual([]);

  const poppedAt = Date.now();
  await page.evaluate(() => (window as any).Tracewire.popActivity((window as any).activity));
  const envelope = await waitForTransaction(server, 'pageload');
  const event = txn(envelope);
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  expect(envelope.request.time).toBeGreaterThanOrEqual(poppedAt + 300 - CLOCK_SLACK_MS);
  expect(pageProblems).toEqual([]);
});

test('pushActivity with a span records it; the pageload ends at its end', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/idle', {
    tracing: 'idleTimeout: 300,',
    script: `
window.a1 = Tracewire.pushActivity('load products', { op: 'app.load' });
window.a2 = Tracewire.pushActivity('render');
Tracewire.popActivity(123456); // not an activity: ignored`,
  }));
  await page.waitForTimeout(600);
  await page.evaluate(() => (window as any).Tracewire.popActivity((window as any).a1));
  // One activity is still pushed.
  await page.waitForTimeout(600);
  expect(await page.evaluate(() => (window as any).Tracewire.getPageloadSpan()?.isRecording())).toBe(true);
  await page.evaluate(() => {
    const tw = (window as any).Tracewire;
    tw.popActivity((window as any).a2);
    tw.popActivity((window as any).a2); // twice: harmless
  });
  const event = txn(await waitForTransaction(server, 'pageload'));
  const [load] = spansOf(event, 'app.load');
  expect(load?.description).toBe('load products');
  expect(load.parent_span_id).toBe(event.contexts.trace.span_id);
  expect(load.timestamp - load.start_timestamp).toBeGreaterThanOrEqual(0.6 - MS);
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  // No span for the bare activity; the end is trimmed to the last child, the app.load span.
  expect(Math.abs(event.timestamp - Math.max(...event.spans.map((s: any) => s.timestamp)))).toBeLessThan(MS);
  expect(pageProblems).toEqual([]);
});
