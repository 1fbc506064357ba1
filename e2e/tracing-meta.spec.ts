// docs/contract.md §3 Pageload: continuing the trace a server rendered into <meta> tags.
import { expect, test } from './fixtures';
import {
  parseSentryTraceHeader,
  requestWithId,
  sentryBaggage,
  settlePageload,
  spansOf,
  tracingPage,
  txn,
  waitForTransaction,
} from './tracing-support';

const TRACE_ID = '4c79f60c11214eb38604f4ae0781bfb2';
const SPAN_ID = 'fa90fdead5f74052';

const metaTags = (sentryTrace?: string, baggage?: string, traceparent?: string): string =>
  [
    sentryTrace !== undefined ? `<meta name="sentry-trace" content="${sentryTrace}">` : '',
    baggage !== undefined ? `<meta name="baggage" content="${baggage}">` : '',
    traceparent !== undefined ? `<meta name="traceparent" content="${traceparent}">` : '',
  ].join('');

// What the server that rendered the page decided, as its baggage says it.
const incomingBaggage = [
  `sentry-trace_id=${TRACE_ID}`,
  'sentry-public_key=backendkey',
  'sentry-sample_rate=0.25',
  'sentry-sampled=true',
  'sentry-sample_rand=0.1234',
  'sentry-environment=staging',
  'sentry-release=backend%401.2.3',
  'sentry-transaction=GET%20%2Fcatalog',
  'vendor=abc',
].join(',');
const incomingDsc = {
  trace_id: TRACE_ID,
  public_key: 'backendkey',
  sample_rate: '0.25',
  sampled: 'true',
  sample_rand: '0.1234',
  environment: 'staging',
  release: 'backend@1.2.3',
  transaction: 'GET /catalog',
};

// The page requests /api/echo?id=during while the pageload is open; the pageload is held open
// until the test lets go, so the request is a child of it whatever the machine's speed.
const duringPageload = `
window.hold = Tracewire.pushActivity('test');
window.during = Promise.all([
  fetch('/api/echo?id=during-fetch'),
  sendXhr('GET', '/api/echo?id=during-xhr'),
]).then(() => Tracewire.popActivity(window.hold));`;

test('sentry-trace -1 with baggage: same trace, meta span as parent, incoming baggage frozen', async ({ page, server, pageProblems }) => {
  // tracesSampleRate 0: only the incoming decision can make this pageload sampled.
  await page.goto(tracingPage(server, '/catalog', {
    head: metaTags(`${TRACE_ID}-${SPAN_ID}-1`, incomingBaggage),
    init: 'tracesSampleRate: 0, release: "frontend@9", environment: "prod-eu",',
    script: duringPageload,
  }));
  const envelope = await waitForTransaction(server, 'pageload');
  const event = txn(envelope);
  const trace = event.contexts.trace;
  expect(trace.trace_id).toBe(TRACE_ID);
  expect(trace.parent_span_id).toBe(SPAN_ID);
  expect(trace.span_id).not.toBe(SPAN_ID);
  expect(envelope.header.trace, 'the envelope carries the incoming sampling context, unchanged').toEqual(incomingDsc);
  // The event itself is this app's: its own release and environment.
  expect(event.release).toBe('frontend@9');
  expect(event.environment).toBe('prod-eu');

  for (const [id, type] of [['during-fetch', 'fetch'], ['during-xhr', 'xhr']] as const) {
    const request = requestWithId(server, id);
    const header = parseSentryTraceHeader(request.headers['sentry-trace']);
    expect(header.traceId).toBe(TRACE_ID);
    expect(header.sampled).toBe('1');
    const own = spansOf(event, 'http.client').find((s) => s.data.type === type)!;
    expect(header.spanId, `the ${type} request names its own span as parent`).toBe(own.span_id);
    expect(sentryBaggage(request.headers.baggage), `the ${type} request carries the incoming DSC`).toEqual(incomingDsc);
  }

  // After the pageload ended, requests still belong to the incoming trace.
  await page.evaluate(() => fetch('/api/echo?id=after'));
  const after = requestWithId(server, 'after');
  expect(parseSentryTraceHeader(after.headers['sentry-trace'])).toMatchObject({ traceId: TRACE_ID, sampled: '1' });
  expect(sentryBaggage(after.headers.baggage)).toEqual(incomingDsc);
  expect(pageProblems).toEqual([]);
});

