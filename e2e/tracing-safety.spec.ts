// docs/contract.md §3 Safety: "nothing the SDK does may throw into the host page, including errors in user
// callbacks". Each case installs a misbehaving callback, and the page goes about its business.
import { expect, test } from './fixtures';
import { requestWithId, tracingPage } from './tracing-support';

interface Case {
  what: string;
  /** Which counter in `window.calls` shows the callback ran. */
  counter: string;
  init?: string;
  tracing?: string;
}

const count = (name: string) => `(window.calls[${JSON.stringify(name)}] = (window.calls[${JSON.stringify(name)}] || 0) + 1)`;

const cases: Case[] = [
  { what: 'beforeStartSpan throws', counter: 'bss', tracing: `beforeStartSpan: () => { ${count('bss')}; throw new Error('beforeStartSpan failed'); },` },
  { what: 'beforeStartSpan returns nothing', counter: 'bss', tracing: `beforeStartSpan: () => { ${count('bss')}; },` },
  { what: 'tracesSampler throws', counter: 'sampler', init: `tracesSampler: () => { ${count('sampler')}; throw new TypeError('sampler failed'); },` },
  { what: 'tracesSampler returns nonsense', counter: 'sampler', init: `tracesSampler: () => { ${count('sampler')}; return 'often'; },` },
  {
    what: 'shouldCreateSpanForRequest throws',
    counter: 'scsfr',
    tracing: `shouldCreateSpanForRequest: () => { ${count('scsfr')}; throw new Error('filter failed'); },`,
  },
  {
    what: 'beforeSendTransaction throws',
    counter: 'bst',
    init: `beforeSendTransaction: () => { ${count('bst')}; throw new Error('beforeSend failed'); },`,
  },
  { what: 'beforeSendTransaction returns a string', counter: 'bst', init: `beforeSendTransaction: () => { ${count('bst')}; return 'nope'; },` },
  { what: 'the custom transport throws', counter: 'transport', init: `transport: () => { ${count('transport')}; throw new Error('transport failed'); },` },
  { what: 'the custom transport rejects', counter: 'transport', init: `transport: () => { ${count('transport')}; return Promise.reject(new Error('offline')); },` },
];

// The page's own work: a fetch and an XHR with its own header and body, a navigation, another
// fetch in it, and then the end of both transactions. Problems the page sees are collected too.
const pageWork = `
window.problems = [];
addEventListener('error', (e) => window.problems.push('error: ' + e.message));
addEventListener('unhandledrejection', (e) => window.problems.push('unhandledrejection: ' + String(e.reason)));
window.work = (async () => {
  const a = await fetch('/api/echo?id=page-fetch', { method: 'POST', body: 'order=1', headers: { 'x-app': 'shop' } });
  const b = await sendXhr('PUT', '/api/echo?id=page-xhr', { body: 'cart=2', headers: [['x-app', 'shop']] });
  history.pushState({}, '', '/safety/next');
  const c = await fetch(new Request('/api/echo?id=page-nav-fetch', { headers: { 'x-app': 'shop' } }));
  return { a: [a.status, await a.json()], b: [b.status, JSON.parse(b.text)], c: c.status };
})();`;

for (const c of cases) {
  test(`contained: ${c.what}`, async ({ page, server, pageProblems }) => {
    await page.goto(tracingPage(server, '/safety', {
      init: c.init,
      // The page's path change right after load must be a navigation (not a redirect folded into the
      // pageload, docs/contract.md §3 Redirects): the callbacks that run at a transaction's start run there.
      tracing: `detectRedirects: false, ${c.tracing ?? ''}`,
      script: `window.calls = {};\n${pageWork}`,
    }));
    const result = await page.evaluate(() => (window as any).work);
    // The page's requests went through unchanged and it saw their real responses.
    expect(result.a[0]).toBe(200);
    expect(result.a[1]).toMatchObject({ method: 'POST', body: 'order=1', headers: { 'x-app': 'shop' } });
    expect(result.b[0]).toBe(200);
    expect(result.b[1]).toMatchObject({ method: 'PUT', body: 'cart=2', headers: { 'x-app': 'shop' } });
    expect(result.c).toBe(200);
    for (const id of ['page-fetch', 'page-xhr', 'page-nav-fetch']) expect(requestWithId(server, id).headers['x-app']).toBe('shop');

    // Let the transactions end and be handed to beforeSendTransaction / the transport.
    await expect.poll(() => page.evaluate(() => (window as any).Tracewire.getActiveSpan() === undefined), { timeout: 8000 }).toBe(true);
    await page.evaluate(() => (window as any).Tracewire.flush(2000));
    expect(await page.evaluate((k) => (window as any).calls[k] ?? 0, c.counter), 'the callback ran').toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as any).problems)).toEqual([]);
    expect(pageProblems).toEqual([]);
  });
}

test('contained: shouldCreateSpanForRequest throws, trace headers still go out', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/safety', {
    tracing: `shouldCreateSpanForRequest: () => { throw new Error('filter failed'); },`,
  }));
  await page.evaluate(async () => {
    await fetch('/api/echo?id=f');
    await (window as any).sendXhr('GET', '/api/echo?id=x');
  });
  for (const id of ['f', 'x']) expect(requestWithId(server, id).headers['sentry-trace']).toMatch(/^[0-9a-f]{32}-[0-9a-f]{16}-1$/);
  expect(pageProblems).toEqual([]);
});
