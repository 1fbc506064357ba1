// Reliability §3: faults on the way out. The DSN endpoint answers 500, 413, 429 (Retry-After,
// X-Sentry-Rate-Limits), hangs, refuses connections, or the browser goes offline: the page keeps
// working, nothing is sent during a rate-limit window, the queue stays bounded (MAX_QUEUE = 30
// envelopes waiting or in flight), flush resolves false on timeout, and what was recorded while the
// endpoint was away is delivered when it returns.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { dsnFor, envelopeEvent, expect, type RecordingServer, test } from './fixtures';
import { withoutLoadErrors } from './tracing-support';

const MAX_QUEUE = 30;

/** A page with the SDK (no pageload/navigation transactions) and `txn(name)` making one transaction. */
async function open(page: Page, server: RecordingServer, dsn = dsnFor(server)): Promise<void> {
  server.page('/rel/faults.html', `<!doctype html><html><head><meta charset="utf-8">
<script src="/dist/cdn/tracewire.min.js"></script></head><body><p id="p">ok</p><script>
Tracewire.init({ dsn: ${JSON.stringify(dsn)}, tracesSampleRate: 1,
  integrations: [Tracewire.browserTracingIntegration({ instrumentPageLoad: false, instrumentNavigation: false })] });
window.txn = (name) => Tracewire.startSpan({ name, op: 'rel', forceTransaction: true }, () => undefined);
window.many = (prefix, n) => { for (let i = 0; i < n; i++) txn(prefix + i); };
</script></body></html>`);
  await page.goto(`${server.url}/rel/faults.html`);
}

const names = (server: RecordingServer): string[] => server.envelopes().map((e) => envelopeEvent(e).transaction);