test('sentry-trace -0: nothing is sent, requests carry the trace with -0', async ({ page, server, pageProblems }) => {
  const baggage = `sentry-trace_id=${TRACE_ID},sentry-sampled=false,sentry-sample_rate=0.1,sentry-public_key=backendkey`;
  await page.goto(tracingPage(server, '/catalog', { head: metaTags(`${TRACE_ID}-${SPAN_ID}-0`, baggage), script: duringPageload }));
  await page.evaluate(() => (window as any).during);
  await settlePageload(page);
  expect(server.envelopes(), 'a pageload the server did not sample is not sent').toEqual([]);

  for (const id of ['during-fetch', 'during-xhr']) {
    const request = requestWithId(server, id);
    const header = parseSentryTraceHeader(request.headers['sentry-trace']);
    expect(header.traceId).toBe(TRACE_ID);
    expect(header.sampled).toBe('0');
    expect(sentryBaggage(request.headers.baggage)).toMatchObject({ trace_id: TRACE_ID, sampled: 'false', sample_rate: '0.1' });
  }

  // The SDK still works: a navigation starts a new trace that its own rate samples.
  await page.evaluate(() => history.pushState({}, '', '/catalog/shoes'));
  const nav = txn(await waitForTransaction(server, 'navigation', '/catalog/shoes'));
  expect(nav.contexts.trace.trace_id).not.toBe(TRACE_ID);
  expect(server.envelopes().map((e) => txn(e).contexts.trace.op)).toEqual(['navigation']);
  expect(pageProblems).toEqual([]);
});

test('sentry-trace without a flag: the trace is continued and the SDK samples it itself (rate 1)', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/catalog', { head: metaTags(`${TRACE_ID}-${SPAN_ID}`), script: duringPageload }));
  const envelope = await waitForTransaction(server, 'pageload');
  const trace = txn(envelope).contexts.trace;
  expect(trace.trace_id).toBe(TRACE_ID);
  expect(trace.parent_span_id).toBe(SPAN_ID);
  expect(envelope.header.trace).toMatchObject({ trace_id: TRACE_ID, sampled: 'true', sample_rate: '1', public_key: 'public' });
  const header = parseSentryTraceHeader(requestWithId(server, 'during-fetch').headers['sentry-trace']);
  expect(header).toMatchObject({ traceId: TRACE_ID, sampled: '1' });
  expect(pageProblems).toEqual([]);
});

test('sentry-trace without a flag: the trace is continued and the SDK samples it itself (rate 0)', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/catalog', {
    head: metaTags(`${TRACE_ID}-${SPAN_ID}`),
    init: 'tracesSampleRate: 0,',
    script: duringPageload,
  }));
  await page.evaluate(() => (window as any).during);
  await settlePageload(page);
  expect(server.envelopes()).toEqual([]);
  const request = requestWithId(server, 'during-fetch');
  expect(parseSentryTraceHeader(request.headers['sentry-trace'])).toMatchObject({ traceId: TRACE_ID, sampled: '0' });
  expect(sentryBaggage(request.headers.baggage)).toMatchObject({ trace_id: TRACE_ID, sampled: 'false', sample_rate: '0' });
  expect(pageProblems).toEqual([]);
});

