// Where the time goes: CPU-profiles one set-up in Chromium (unminified bundle, so functions
// keep their names) and prints the functions with the most self time, for init and for the
// per-request loop of `npm run bench`.
//
//   node bench/profile.mjs [tracewire|sentry|otel|elastic] [--spans=1000] [--calls=2000]
//     [--shape=record] (a request shape of lib/shapes.mjs) [--docs-targets] (the docs' targets)
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { SHAPES_SCRIPT, XHR_STUB } from './lib/shapes.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(benchDir, 'package.json'));
const { chromium } = require('playwright-core');
const esbuild = require('esbuild');

const args = process.argv.slice(2);
const id = args.find((a) => !a.startsWith('--')) ?? 'tracewire';
const option = (name, fallback) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const spans = option('spans', 100);
const calls = option('calls', 2000);
const top = option('top', 25);
const shape = args.find((a) => a.startsWith('--shape='))?.split('=')[1] ?? 'plain';
const docsTargets = args.includes('--docs-targets');

const built = await esbuild.build({
  entryPoints: [path.join(benchDir, 'setups', `${id}.js`)],
  absWorkingDir: benchDir,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  keepNames: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
  logLevel: 'warning',
});
const code = built.outputFiles[0].text;
// The bundle is a script file of its own, so a profile frame in it has its URL and its own line numbers.
const BUNDLE_PATH = '/bundle.js';
const lines = code.split('\n');

const stub = "window.fetch = function fetch() { return Promise.resolve(new Response('')); };";
const server = createServer((req, res) => {
  req.resume();
  if (req.url === BUNDLE_PATH) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(code);
    return;
  }
  const html = `<!doctype html><html><head><meta charset="utf-8"><script>${stub}${shape === 'xhr' ? XHR_STUB : ''}${SHAPES_SCRIPT}</script><script src="${BUNDLE_PATH}"></script></head><body>profile</body></html>`;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

/** Self time per function (µs), from a CDP CPU profile. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map();
  profile.samples.forEach((nodeId, i) => {
    const node = byId.get(nodeId);
    const frame = node.callFrame;
    const where = frame.url.endsWith(BUNDLE_PATH) ? lines[frame.lineNumber]?.trim().slice(0, 70) : '';
    const key = `${frame.functionName || '(anonymous)'}${where ? `  [${frame.lineNumber + 1}: ${where}]` : ''}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

function print(title, profile, divisor, unit) {
  const rows = selfTimes(profile).filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(program)'));
  const total = rows.reduce((sum, [, t]) => sum + t, 0);
  console.log(`\n${title}: ${(total / divisor).toFixed(2)} ${unit} of sampled JS and GC`);
  for (const [key, t] of rows.slice(0, top)) console.log(`${(t / divisor).toFixed(2).padStart(9)} ${unit}  ${key}`);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'load' });

  await cdp.send('Profiler.start');
  await page.evaluate((docs) => window.__bench.init({ keepOpen: true, docsTargets: docs }), docsTargets);
  print(`${id}: init (cold, after load)`, (await cdp.send('Profiler.stop')).profile, 1000, 'ms');

  await page.evaluate(async ({ extra, shape }) => {
    const b = window.__bench;
    const call = window.__shapes[shape];
    for (let i = 0; i < 100; i++) await b.inPageload(() => call(`/api/warmup?i=${i}`));
    b.openSpans(extra);
  }, { extra: Math.max(spans - 100, 0), shape });
  await page.waitForTimeout(400);
  await cdp.send('Profiler.start');
  await page.evaluate(async ({ count, shape }) => {
    const b = window.__bench;
    const call = window.__shapes[shape];
    for (let i = 0; i < count; i++) await b.inPageload(() => call(`/api/item?i=${i}`));
  }, { count: calls, shape });
  print(`${id}: ${calls} calls of shape ${shape}${docsTargets ? ' (docs targets)' : ''} with ${spans} spans in the pageload, per call`, (await cdp.send('Profiler.stop')).profile, calls, 'µs');
} finally {
  await browser.close();
  server.close();
}
