// docs/contract.md §5 delivery, against a recording collector on another origin that answers CORS
// like the OpenTelemetry Collector: retries after 503 + Retry-After, none after 400, a collector that
// is down gets what waited once it is back, a page left mid-transaction still delivers, dsn + otlp
// each get every transaction once, an unsampled trace goes nowhere, the collector URL is never traced.
import { expect, test } from './fixtures';
import { otlpAttr, type OtlpCollector, startCollector } from './otlpCollector';
import { FINISH_REASON, settlePageload, tracingPage, transactions, txn } from './tracing-support';

let collector: OtlpCollector;
test.beforeEach(async ({ server }) => {
  collector = await startCollector([server.url]);
});
test.afterEach(async () => collector.close());

const otlpInit = (extra = ''): string => `otlp: ${JSON.stringify(collector.url)}, resource: { 'service.name': 'shop-web' }, ${extra}`;
const roots = (): any[] => collector.spans().filter((s) => !s.parentSpanId);
const rootNames = (): string[] => roots().map((s) => `${otlpAttr(s.attributes, 'sentry.op')} ${s.name}`);

test('dsn and otlp together: each receives every transaction exactly once; the collector URL is never traced', async ({
  page,
  server,
  pageProblems,
}) => {
  await page.goto(tracingPage(server, '/otlp/both', { init: otlpInit() }));
  await settlePageload(page);
  await page.evaluate(() => history.pushState({}, '', '/otlp/both/next'));
  await page.evaluate((origin) => fetch(`${origin}/healthz`).catch(() => undefined), new URL(collector.url).origin);
  await expect.poll(() => page.evaluate(() => (window as any).Tracewire.getActiveSpan() === undefined)).toBe(true);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(10_000))).toBe(true);

  const envelopes = server
    .envelopes()
    .map(txn)
    .map((e) => `${e.contexts.trace.op} ${e.transaction}`);
  expect(envelopes.sort()).toEqual(['navigation /otlp/both/next', 'pageload /otlp/both']);
  expect(rootNames().sort()).toEqual(['navigation /otlp/both/next', 'pageload /otlp/both']);
  // The same transactions: same trace and span ids on both paths.
  for (const e of server.envelopes().map(txn)) {
    const root = roots().find((s) => s.spanId === e.contexts.trace.span_id);
    expect(root?.traceId).toBe(e.contexts.trace.trace_id);
  }
  // Each post is application/json with a preflight the collector allowed; no span describes a post to it,
  // while a request to another path of the same origin (the control) is traced.
  expect(collector.posts().every((p) => p.headers['content-type'] === 'application/json')).toBe(true);
  expect(collector.preflights().length).toBeGreaterThan(0);
  const urls = collector
    .spans()
    .map((s) => otlpAttr(s.attributes, 'url.full'))
    .filter(Boolean);
  expect(urls.filter((u: string) => u.includes('/v1/traces'))).toEqual([]);
  expect(urls.filter((u: string) => u.endsWith('/healthz'))).toHaveLength(1);
  expect(pageProblems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
});

test('an unsampled trace sends nothing to either destination (control: the sampled run above)', async ({ page, server }) => {
  await page.goto(tracingPage(server, '/otlp/unsampled', { init: otlpInit('tracesSampleRate: 0,') }));
  await settlePageload(page);
  expect(server.envelopes()).toEqual([]);
  expect(collector.posts()).toEqual([]);
});

test('503 with Retry-After: sent again once the window has passed', async ({ page, server }) => {
  await collector.close();
  collector = await startCollector([server.url], { exposeRetryAfter: true });
  let answered = 0;
  collector.respond(() => (answered++ === 0 ? { status: 503, headers: { 'Retry-After': '2' } } : undefined));
  await page.goto(tracingPage(server, '/otlp/503', { init: otlpInit() }));
  await expect.poll(() => collector.posts().map((p) => p.status), { timeout: 10_000 }).toEqual([503, 200]);
  const [first, second] = collector.posts();
  expect(second!.body).toEqual(first!.body);
  // Honoured, not cut short: the second try came after the window the collector asked for.
  expect(second!.time - first!.time).toBeGreaterThanOrEqual(2000 - 50);
  expect(rootNames()).toEqual(['pageload /otlp/503']);
});

test('503 from a collector that does not expose Retry-After (the Collector itself): retried after the backoff', async ({
  page,
  server,
}) => {
  let answered = 0;
  collector.respond(() => (answered++ === 0 ? { status: 503, headers: { 'Retry-After': '2' } } : undefined));
  await page.goto(tracingPage(server, '/otlp/503-hidden', { init: otlpInit() }));
  await expect.poll(() => collector.posts().map((p) => p.status), { timeout: 10_000 }).toEqual([503, 200]);
  expect(rootNames()).toEqual(['pageload /otlp/503-hidden']);
});

test('400 is not retried (control: a later transaction still goes through)', async ({ page, server }) => {
  collector.respond({ status: 400 });
  await page.goto(tracingPage(server, '/otlp/400', { init: otlpInit() }));
  await settlePageload(page); // flush resolved: nothing waits for a retry
  expect(collector.posts().map((p) => p.status)).toEqual([400]);
  collector.respond(null);
  await page.evaluate(() => (window as any).Tracewire.startSpan({ name: 'after', op: 'task' }, () => undefined));
  expect(await page.evaluate(() => (window as any).Tracewire.flush(10_000))).toBe(true);
  expect(collector.posts().map((p) => p.status)).toEqual([400, 200]);
  expect(rootNames()).toEqual(['task after']);
});

test('a collector that is down: the transaction waits in the queue and is delivered when it is back', async ({ page, server }) => {
  await collector.stop();
  await page.goto(tracingPage(server, '/otlp/down', { init: otlpInit() }));
  await expect.poll(() => page.evaluate(() => (window as any).Tracewire.getPageloadSpan() === undefined)).toBe(true);
  // Still queued: a short flush cannot finish, and the collector saw nothing (the control).
  expect(await page.evaluate(() => (window as any).Tracewire.flush(300))).toBe(false);
  expect(collector.posts()).toEqual([]);
  expect(transactions(server, 'pageload', '/otlp/down')).toHaveLength(1);
  await collector.start();
  await expect.poll(() => rootNames(), { timeout: 15_000 }).toEqual(['pageload /otlp/down']);
});

test('a page left while its pageload is open still delivers it to the collector', async ({ context, server }) => {
  const page = await context.newPage();
  await page.goto(tracingPage(server, '/otlp/leave', { init: otlpInit(), script: `fetch('/api/delay?ms=20000&id=held');` }));
  expect(await page.evaluate(() => (window as any).Tracewire.getPageloadSpan()?.isRecording())).toBe(true);
  expect(collector.posts()).toEqual([]); // the control: nothing before the page goes
  await page.close();
  await expect.poll(() => rootNames(), { timeout: 15_000 }).toEqual(['pageload /otlp/leave']);
  expect(otlpAttr(roots()[0].attributes, FINISH_REASON)).toBe('documentHidden');
});
