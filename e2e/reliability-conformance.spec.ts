// Reliability §1: a conformance matrix for fetch and XMLHttpRequest. Every scenario of
// pages/reliability/conformance.js runs on a page without the SDK and on the same URL, in a fresh
// browser context, with the SDK (CDN bundle, browserTracingIntegration); everything the page can
// observe must be equal. The only normalisation: echoed request-header lists leave out the trace
// headers the SDK adds on purpose, multipart boundaries are replaced by a token, consecutive
// repeats of an XHR event (progress, readyState 3) count once, and a stream read that is aborted
// keeps only its first chunk (how many chunks one read gets depends on timing).
import { createServer } from 'node:net';
import type { Browser } from '@playwright/test';
import { dsnFor, expect, type RecordingServer, test } from './fixtures';
import { spansOf, txn, waitForTransaction } from './tracing-support';

const PATH = '/rel/conformance.html';

/** JSON with object keys sorted: the order of echoed header names is not something the page relies on. */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x) =>
  x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x);

async function refusedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((ok) => srv.close(() => ok()));
  return port;
}

function pageHtml(server: RecordingServer, sdk: boolean): string {
  const init = sdk
    ? `<script src="/dist/cdn/tracewire.min.js"></script>
<script>
Tracewire.init({ dsn: ${JSON.stringify(dsnFor(server))}, tracesSampleRate: 1,
  integrations: [Tracewire.browserTracingIntegration({ idleTimeout: 300 })] });
window.hold = Tracewire.pushActivity('conformance');
</script>`
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>conformance</title>
<script src="/pages/reliability/conformance.js"></script>${init}</head><body></body></html>`;
}

async function run(browser: Browser, server: RecordingServer, sdk: boolean, refused: number) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  server.page(PATH, pageHtml(server, sdk));
  await page.goto(`${server.url}${PATH}`);
  expect(await page.evaluate(() => typeof (window as any).Tracewire)).toBe(sdk ? 'object' : 'undefined');
  const results = (await page.evaluate((ctx) => (window as any).runConformance(ctx), { cross: server.crossUrl, refused })) as Record<string, unknown>;
  if (sdk) await page.evaluate(() => (window as any).Tracewire.popActivity((window as any).hold));
  return { context, results, errors };
}

test('fetch and XHR: the page observes the same with and without the SDK', async ({ browser, server }) => {
  test.setTimeout(90_000);
  const refused = await refusedPort();
  const without = await run(browser, server, false, refused);
  await without.context.close();
  server.clear();
  const withSdk = await run(browser, server, true, refused);

  const names = Object.keys(without.results);
  expect(Object.keys(withSdk.results)).toEqual(names);
  expect(names.length).toBeGreaterThanOrEqual(40);
  const differing: string[] = [];
  for (const name of names) {
    const a = canonical(withSdk.results[name]);
    const b = canonical(without.results[name]);
    if (a !== b) differing.push(name);
    expect.soft(withSdk.results[name], `scenario "${name}"`).toEqual(without.results[name]);
  }
  console.log(`conformance: ${names.length} scenarios compared (${names.filter((n) => n.startsWith('fetch')).length} fetch, ${names.filter((n) => n.startsWith('xhr')).length} XHR); differing: ${differing.length ? differing.join(' | ') : 'none'}`);
  expect(differing, 'scenarios whose observable result differs with the SDK').toEqual([]);
  expect(withSdk.errors).toEqual(without.errors);

  // The comparison means something only if the SDK was really in the way: the page's requests were
  // traced and same-origin ones carried trace headers.
  const event = txn(await waitForTransaction(server, 'pageload', PATH, 15_000));
  expect(spansOf(event, 'http.client').length).toBeGreaterThanOrEqual(40);
  const traced = server.requests((r) => !r.cross && r.path.startsWith('/api/') && !r.path.includes('envelope') && 'sentry-trace' in r.headers);
  expect(traced.length).toBeGreaterThanOrEqual(30);
  await withSdk.context.close();
});
