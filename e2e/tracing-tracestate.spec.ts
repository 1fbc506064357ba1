// docs/contract.md §3 tracestate: a valid <meta name="tracestate"> that comes with a continued
// traceparent is sent unchanged beside every outgoing traceparent of that trace (fetch and XHR);
// an invalid one is dropped, and a caller's own traceparent keeps its own tracestate.
import { expect, test } from './fixtures';
import { requestWithId, tracingPage } from './tracing-support';

const TRACE_ID = '4c79f60c11214eb38604f4ae0781bfb2';
const SPAN_ID = 'fa90fdead5f74052';
const TRACESTATE = 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE';
const head = (tracestate: string): string =>
  `<meta name="traceparent" content="00-${TRACE_ID}-${SPAN_ID}-01"><meta name="tracestate" content="${tracestate}">`;

const requests = `
  window.done = Promise.all([
    fetch('/api/echo?id=fetch'),
    fetch('/api/echo?id=fetch-headers', { headers: { 'x-app': '1' } }),
    sendXhr('GET', '/api/echo?id=xhr'),
    fetch('/api/echo?id=own', { headers: { traceparent: '00-${'a'.repeat(32)}-${'b'.repeat(16)}-01', tracestate: 'mine=1' } }),
  ]);`;

test('a valid tracestate goes unchanged beside every traceparent of the trace', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/ts/valid', { head: head(TRACESTATE), init: 'propagateTraceparent: true,', script: requests }));
  await page.evaluate(() => (window as any).done);
  for (const id of ['fetch', 'fetch-headers', 'xhr']) {
    const h = requestWithId(server, id).headers;
    expect(h.traceparent, id).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
    expect(h.tracestate, id).toBe(TRACESTATE);
  }
  // The caller's own traceparent describes another span: its tracestate stays theirs, ours is not added.
  expect(requestWithId(server, 'own').headers.tracestate).toBe('mine=1');
  expect(pageProblems).toEqual([]);
});

test('control: an invalid tracestate is dropped, the trace is still continued', async ({ page, server }) => {
  await page.goto(tracingPage(server, '/ts/invalid', { head: head('Bad Key=1'), init: 'propagateTraceparent: true,', script: requests }));
  await page.evaluate(() => (window as any).done);
  for (const id of ['fetch', 'fetch-headers', 'xhr']) {
    const h = requestWithId(server, id).headers;
    expect(h.traceparent, id).toContain(TRACE_ID);
    expect(h, id).not.toHaveProperty('tracestate');
  }
});

test('control: without propagateTraceparent no tracestate is sent either', async ({ page, server }) => {
  await page.goto(tracingPage(server, '/ts/off', { head: head(TRACESTATE), script: requests }));
  await page.evaluate(() => (window as any).done);
  for (const id of ['fetch', 'xhr']) expect(requestWithId(server, id).headers, id).not.toHaveProperty('tracestate');
});
