// The floor under `init`: what the browser charges, in a fresh renderer, for the steps any tracing
// SDK must take before its init returns, with no SDK code at all. It puts the start-up target
// (init under 2 ms, README "Performance") beside what the platform itself costs on this machine.
//
//   node bench/startup-floor.mjs [--loads=15]
//
// Each figure is the main-thread CPU time (thread ticks) of one task in a fresh page after its load,
// minus the same task running a no-op, median over the loads:
//   - "the steps": wrap fetch, XMLHttpRequest's open/setRequestHeader/send and history's
//     pushState/replaceState; add the popstate, pagehide, pageshow and visibilitychange listeners;
//     start one timer; read four meta tags; read the navigation entry's Server-Timing;
//   - "the steps, after the page touched its DOM": the same in a page whose own script read
//     `document.body` first, as an app's code does sooner or later (the first script access to the
//     document costs a page about a millisecond, whoever makes it);
//   - tracewire's CDN bundle loaded by a script tag, `init` with the options of setups/tracewire.js,
//     in both kinds of page, for scale.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { median, round } from './lib/stats.mjs';
import { taskSeconds } from './lib/taskTime.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(benchDir, 'package.json'));
const { chromium } = require('playwright-core');
const loads = Number(process.argv.find((a) => a.startsWith('--loads='))?.split('=')[1] ?? 15);
const cdnFile = path.join(benchDir, '..', 'dist', 'cdn', 'tracewire.min.js');

const STEPS = `window.__steps = () => {
  const wrap = (target, name) => {
    const original = target[name];
    target[name] = function () { return original.apply(this, arguments); };
  };
  wrap(window, 'fetch');
  for (const name of ['open', 'setRequestHeader', 'send']) wrap(XMLHttpRequest.prototype, name);
  for (const name of ['pushState', 'replaceState']) wrap(history, name);
  const listener = () => {};
  for (const type of ['popstate', 'pagehide', 'pageshow']) addEventListener(type, listener);
  document.addEventListener('visibilitychange', listener);
  setTimeout(listener, 60000);
  const meta = ['sentry-trace', 'baggage', 'traceparent', 'tracestate'].map((name) => document.querySelector('meta[name="' + name + '"]')?.getAttribute('content'));
  const navigation = performance.getEntriesByType('navigation')[0];
  return [meta, navigation && navigation.serverTiming];
};`;

const INIT = `window.__init = () => {
  const long = 10 * 60 * 1000;
  Tracewire.init({
    dsn: 'http://publickey@' + location.host + '/1',
    tracesSampleRate: 1,
    integrations: [Tracewire.browserTracingIntegration({ idleTimeout: long, finalTimeout: long, childSpanTimeout: long })],
  });
};`;

const page = (query) => {
  const head = '<meta charset="utf-8"><meta name="sentry-trace" content="0123456789abcdef0123456789abcdef-0123456789abcdef-1">';
  const sdk = query.has('sdk') ? '<script src="/tracewire.min.js"></script>' : '';
  const touch = query.has('touched') ? '<script>void document.body.firstChild;</script>' : '';
  return `<!doctype html><html><head>${head}${sdk}<script>${STEPS}${INIT}window.__noop = () => 1;</script></head><body><p>floor</p>${touch}</body></html>`;
};

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname === '/tracewire.min.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(cdnFile));
  } else if (url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(url.searchParams));
  } else {
    // The bundle's own requests after init (its deferred file, envelopes): answered, not timed.
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

/** CPU time of running `window[fn]()` in its own task in a fresh page, in ms. */
async function taskCpu(browser, query, fn) {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await tab.goto(`${origin}/?${query}`, { waitUntil: 'load' });
    await tab.waitForTimeout(100);
    const before = await taskSeconds(cdp);
    await tab.evaluate((name) => void window[name](), fn);
    return ((await taskSeconds(cdp)) - before) * 1000;
  } finally {
    await context.close();
  }
}

const cases = [
  ['the steps', 'plain', '__steps'],
  ['the steps, after the page touched its DOM', 'touched', '__steps'],
  ["tracewire's CDN bundle: init", 'sdk', '__init'],
  ["tracewire's CDN bundle: init, after the page touched its DOM", 'sdk&touched', '__init'],
];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  const noopOf = (query) => (query === 'plain' ? 'no-op' : `no-op, ${query}`);
  const samples = new Map([...cases.map(([label]) => [label, []]), ...cases.map(([, query]) => [noopOf(query), []])]);
  for (let i = 0; i < loads; i++) {
    for (const [label, query, fn] of i % 2 ? [...cases].reverse() : cases) {
      samples.get(label).push(await taskCpu(browser, query, fn));
      samples.get(noopOf(query)).push(await taskCpu(browser, query, '__noop'));
    }
  }
  console.log(`| in a fresh page after load (${loads} loads) | CPU ms over a no-op task |\n|---|---:|`);
  for (const [label, query] of cases) {
    console.log(`| ${label} | ${round(median(samples.get(label)) - median(samples.get(noopOf(query))), 2)} |`);
  }
} finally {
  await browser.close();
  server.close();
}
