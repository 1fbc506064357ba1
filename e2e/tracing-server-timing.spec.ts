// docs/contract.md §3 Server-Timing continuation: a page whose HTML carries no trace meta tags
// continues the trace its own response's Server-Timing header names.
import { expect, test } from './fixtures';
import { parseSentryTraceHeader, requestWithId, settlePageload, tracingPage, txn, waitForTransaction } from './tracing-support';

const TRACE_ID = '4c79f60c11214eb38604f4ae0781bfb2';
const SPAN_ID = 'fa90fdead5f74052';
const META_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const META_SPAN_ID = 'b7ad6b7169203331';

// As a Sentry server writes it: the baggage value percent-encoded as a whole (a description cannot hold `,`).
const baggage = `sentry-trace_id=${TRACE_ID},sentry-sample_rate=0.5,sentry-sampled=true,sentry-release=api%401.0`;
const serverTiming = (sentryTrace: string, extra = ''): Record<string, string> => ({
  'server-timing': `db;dur=12, sentry-trace;desc="${sentryTrace}", baggage;desc="${encodeURIComponent(baggage)}"${extra}`,
});

test('Server-Timing sentry-trace and baggage: the pageload continues that trace and freezes that baggage', async ({
  page,
  server,
  pageProblems,
}) => {
  // tracesSampleRate 0: only the incoming decision can make this pageload sampled.
  await page.goto(
    tracingPage(server, '/cached', {
      init: 'tracesSampleRate: 0,',
      headers: serverTiming(`${TRACE_ID}-${SPAN_ID}-1`),
      script: `window.hold = Tracewire.pushActivity('test');
        fetch('/api/echo?id=st').then(() => Tracewire.popActivity(window.hold));`,
    }),
  );
  const envelope = await waitForTransaction(server, 'pageload');
  const trace = txn(envelope).contexts.trace;
  expect(trace.trace_id).toBe(TRACE_ID);
  expect(trace.parent_span_id).toBe(SPAN_ID);
  expect(envelope.header.trace).toEqual({ trace_id: TRACE_ID, sample_rate: '0.5', sampled: 'true', release: 'api@1.0' });
  const header = parseSentryTraceHeader(requestWithId(server, 'st').headers['sentry-trace']);
  expect(header.traceId).toBe(TRACE_ID);
  expect(requestWithId(server, 'st').headers.baggage).toContain('sentry-release=api%401.0');
  expect(pageProblems).toEqual([]);
});

test('meta tags win over Server-Timing (control)', async ({ page, server, pageProblems }) => {
  await page.goto(
    tracingPage(server, '/both', {
      head: `<meta name="sentry-trace" content="${META_TRACE_ID}-${META_SPAN_ID}-1">`,
      headers: serverTiming(`${TRACE_ID}-${SPAN_ID}-1`),
    }),
  );
  const trace = txn(await waitForTransaction(server, 'pageload')).contexts.trace;
  expect(trace.trace_id).toBe(META_TRACE_ID);
  expect(trace.parent_span_id).toBe(META_SPAN_ID);
  expect(pageProblems).toEqual([]);
});

test('within Server-Timing, sentry-trace wins over traceparent; traceparent alone is continued', async ({ page, server }) => {
  const traceparent = `, traceparent;desc="00-${META_TRACE_ID}-${META_SPAN_ID}-01"`;
  await page.goto(tracingPage(server, '/sentry-first', { headers: serverTiming(`${TRACE_ID}-${SPAN_ID}-1`, traceparent) }));
  expect(txn(await waitForTransaction(server, 'pageload')).contexts.trace.trace_id).toBe(TRACE_ID);
  await settlePageload(page);

  server.clear();
  await page.goto(tracingPage(server, '/traceparent-only', { headers: { 'server-timing': traceparent.slice(2) } }));
  const trace = txn(await waitForTransaction(server, 'pageload')).contexts.trace;
  expect(trace.trace_id).toBe(META_TRACE_ID);
  expect(trace.parent_span_id).toBe(META_SPAN_ID);
});

test('a malformed Server-Timing sentry-trace is ignored: a new trace starts', async ({ page, server }) => {
  await page.goto(tracingPage(server, '/bad', { headers: serverTiming(`${TRACE_ID}-nothex-1`) }));
  const trace = txn(await waitForTransaction(server, 'pageload')).contexts.trace;
  expect(trace.trace_id).not.toBe(TRACE_ID);
  expect(trace.parent_span_id).toBeUndefined();
});