/** The page still does its own work: DOM, timers and its own requests. */
async function pageWorks(page: Page): Promise<void> {
  const r = await page.evaluate(async () => {
    document.getElementById('p')!.textContent = 'changed';
    await new Promise((ok) => setTimeout(ok, 10));
    const res = await fetch('/api/status?code=200');
    return { text: document.getElementById('p')!.textContent, status: res.status, body: await res.text() };
  });
  expect(r).toEqual({ text: 'changed', status: 200, body: 'status 200' });
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

for (const status of [500, 413]) {
  test(`HTTP ${status}: that envelope is dropped, not retried; the next is sent`, async ({ page, server, pageProblems }) => {
    server.respondEnvelope((env) => (envelopeEvent(env).transaction === 'bad' ? { status } : undefined));
    await open(page, server);
    await page.evaluate(() => (window as any).txn('bad'));
    await expect.poll(() => server.requests((r) => r.status === status).length).toBe(1);
    await page.evaluate(() => (window as any).txn('good'));
    await server.waitForEnvelope((e) => envelopeEvent(e).transaction === 'good');
    expect(await page.evaluate(() => (window as any).Tracewire.flush(2000))).toBe(true);
    expect(names(server)).toEqual(['bad', 'good']);
    await pageWorks(page);
    expect(withoutLoadErrors(pageProblems)).toEqual([]);
  });
}

test('429 with Retry-After: nothing is sent during the window', async ({ page, server, pageProblems }) => {
  server.respondEnvelope({ status: 429, headers: { 'retry-after': '60' } });
  await open(page, server);
  await page.evaluate(() => (window as any).txn('first'));
  await expect.poll(() => server.requests((r) => r.status === 429).length).toBe(1);
  // The page has read the 429 once its queue is empty (the server answers before the page reads it).
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  await page.evaluate(() => (window as any).many('limited', 10));
  expect(await page.evaluate(() => (window as any).Tracewire.flush(1000))).toBe(true); // nothing waits
  await sleep(500);
  expect(names(server)).toEqual(['first']);
  await pageWorks(page);
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test('X-Sentry-Rate-Limits: transactions wait out their window, other categories do not block', async ({ page, server, pageProblems }) => {
  let answered = 0;
  server.respondEnvelope(() => {
    answered++;
    if (answered === 1) return { status: 200, headers: { 'x-sentry-rate-limits': '60:error:organization' } };
    if (answered === 2) return { status: 200, headers: { 'x-sentry-rate-limits': '4:transaction:organization' } };
    return undefined;
  });
  await open(page, server);
  await page.evaluate(() => (window as any).txn('a'));
  await expect.poll(() => server.envelopes().filter((e) => e.request.status === 200).length).toBe(1);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(3000))).toBe(true);
  await page.evaluate(() => (window as any).txn('b')); // an error limit does not stop transactions
  await expect.poll(() => server.envelopes().filter((e) => e.request.status === 200).length).toBe(2);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(3000))).toBe(true); // the limit has been read
  const limitedAt = Date.now(); // the window ends no later than 4 s after this
  await page.evaluate(() => (window as any).many('during', 5));
  await sleep(1000);
  expect(names(server), 'nothing during the 4 s transaction window').toEqual(['a', 'b']);
  await sleep(Math.max(0, limitedAt + 4300 - Date.now()));
  await page.evaluate(() => (window as any).txn('after'));
  await server.waitForEnvelope((e) => envelopeEvent(e).transaction === 'after');
  expect(names(server)).toEqual(['a', 'b', 'after']);
  await pageWorks(page);
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test('a hanging endpoint: the page works, flush resolves false, at most 4 requests in flight', async ({ page, server, pageProblems }) => {
  server.respondEnvelope({ hang: true });
  await open(page, server);
  await page.evaluate(() => (window as any).many('h', 10));
  await expect.poll(() => server.envelopes().length).toBe(4);
  const started = Date.now();
  expect(await page.evaluate(() => (window as any).Tracewire.flush(300))).toBe(false);
  expect(Date.now() - started).toBeLessThan(10_000);
  await pageWorks(page);
  await sleep(300);
  expect(server.envelopes()).toHaveLength(4);
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test(`a slow endpoint: the queue is bounded at ${MAX_QUEUE} envelopes waiting or in flight; the rest are dropped`, async ({ page, server, pageProblems }) => {
  server.respondEnvelope({ delayMs: 400 }); // many() queues all 50 in one task, before any answer
  await open(page, server);
  await page.evaluate(() => (window as any).many('q', 50));
  expect(await page.evaluate(() => (window as any).Tracewire.flush(15_000))).toBe(true);
  const got = names(server);
  expect(got).toHaveLength(MAX_QUEUE);
  // Up to 4 envelopes travel at once on separate connections, so they may arrive in any order.
  expect(got.sort()).toEqual(Array.from({ length: MAX_QUEUE }, (_, i) => `q${i}`).sort());
  await pageWorks(page);
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((ok) => srv.close(() => ok()));
  return port;
}

test('refused connections: kept and retried; delivered once the endpoint listens', async ({ page, server, pageProblems }) => {
  const port = await freePort();
  await open(page, server, `http://public@127.0.0.1:${port}/1`);
  await page.evaluate(() => (window as any).many('r', 5));
  expect(await page.evaluate(() => (window as any).Tracewire.flush(500))).toBe(false);
  await pageWorks(page);
  // The endpoint comes up on that port.
  const received: string[] = [];
  const late: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST') received.push(JSON.parse(Buffer.concat(chunks).toString('utf8').split('\n')[2]!).transaction);
      res.writeHead(200, { 'access-control-allow-origin': '*' }).end('{}');
    });
  });
  await new Promise<void>((ok) => late.listen(port, '127.0.0.1', ok));
  late.unref();
  try {
    expect(await page.evaluate(() => (window as any).Tracewire.flush(10_000))).toBe(true);
    expect(received.sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  } finally {
    late.closeAllConnections();
    await new Promise<void>((ok) => late.close(() => ok()));
  }
  expect(withoutLoadErrors(pageProblems).filter((p) => !/ERR_CONNECTION_REFUSED/.test(p))).toEqual([]);
});

test(`offline: nothing is lost up to ${MAX_QUEUE}; all of it is sent when the browser is back online`, async ({ page, context, server, pageProblems }) => {
  await open(page, server);
  await context.setOffline(true);
  await page.evaluate(() => (window as any).many('o', 40));
  expect(await page.evaluate(() => (window as any).Tracewire.flush(500))).toBe(false);
  expect(await page.evaluate(() => document.body.childElementCount)).toBeGreaterThan(0);
  expect(server.envelopes()).toHaveLength(0);
  await context.setOffline(false); // fires `online`: the SDK retries at once rather than after its backoff
  await expect.poll(() => server.envelopes().length, { timeout: 10_000 }).toBe(MAX_QUEUE);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(names(server).sort()).toEqual(Array.from({ length: MAX_QUEUE }, (_, i) => `o${i}`).sort());
  await pageWorks(page);
  expect(withoutLoadErrors(pageProblems).filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
});
