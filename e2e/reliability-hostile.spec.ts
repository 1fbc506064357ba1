// Reliability §2 (e2e part) and §4: garbage trace meta tags, strict CSP and Trusted Types pages,
// init called twice, two copies of the SDK, and pages that wrap fetch themselves.
import type { Page } from '@playwright/test';
import { dsnFor, expect, type RecordingServer, test } from './fixtures';
import { parseSentryTraceHeader, requestWithId, sentryBaggage, spansOf, tracingPage, txn, waitForTransaction, withoutLoadErrors } from './tracing-support';

const TID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SID = '00f067aa0ba902b7';

/** One echo request from the page; returns the headers the server saw. */
async function echo(page: Page, server: RecordingServer, id: string): Promise<Record<string, string>> {
  await page.evaluate((i) => fetch(`/api/echo?id=${i}`).then((r) => r.text()), id);
  return requestWithId(server, id).headers;
}

/** Outgoing trace headers are well-formed, single, and carry `traceId`; baggage within W3C limits. */
function assertHeaders(h: Record<string, string>, traceId: string): void {
  expect(parseSentryTraceHeader(h['sentry-trace']).traceId).toBe(traceId);
  const baggage = h.baggage ?? '';
  expect(new TextEncoder().encode(baggage).length).toBeLessThanOrEqual(8192);
  expect(baggage.split(',').length).toBeLessThanOrEqual(64);
  sentryBaggage(baggage); // fails when a sentry- key repeats
}

const big = 'a'.repeat(100_000);
const garbage: Record<string, string> = {
  'empty sentry-trace': '<meta name="sentry-trace" content="">',
  'empty baggage only': '<meta name="baggage" content="">',
  'oversized sentry-trace and baggage': `<meta name="sentry-trace" content="${big}"><meta name="baggage" content="sentry-trace_id=${big},${Array.from({ length: 200 }, (_, i) => `k${i}=v`).join(',')}">`,
  'upper-case hex': `<meta name="sentry-trace" content="${TID.toUpperCase()}-${SID.toUpperCase()}-1">`,
  'all-zero ids': `<meta name="sentry-trace" content="${'0'.repeat(32)}-${'0'.repeat(16)}-1">`,
  'trailing junk': `<meta name="sentry-trace" content="${TID}-${SID}-1-extra">`,
  'injected markup': `<meta name="sentry-trace" content="&quot;&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;"><meta name="baggage" content="&lt;img src=x onerror=window.pwned=2&gt;">`,
  'duplicate malformed tags': '<meta name="sentry-trace" content="nope"><meta name="sentry-trace" content="also-nope"><meta name="baggage" content="a"><meta name="baggage" content="b">',
  'bad traceparent version and flags': `<meta name="traceparent" content="ff-${TID}-${SID}-01"><meta name="traceparent" content="00-${TID}-${SID}-zz">`,
  'wrong-case meta names only': `<meta name="Sentry-Trace" content="zz"><meta name="BAGGAGE" content="sentry-release=%E0%A4%A">`,
  'meta without content attribute': '<meta name="sentry-trace"><meta name="baggage"><meta name="traceparent">',
};

for (const [name, head] of Object.entries(garbage)) {
  test(`garbage meta tags (${name}): the page works and a fresh trace starts`, async ({ page, server, pageProblems }) => {
    await page.goto(tracingPage(server, '/rel/garbage', { head, script: 'window.hold = Tracewire.pushActivity("x");' }));
    const headers = await echo(page, server, 'g');
    await page.evaluate(() => (window as any).Tracewire.popActivity((window as any).hold));
    const event = txn(await waitForTransaction(server, 'pageload', '/rel/garbage'));
    const trace = event.contexts.trace;
    expect(trace.parent_span_id, 'a fresh trace has no parent').toBeUndefined();
    expect(trace.trace_id).not.toBe(TID);
    assertHeaders(headers, trace.trace_id);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    expect(withoutLoadErrors(pageProblems)).toEqual([]);
  });
}

