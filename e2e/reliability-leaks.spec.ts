// Reliability §5: 1000 SPA navigations, each with a fetch or an XHR (alternately), then a forced garbage
// collection through the DevTools protocol. The JS heap and the event-listener count must come back
// close to where they were, compared with the same loop on the same page without the SDK.
import type { Browser } from '@playwright/test';
import { expect, type RecordingServer, test } from './fixtures';
import { tracingPage } from './tracing-support';

const NAVIGATIONS = 1000;
const MB = 1024 * 1024;

interface Sample { heap: number; listeners: number; nodes: number; documents: number }

async function measure(browser: Browser, server: RecordingServer, sdk: boolean) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The navigations come back to back without input: redirect detection would fold most of them.
  await page.goto(tracingPage(server, `/rel/leak-${sdk ? 'sdk' : 'plain'}`, { sdk, tracing: 'idleTimeout: 20, finalTimeout: 2000, detectRedirects: false' }));
  const loop = (n: number, from: number) => page.evaluate(async ([count, start]) => {
    for (let i = start; i < start + count; i++) {
      history.pushState({}, '', `/rel/leak/${i}`);
      if (i % 2) await fetch(`/api/status?code=200&i=${i}`).then((r) => r.text());
      else await new Promise((ok) => { const x = new XMLHttpRequest(); x.open('GET', `/api/status?code=204&i=${i}`); x.onloadend = ok; x.send(); });
      if (i % 100 === 99) await new Promise((ok) => setTimeout(ok, 60)); // let idle transactions end now and then
    }
    await new Promise((ok) => setTimeout(ok, 300));
    if ((window as any).Tracewire) await (window as any).Tracewire.flush(5000);
  }, [n, from] as const);
  const sample = async (): Promise<Sample> => {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    return { heap: heap.usedSize, listeners: dom.jsEventListeners, nodes: dom.nodes, documents: dom.documents };
  };
  await loop(50, 0); // warm-up: code compiled, caches filled
  const before = await sample();
  const started = Date.now();
  await loop(NAVIGATIONS, 50);
  const ms = Date.now() - started;
  const after = await sample();
  await context.close();
  return { before, after, errors, ms };
}

test(`${NAVIGATIONS} navigations with requests: heap and listeners return to the baseline`, async ({ browser, server }) => {
  test.setTimeout(150_000);
  const plain = await measure(browser, server, false);
  const withSdk = await measure(browser, server, true);
  const growth = (m: { before: Sample; after: Sample }) => ({
    heapMB: +((m.after.heap - m.before.heap) / MB).toFixed(3),
    listeners: m.after.listeners - m.before.listeners,
    nodes: m.after.nodes - m.before.nodes,
  });
  const g = { sdk: growth(withSdk), plain: growth(plain) };
  const sent = server.envelopes().length;
  console.log(`leaks: ${JSON.stringify({ navigations: NAVIGATIONS, loopMs: { sdk: withSdk.ms, plain: plain.ms }, withSdk: { ...withSdk.before, ...{ afterHeap: withSdk.after.heap, afterListeners: withSdk.after.listeners } }, plain: { ...plain.before, afterHeap: plain.after.heap, afterListeners: plain.after.listeners }, growth: g, envelopesReceived: sent })}`);
  expect(withSdk.errors).toEqual([]);
  // The SDK really ran: navigation transactions reached the server.
  expect(sent).toBeGreaterThan(30);
  // Loose bounds: the figures are what matters, these catch a real leak (1000 navigations that each
  // kept a few KB would exceed them).
  expect(g.sdk.heapMB - g.plain.heapMB).toBeLessThan(2);
  expect(g.sdk.listeners - g.plain.listeners).toBeLessThanOrEqual(5);
  expect(g.sdk.nodes - g.plain.nodes).toBeLessThanOrEqual(50);
});
