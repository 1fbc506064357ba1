// The CDN bundle's deferred part (docs/architecture.md, "What loads when"): web vitals, browser spans and
// request timings come in a second file loaded after start-up, with its integrity hash. Whatever happens
// to that file, requests are traced and transactions delivered.
import { readFileSync } from 'node:fs';
import { dsnFor, expect, type RecordingServer, test } from './fixtures';
import { requestWithId, spansOf, txn, waitForTransaction, withoutLoadErrors } from './tracing-support';

const dist = (file: string): string => readFileSync(new URL(`../dist/cdn/${file}`, import.meta.url), 'utf8');
const js = { 'content-type': 'text/javascript; charset=utf-8' };

/** A page that loads the minified bundle from `bundleUrl`, starts the SDK and makes one traced request. */
function page(server: RecordingServer, path: string, bundleUrl: string): string {
  server.page(
    path,
    `<!doctype html><html><head><meta charset="utf-8"><title>deferred</title>
<script src="${bundleUrl}"></script></head><body><p>deferred part</p>
<script>
  Tracewire.init({ dsn: ${JSON.stringify(dsnFor(server))}, tracesSampleRate: 1, debug: true,
    integrations: [Tracewire.browserTracingIntegration({ idleTimeout: 300 })] });
  window.initReturned = performance.now();
  fetch('/api/echo?id=deferred');
</script></body></html>`,
  );
  return `${server.url}${path}`;
}

/** Serves a copy of the main bundle from another folder, optionally with a deferred file beside it. */
function copyBundle(server: RecordingServer, folder: string, deferred?: string): string {
  server.page(`/${folder}/tracewire.min.js`, dist('tracewire.min.js'), js);
  if (deferred !== undefined) server.page(`/${folder}/tracewire.deferred.min.js`, deferred, js);
  return `/${folder}/tracewire.min.js`;
}

const debugLines = (problems: string[], logs: string[]): string[] => [...logs, ...problems];

test('the main bundle holds no web-vitals code; the deferred file does', () => {
  expect(dist('tracewire.min.js')).not.toContain('largest-contentful-paint');
  expect(dist('tracewire.deferred.min.js')).toContain('largest-contentful-paint');
  // The main bundle names its deferred file and that file's SRI hash.
  expect(dist('tracewire.min.js')).toMatch(/"?file"?:"tracewire\.deferred\.min\.js","?integrity"?:"sha384-[A-Za-z0-9+/=]{64}"/);
});

test('the deferred part loads after init returned, with its integrity hash, and the pageload carries web vitals and browser spans', async ({ page: tab, server, pageProblems }) => {
  await tab.goto(page(server, '/deferred/ok', '/dist/cdn/tracewire.min.js'));
  const event = txn(await waitForTransaction(server, 'pageload'));
  const loaded = await tab.evaluate(() => {
    const s = document.querySelector<HTMLScriptElement>('script[src$="tracewire.deferred.min.js"]');
    const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/tracewire.deferred.min.js'));
    return { integrity: s?.integrity, crossOrigin: s?.crossOrigin, start: entry?.startTime, initReturned: (window as any).initReturned };
  });
  expect(loaded.integrity).toMatch(/^sha384-/);
  expect(loaded.crossOrigin).toBe('anonymous');
  expect(loaded.start, 'requested after init returned').toBeGreaterThan(loaded.initReturned);
  expect(event.measurements?.fcp?.unit).toBe('millisecond');
  expect(spansOf(event, 'browser.request').length + spansOf(event, 'browser.response').length).toBeGreaterThan(0);
  // The request that ended before the part arrived still got its resource-timing figures.
  const span = event.spans.find((s: any) => s.op === 'http.client' && String(s.description).endsWith('/api/echo'));
  expect(span?.data['http.request.request_start'], 'timing figures of an early request').toEqual(expect.any(Number));
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test('a deferred file that is missing (404): requests are traced, the pageload is delivered, debug says what is missing', async ({ page: tab, server }) => {
  const logs: string[] = [];
  tab.on('console', (m) => logs.push(m.text()));
  await tab.goto(page(server, '/deferred/missing', copyBundle(server, 'cdn-404')));
  const event = txn(await waitForTransaction(server, 'pageload'));
  expect(requestWithId(server, 'deferred').headers['sentry-trace']).toContain(event.contexts.trace.trace_id);
  expect(spansOf(event, 'http.client')).toHaveLength(1);
  expect(event.measurements?.fcp, 'no web vitals without the deferred part').toBeUndefined();
  expect(server.requests((r) => r.path === '/cdn-404/tracewire.deferred.min.js')).toHaveLength(1);
  // Console messages reach the test on their own channel, which a loaded machine can hold back a little.
  await expect.poll(() => debugLines([], logs).some((l) => /web vitals, browser spans and request timings are unavailable/.test(l))).toBe(true);
});

test('a deferred file that does not match its integrity hash is not run; everything else still works', async ({ page: tab, server }) => {
  const logs: string[] = [];
  tab.on('console', (m) => logs.push(m.text()));
  const tampered = `window.tampered = true;\n${dist('tracewire.deferred.min.js')}`;
  await tab.goto(page(server, '/deferred/tampered', copyBundle(server, 'cdn-sri', tampered)));
  const event = txn(await waitForTransaction(server, 'pageload'));
  expect(await tab.evaluate(() => (window as any).tampered)).toBeUndefined();
  expect(server.requests((r) => r.path === '/cdn-sri/tracewire.deferred.min.js')).toHaveLength(1);
  expect(spansOf(event, 'http.client')).toHaveLength(1);
  expect(event.measurements?.fcp).toBeUndefined();
  expect(logs.some((l) => /web vitals, browser spans and request timings are unavailable/.test(l))).toBe(true);
});

test('a deferred file that the page policy blocks: one violation for it, requests traced, the pageload delivered', async ({ page: tab, server }) => {
  // Only the main bundle and the init file are allowed: a path-specific source list.
  const csp = `script-src ${server.url}/dist/cdn/tracewire.min.js ${server.url}/pages/reliability/`;
  server.page(
    '/deferred/csp',
    `<!doctype html><html><head><meta charset="utf-8"><title>csp</title>
<script src="/pages/reliability/csp-listen.js"></script>
<script src="/dist/cdn/tracewire.min.js"></script>
<script src="/pages/reliability/init.js" data-dsn="${dsnFor(server)}"></script></head><body></body></html>`,
    { 'content-security-policy': csp },
  );
  await tab.goto(`${server.url}/deferred/csp`);
  const event = txn(await waitForTransaction(server, 'pageload', '/deferred/csp'));
  expect(spansOf(event, 'http.client').length).toBeGreaterThanOrEqual(1);
  expect(event.measurements?.fcp).toBeUndefined();
  const violations: string[] = await tab.evaluate(() => (window as any).violations);
  expect(violations).toEqual([`script-src-elem ${server.url}/dist/cdn/tracewire.deferred.min.js`]);
});
