// Issue 12 "How it is proven": tracewire in Chromium and a Node service instrumented with the real
// OpenTelemetry Node SDK (W3C propagator, http instrumentation, OTLP/HTTP exporter) make one trace
// in one recording collector. The service renders its server span into <meta name="traceparent">
// and <meta name="tracestate">; the page's pageload continues it, the page's API request carries
// traceparent and the same tracestate, and the service's span for it is a child of the browser's
// http.client span. The browser's body is read with the opentelemetry-proto definitions and its
// structure compared with the body the OpenTelemetry exporter sent.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { otlpAttr, type OtlpCollector, startCollector } from './otlpCollector';
import { otlpSchemaProblems, shapeOf } from './otlpProto';

const SERVICE = fileURLToPath(new URL('./peers/otelService.cjs', import.meta.url));
const TRACESTATE = 'shop=svc1,other@vendor=x';

let collector: OtlpCollector;
let service: ChildProcess | undefined;
const origins: string[] = [];

async function startService(collectorUrl: string): Promise<string> {
  const child = spawn(process.execPath, [SERVICE], {
    env: { ...process.env, COLLECTOR_URL: collectorUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  service = child;
  const port = await new Promise<string>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`service exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) ok(m[1]!);
    });
  });
  return `http://127.0.0.1:${port}`;
}

test.beforeEach(async () => {
  origins.length = 0;
  collector = await startCollector(origins);
});
test.afterEach(async () => {
  service?.kill('SIGTERM');
  service = undefined;
  await collector.close();
});

const path = (s: any): string | undefined => otlpAttr(s.attributes, 'url.path') ?? otlpAttr(s.attributes, 'http.target');

test('browser and OpenTelemetry Node service: one trace, right parents, tracestate carried, bodies of one schema', async ({
  page,
  pageProblems,
}) => {
  const origin = await startService(collector.url);
  origins.push(origin);
  await page.goto(`${origin}/`);
  const api = await page.evaluate(() => (window as any).api);
  await expect.poll(() => page.evaluate(() => (window as any).Tracewire.getPageloadSpan() === undefined)).toBe(true);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(10_000))).toBe(true);

  const browser = (): any[] => collector.spans().filter((s) => s.service === 'shop-web');
  const node = (): any[] => collector.spans().filter((s) => s.service === 'shop-api' && ['/', '/api/items'].includes(path(s)!));
  await expect.poll(() => node().map(path).sort(), { timeout: 10_000 }).toEqual(['/', '/api/items']);

  const pageSpan = node().find((s) => path(s) === '/')!;
  const apiSpan = node().find((s) => path(s) === '/api/items')!;
  const root = browser().find((s) => otlpAttr(s.attributes, 'sentry.op') === 'pageload')!;
  const fetchSpan = browser().find((s) => s.kind === 3 && String(otlpAttr(s.attributes, 'url.full')).endsWith('/api/items'))!;
  expect(root, 'the pageload arrived').toBeDefined();
  expect(fetchSpan, 'the http.client span of the API call').toBeDefined();

  // One trace: the service's page span is its root, everything else hangs below it.
  const all = [...node(), ...browser()];
  expect(new Set(all.map((s) => s.traceId))).toEqual(new Set([pageSpan.traceId]));
  const ids = new Set(all.map((s) => s.spanId));
  expect(all.filter((s) => s.spanId !== pageSpan.spanId && !ids.has(s.parentSpanId)).map((s) => s.name)).toEqual([]);
  expect(pageSpan.parentSpanId || undefined).toBeUndefined();
  expect(root.parentSpanId).toBe(pageSpan.spanId);
  expect(root.flags & 0x300).toBe(0x300); // the parent came from another process
  expect(fetchSpan.parentSpanId).toBe(root.spanId);
  expect(apiSpan.parentSpanId).toBe(fetchSpan.spanId);

  // tracestate: from the meta tag onto every browser span, and unchanged on the API request.
  expect(pageSpan.traceState).toBe(TRACESTATE);
  expect(new Set(browser().map((s) => s.traceState))).toEqual(new Set([TRACESTATE]));
  expect(api.seen).toEqual({ traceparent: `00-${pageSpan.traceId}-${fetchSpan.spanId}-01`, tracestate: TRACESTATE });
  expect(apiSpan.traceState).toBe(TRACESTATE);

  // The schema itself reads every field of both bodies back unchanged.
  const browserBody = collector.posts().find((p) => JSON.stringify(p.body).includes('"tracewire"'))!.body;
  const nodeBody = collector.posts().find((p) => JSON.stringify(p.body).includes('shop-api'))!.body;
  expect(otlpSchemaProblems(browserBody)).toEqual([]);
  expect(otlpSchemaProblems(nodeBody)).toEqual([]); // the checker accepts the reference exporter's output
  // ...and it can fail: a field the schema lacks, a kind given by a wrong name.
  const broken = JSON.parse(JSON.stringify(browserBody));
  Object.assign(broken.resourceSpans[0].scopeSpans[0].spans[0], { spanKind: 3, kind: 'CLIENTISH' });
  expect(otlpSchemaProblems(broken).map((p) => p.split(':')[0])).toEqual([
    '.resourceSpans.0.scopeSpans.0.spans.0.kind',
    '.resourceSpans.0.scopeSpans.0.spans.0.spanKind',
  ]);
  // Same structure: every path of ours (with its JSON type) is one the OpenTelemetry exporter also writes.
  const ours = shapeOf(browserBody);
  const theirs = new Map(
    [...collector.posts().filter((p) => JSON.stringify(p.body).includes('shop-api'))].flatMap((p) => [...shapeOf(p.body)]),
  );
  // (An attribute value kind the service happened not to use, such as doubleValue, is not a difference.)
  const differs = ([p, t]: [string, string]): boolean => (theirs.has(p) ? theirs.get(p) !== t : !/\.value\.\w+Value$/.test(p));
  expect([...ours].filter(differs).map(([p, t]) => `${p}: ${t} (theirs: ${theirs.get(p)})`)).toEqual([]);
  expect(pageProblems).toEqual([]);
});

test('control: without propagateTraceparent the API request carries neither header and the service starts its own trace', async ({
  page,
}) => {
  const origin = await startService(collector.url);
  origins.push(origin);
  await page.goto(`${origin}/?propagate=0`);
  const api = await page.evaluate(() => (window as any).api);
  expect(api.seen).toEqual({});
  await expect.poll(() => page.evaluate(() => (window as any).Tracewire.getPageloadSpan() === undefined)).toBe(true);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(10_000))).toBe(true);
  const node = (p: string): any => collector.spans().find((s) => s.service === 'shop-api' && path(s) === p);
  await expect.poll(() => !!node('/api/items'), { timeout: 10_000 }).toBe(true);
  const root = collector.spans().find((s) => s.service === 'shop-web' && otlpAttr(s.attributes, 'sentry.op') === 'pageload');
  // The pageload still continues the page's trace from the meta tags; the API call does not join it.
  expect(root.parentSpanId).toBe(node('/').spanId);
  expect(node('/api/items').traceId).not.toBe(root.traceId);
});