test('a valid sentry-trace meta followed by a duplicate: the first one is continued, headers stay single', async ({ page, server, pageProblems }) => {
  const head = `<meta name="sentry-trace" content="${TID}-${SID}-1"><meta name="sentry-trace" content="${'1'.repeat(32)}-${'2'.repeat(16)}-1">`;
  await page.goto(tracingPage(server, '/rel/dup', { head }));
  const headers = await echo(page, server, 'd');
  const event = txn(await waitForTransaction(server, 'pageload', '/rel/dup'));
  expect(event.contexts.trace.trace_id).toBe(TID);
  assertHeaders(headers, TID);
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

function strictPage(server: RecordingServer, path: string, csp: string): string {
  server.page(path, `<!doctype html><html><head><meta charset="utf-8"><title>strict</title>
<script src="/pages/reliability/csp-listen.js"></script>
<script src="/dist/cdn/tracewire.min.js"></script>
<script src="/pages/reliability/init.js" data-dsn="${dsnFor(server)}"></script></head><body><p>strict</p>
<script>window.inline = 1;</script></body></html>`,
  { 'content-security-policy': csp });
  return `${server.url}${path}`;
}

// The deferred part (web vitals, browser spans) is a second script the bundle adds. Under Trusted Types
// its URL goes through a policy named `tracewire`: a page that allows that policy loads the part with no
// violation; one that allows no policy at all refuses its creation (one report) and goes without it.
for (const [name, csp, sdkViolations, vitals] of [
  ["script-src 'self'", "script-src 'self'", [], true],
  ['Trusted Types allowing the tracewire policy', "script-src 'self'; require-trusted-types-for 'script'; trusted-types tracewire", [], true],
  ["Trusted Types with trusted-types 'none'", "script-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'", ['trusted-types trusted-types-policy'], false],
] as const) {
  test(`CDN bundle under a strict policy (${name}): the pageload and its headers go out`, async ({ page, server, pageProblems }) => {
    await page.goto(strictPage(server, '/rel/strict', csp));
    await expect.poll(() => page.evaluate(() => (window as any).echoed !== undefined)).toBe(true);
    const event = txn(await waitForTransaction(server, 'pageload', '/rel/strict'));
    expect(spansOf(event, 'http.client').length).toBeGreaterThanOrEqual(1);
    assertHeaders(await page.evaluate(() => (window as any).echoed), event.contexts.trace.trace_id);
    // Web vitals come with the deferred part: present exactly where the policy let it load.
    expect(event.measurements?.fcp !== undefined, 'fcp from the deferred part').toBe(vitals);
    // The policy is in force (the page's own inline script was blocked) and the SDK caused no other violation.
    expect(await page.evaluate(() => (window as any).inline)).toBeUndefined();
    expect(await page.evaluate(() => (window as any).violations)).toEqual(['script-src-elem inline', ...sdkViolations]);
    // Chromium logs the blocked inline script (and a refused policy) itself; nothing else may reach the console.
    const logged = withoutLoadErrors(pageProblems).filter(
      (p) => !/^console.error: (Executing inline script violates|Creating a TrustedTypePolicy named 'tracewire' violates)/.test(p),
    );
    expect(logged).toEqual([]);
    if (name.startsWith('Trusted Types')) {
      expect(await page.evaluate(() => { try { document.body.innerHTML = '<b>x</b>'; return 'allowed'; } catch (e) { return (e as Error).name; } })).toBe('TypeError');
    }
  });
}

const initSource = (server: RecordingServer, global = 'Tracewire') => `${global}.init({ dsn: ${JSON.stringify(dsnFor(server))}, tracesSampleRate: 1,
  integrations: [${global}.browserTracingIntegration({ idleTimeout: 300 })] });`;

test('init called twice: one wrapper, one set of trace headers, one span per request', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/rel/twice', { script: `${initSource(server)} window.hold = Tracewire.pushActivity('x');` }));
  await page.evaluate(() => fetch('/api/echo?id=t1'));
  await page.evaluate(() => new Promise((ok) => { const x = new XMLHttpRequest(); x.open('GET', '/api/echo?id=t2'); x.onloadend = ok; x.send(); }));
  await page.evaluate(() => (window as any).Tracewire.popActivity((window as any).hold));
  // The second init replaces the first set-up (its pageload is ended and sent); the requests belong
  // to the second client's pageload.
  const traceId = parseSentryTraceHeader(requestWithId(server, 't1').headers['sentry-trace']).traceId;
  const event = txn(await server.waitForEnvelope((e) => txn(e).contexts?.trace?.trace_id === traceId && txn(e).contexts.trace.op === 'pageload'));
  for (const id of ['t1', 't2']) {
    const h = requestWithId(server, id).headers;
    assertHeaders(h, event.contexts.trace.trace_id);
    expect(h['sentry-trace']).not.toContain(',');
  }
  expect(spansOf(event, 'http.client').map((s) => s.description.replace(server.url, '')).sort()).toEqual(['GET /api/echo', 'GET /api/echo']);
  const pageloads = server.envelopes().map(txn).filter((e) => e.contexts?.trace?.op === 'pageload');
  console.log(`init twice: pageloads sent ${JSON.stringify(pageloads.map((e) => ({ trace: e.contexts.trace.trace_id, status: e.contexts.trace.status, reason: e.contexts.trace.data?.['sentry.idle_span_finish_reason'], http: spansOf(e, 'http.client').length })))}`);
  expect(new Set(pageloads.map((e) => e.event_id)).size, 'no transaction sent twice').toBe(pageloads.length);
  expect(pageloads.filter((e) => spansOf(e, 'http.client').length > 0), 'each request traced by one client only').toHaveLength(1);
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

test('two copies of the SDK on one page: trace headers are never duplicated', async ({ page, server, pageProblems }) => {
  server.page('/rel/two-copies', `<!doctype html><html><head><meta charset="utf-8">
<script src="/dist/cdn/tracewire.js"></script><script>window.First = window.Tracewire;</script>
<script src="/dist/cdn/tracewire.min.js"></script></head><body><script>
${initSource(server, 'First')}
${initSource(server, 'Tracewire')}
</script></body></html>`);
  await page.goto(`${server.url}/rel/two-copies`);
  expect(await page.evaluate(() => (window as any).First !== (window as any).Tracewire)).toBe(true);
  await page.evaluate(() => fetch('/api/echo?id=c1', { headers: { baggage: 'own=1' } }));
  await page.evaluate(() => new Promise((ok) => { const x = new XMLHttpRequest(); x.open('GET', '/api/echo?id=c2'); x.onloadend = ok; x.send(); }));
  for (const id of ['c1', 'c2']) {
    const h = requestWithId(server, id).headers;
    parseSentryTraceHeader(h['sentry-trace']);
    sentryBaggage(h.baggage);
  }
  expect(requestWithId(server, 'c1').headers.baggage).toMatch(/^own=1,sentry-/);
  // Each copy loads its own deferred file (tracewire.deferred.js, tracewire.deferred.min.js) and gets
  // that file's part, not the other copy's, whose internal names differ: both pageloads carry web vitals.
  const pageloads = () => server.envelopes().map(txn).filter((e) => e.contexts?.trace?.op === 'pageload');
  await expect.poll(() => pageloads().length, { timeout: 10_000 }).toBe(2);
  for (const event of pageloads()) expect(event.measurements?.ttfb, 'ttfb from the deferred part').toBeDefined();
  expect(withoutLoadErrors(pageProblems)).toEqual([]);
});

for (const when of ['before', 'after']) {
  test(`a page that wraps fetch and XHR ${when} the SDK: both wrappers keep working`, async ({ page, server, pageProblems }) => {
    const wrap = `window.seen = [];
      const pageFetch = window.fetch;
      window.fetch = function (input, init) { seen.push('fetch ' + String(input)); return pageFetch.apply(this, arguments); };
      const pageOpen = XMLHttpRequest.prototype.open;
      XMLHttpRequest.prototype.open = function (m, u) { seen.push('xhr ' + u); return pageOpen.apply(this, arguments); };`;
    server.page('/rel/wrapped', `<!doctype html><html><head><meta charset="utf-8">
${when === 'before' ? `<script>${wrap}</script>` : ''}
<script src="/dist/cdn/tracewire.min.js"></script></head><body><script>
${initSource(server)}
window.hold = Tracewire.pushActivity('x');
${when === 'after' ? wrap : ''}
</script></body></html>`);
    await page.goto(`${server.url}/rel/wrapped`);
    const status = await page.evaluate(() => fetch('/api/echo?id=w1').then((r) => r.status));
    await page.evaluate(() => new Promise((ok) => { const x = new XMLHttpRequest(); x.open('GET', '/api/echo?id=w2'); x.onloadend = ok; x.send(); }));
    await page.evaluate(() => (window as any).Tracewire.popActivity((window as any).hold));
    expect(status).toBe(200);
    expect(await page.evaluate(() => (window as any).seen.filter((s: string) => s.includes('/api/echo')))).toEqual(['fetch /api/echo?id=w1', 'xhr /api/echo?id=w2']);
    const event = txn(await waitForTransaction(server, 'pageload', '/rel/wrapped'));
    for (const id of ['w1', 'w2']) assertHeaders(requestWithId(server, id).headers, event.contexts.trace.trace_id);
    expect(spansOf(event, 'http.client').filter((s) => s.data?.url?.includes('/api/echo'))).toHaveLength(2);
    expect(withoutLoadErrors(pageProblems)).toEqual([]);
  });
}
