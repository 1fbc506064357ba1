// docs/contract.md §3 Web vitals (what caused them) and Web vitals on navigations (soft navigations),
// as the CDN bundle records them in Chromium.
import { expect, test } from './fixtures';
import { tracingPage, txn, waitForTransaction } from './tracing-support';

/**
 * Releases the activity `window.hold` once the page has seen `ready()` turn true, two idle callbacks
 * later: the SDK's observers (set up after start-up, in an idle callback) have then been told of the
 * same entries. Waits, not thresholds: a slow machine only takes longer.
 */
const releaseWhen = (ready: string): string => `
const release = () => requestIdleCallback(() => requestIdleCallback(() => Tracewire.popActivity(window.hold), { timeout: 1000 }), { timeout: 1000 });
const poll = setInterval(() => { if (${ready}) { clearInterval(poll); release(); } }, 50);`;

test('the pageload names the LCP element and image and the elements that shifted', async ({ page, server, pageProblems }) => {
  await page.goto(
    tracingPage(server, '/vitals', {
      body: `<div id="top"></div>
<img id="hero" class="banner wide" src="/pages/tracing/hero.svg" width="480" height="320" alt="">
<p class="note">Below the hero.</p>`,
      script: `
window.hold = Tracewire.pushActivity('waiting for LCP and the shift');
window.lcpSeen = false; window.shiftSeen = false;
new PerformanceObserver(() => { window.lcpSeen = true; }).observe({ type: 'largest-contentful-paint', buffered: true });
new PerformanceObserver(() => { window.shiftSeen = true; }).observe({ type: 'layout-shift', buffered: true });
// After the hero painted, a banner pushes it and the note down: both move, without any input.
addEventListener('load', () => setTimeout(() => {
  const banner = document.createElement('div');
  banner.style.height = '200px';
  document.getElementById('top').appendChild(banner);
}, 300));
${releaseWhen('window.lcpSeen && window.shiftSeen')}`,
    }),
  );
  const event = txn(await waitForTransaction(server, 'pageload', '/vitals', 15_000));
  const data = event.contexts.trace.data;
  expect(data['lcp.element']).toBe('#hero');
  expect(data['lcp.url']).toBe(`${server.url}/pages/tracing/hero.svg`);
  expect(data['lcp.size']).toBe(480 * 320);
  expect(typeof data['lcp.renderTime']).toBe('number');
  expect(typeof data['lcp.loadTime']).toBe('number');
  const sources = Object.keys(data)
    .filter((k) => k.startsWith('cls.source.'))
    .sort()
    .map((k) => data[k]);
  expect(sources).toContain('#hero');
  expect(sources).toContain('html>body>p.note');
  expect(event.measurements.cls.value).toBeGreaterThan(0);
  for (const name of ['fp', 'ttfb.requestTime']) {
    expect(event.measurements[name]?.unit, name).toBe('millisecond');
    expect(event.measurements[name].value).toBeGreaterThanOrEqual(0);
  }
  expect(event.measurements.fp.value).toBeLessThanOrEqual(event.measurements.lcp.value);
  // navigator.connection exists in Chromium: the round-trip time is recorded.
  expect(event.measurements['connection.rtt']?.unit).toBe('millisecond');
  expect(pageProblems).toEqual([]);
});

test('control: a page without shifts or images has no cls sources and no lcp.url', async ({ page, server, pageProblems }) => {
  await page.goto(
    tracingPage(server, '/vitals-plain', {
      body: '<h1 id="title">Only text</h1>',
      script: `
window.hold = Tracewire.pushActivity('waiting for LCP');
window.lcpSeen = false;
new PerformanceObserver(() => { window.lcpSeen = true; }).observe({ type: 'largest-contentful-paint', buffered: true });
${releaseWhen('window.lcpSeen')}`,
    }),
  );
  const event = txn(await waitForTransaction(server, 'pageload', '/vitals-plain', 15_000));
  const data = event.contexts.trace.data;
  expect(data['lcp.element']).toBe('#title');
  expect(data).not.toHaveProperty('lcp.url');
  expect(Object.keys(data).filter((k) => k.startsWith('cls.source.'))).toEqual([]);
  expect(event.measurements.cls).toEqual({ value: 0, unit: '' });
  expect(pageProblems).toEqual([]);
});

// A click that changes the URL and paints new content is what Chromium reports as a soft navigation.
const softNavPage = {
  body: '<button id="go">Next</button><main id="view"><p>Home</p></main>',
  script: `
document.getElementById('go').addEventListener('click', () => {
  history.pushState({}, '', '/soft/next');
  window.hold = Tracewire.pushActivity('waiting for the soft navigation');
  const view = document.getElementById('view');
  view.innerHTML = '<h1 id="headline">' + 'Next page '.repeat(40) + '</h1>';
});
window.softSeen = false;
new PerformanceObserver(() => { window.softSeen = true; }).observe({ type: 'soft-navigation', buffered: true });`,
};

test('a soft navigation (Chromium reports them with default flags): its navigation transaction carries its own lcp and cls', async ({
  page,
  server,
  pageProblems,
}) => {
  await page.goto(tracingPage(server, '/soft/home', softNavPage));
  await waitForTransaction(server, 'pageload');
  await page.click('#go');
  await expect.poll(() => page.evaluate(() => (window as any).softSeen), { timeout: 10_000 }).toBe(true);
  await page.evaluate(() => {
    requestIdleCallback(() => requestIdleCallback(() => (window as any).Tracewire.popActivity((window as any).hold), { timeout: 1000 }), {
      timeout: 1000,
    });
  });
  const nav = txn(await waitForTransaction(server, 'navigation', '/soft/next', 15_000));
  expect(nav.measurements?.lcp?.unit).toBe('millisecond');
  expect(nav.measurements.lcp.value).toBeGreaterThan(0);
  expect(nav.measurements.cls).toEqual({ value: expect.any(Number), unit: '' });
  // Only the contract's three: a soft navigation's FCP and TTFB are not carried.
  expect(nav.measurements.fcp).toBeUndefined();
  expect(nav.measurements.ttfb).toBeUndefined();
  expect(pageProblems).toEqual([]);
});

test('control: a navigation without user input is no soft navigation, and gets no lcp', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/soft/home', softNavPage));
  await waitForTransaction(server, 'pageload');
  await page.evaluate(() => {
    history.pushState({}, '', '/soft/next');
    (window as any).hold = (window as any).Tracewire.pushActivity('hold');
    document.getElementById('view')!.innerHTML = '<h1>' + 'Next page '.repeat(40) + '</h1>';
    requestIdleCallback(() => requestIdleCallback(() => (window as any).Tracewire.popActivity((window as any).hold), { timeout: 1000 }), {
      timeout: 1000,
    });
  });
  const nav = txn(await waitForTransaction(server, 'navigation', '/soft/next', 15_000));
  expect(await page.evaluate(() => (window as any).softSeen)).toBe(false);
  expect(nav.measurements?.lcp).toBeUndefined();
  expect(nav.measurements?.cls).toBeUndefined();
  expect(pageProblems).toEqual([]);
});