test('traceparent-only meta: the trace and its sampled flag are continued', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/catalog', {
    head: metaTags(undefined, undefined, `00-${TRACE_ID}-${SPAN_ID}-01`),
    init: 'tracesSampleRate: 0,',
    script: duringPageload,
  }));
  const envelope = await waitForTransaction(server, 'pageload');
  const trace = txn(envelope).contexts.trace;
  expect(trace.trace_id).toBe(TRACE_ID);
  expect(trace.parent_span_id).toBe(SPAN_ID);
  expect(envelope.header.trace).toMatchObject({ trace_id: TRACE_ID, sampled: 'true', public_key: 'public' });
  const request = requestWithId(server, 'during-fetch');
  expect(parseSentryTraceHeader(request.headers['sentry-trace'])).toMatchObject({ traceId: TRACE_ID, sampled: '1' });
  expect(sentryBaggage(request.headers.baggage)).toMatchObject({ trace_id: TRACE_ID, sampled: 'true' });
  expect(pageProblems).toEqual([]);
});

test('traceparent-only meta with flags 00: nothing is sent, requests carry -0', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/catalog', { head: metaTags(undefined, undefined, `00-${TRACE_ID}-${SPAN_ID}-00`), script: duringPageload }));
  await page.evaluate(() => (window as any).during);
  await settlePageload(page);
  expect(server.envelopes()).toEqual([]);
  const request = requestWithId(server, 'during-fetch');
  expect(parseSentryTraceHeader(request.headers['sentry-trace'])).toMatchObject({ traceId: TRACE_ID, sampled: '0' });
  expect(pageProblems).toEqual([]);
});

test('sentry-trace wins over traceparent when a page has both', async ({ page, server }) => {
  const otherTrace = '0af7651916cd43dd8448eb211c80319c';
  await page.goto(tracingPage(server, '/catalog', { head: metaTags(`${TRACE_ID}-${SPAN_ID}-1`, undefined, `00-${otherTrace}-b7ad6b7169203331-01`) }));
  const trace = txn(await waitForTransaction(server, 'pageload')).contexts.trace;
  expect(trace.trace_id).toBe(TRACE_ID);
  expect(trace.parent_span_id).toBe(SPAN_ID);
});

const malformed: [string, string][] = [
  ['not a trace at all', metaTags('not-a-trace')],
  ['upper-case hex', metaTags(`${TRACE_ID.toUpperCase()}-${SPAN_ID}-1`)],
  ['a 31-digit trace id', metaTags(`${TRACE_ID.slice(1)}-${SPAN_ID}-1`)],
  ['an all-zero trace id', metaTags(`${'0'.repeat(32)}-${SPAN_ID}-1`)],
  ['an unknown flag', metaTags(`${TRACE_ID}-${SPAN_ID}-7`)],
  ['a traceparent of version ff', metaTags(undefined, undefined, `ff-${TRACE_ID}-${SPAN_ID}-01`)],
  ['an empty sentry-trace with a valid-looking baggage', metaTags('', `sentry-trace_id=${TRACE_ID},sentry-sampled=false`)],
];

for (const [what, head] of malformed) {
  test(`malformed meta (${what}): a new trace starts and the page works`, async ({ page, server, pageProblems }) => {
    await page.goto(tracingPage(server, '/catalog', {
      head,
      script: `${duringPageload}\nwindow.pageScriptRan = true;`,
    }));
    const envelope = await waitForTransaction(server, 'pageload');
    const trace = txn(envelope).contexts.trace;
    expect(trace.trace_id).not.toBe(TRACE_ID);
    expect(trace.parent_span_id).toBeUndefined();
    expect(envelope.header.trace).toMatchObject({ trace_id: trace.trace_id, sampled: 'true' });
    expect(await page.evaluate(() => (window as any).pageScriptRan)).toBe(true);
    const request = requestWithId(server, 'during-fetch');
    expect(request.status).toBe(200);
    expect(parseSentryTraceHeader(request.headers['sentry-trace'])).toMatchObject({ traceId: trace.trace_id, sampled: '1' });
    expect(pageProblems).toEqual([]);
  });
}
