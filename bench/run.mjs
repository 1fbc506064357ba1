// Behind `npm run bench`: measures tracewire side by side with the browser tracing SDKs
// users would otherwise pick (size, per-request cost, growth, start-up, memory) in
// Debian's Chromium, prints one markdown table and writes results.json, chart.svg and the
// results block of bench/README.md.
//
// Flags: --quick (fewer rounds, for a look while developing), --rounds=N,
// --setups=tracewire,sentry (a subset; the no-SDK baseline always runs), --no-readme,
// --shapes-only (only the per-shape request costs, printed; nothing is written), --startup-only
// (only the start-up figures, printed; nothing is written),
// --builds=name:/path/to/checkout,… (with --shapes-only: other builds of tracewire, each a
// checkout with its own dist/, measured on every shape beside this one), --shapes=plain,xhr
// (with --shapes-only: time only these shapes of lib/shapes.mjs on tracewire's pages; `plain` is
// needed for the ratios).
// These are benchmarks, not tests: the exit code only says whether the run completed
// and every set-up did its job (pageload, request spans, trace headers, sending).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';

import { renderChart } from './lib/chart.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { median, round } from './lib/stats.mjs';
import { renderReport, renderShapes } from './lib/report.mjs';
import { NO_SDK_SHAPES_SCRIPT, SHAPES, SHAPES_SCRIPT, XHR_STUB } from './lib/shapes.mjs';
import { taskSeconds } from './lib/taskTime.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.dirname(benchDir);

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = flag('quick');
const shapesOnly = flag('shapes-only');
const startupOnly = flag('startup-only');
const onlyShapes = option('shapes')?.split(',');

/** Run parameters; the defaults keep a full run around five minutes on two cores. */
const config = {
  rounds: Number(option('rounds') ?? (quick ? 2 : 5)),
  // Calls timed per page and pages per (set-up, span count) per round: 3 × 700 = 2100 calls.
  callsPerPage: 700,
  pagesPerRound: quick ? 1 : 3,
  // Untimed calls first on every page: they warm the SDK's code up the same way whatever the
  // span count, and are the first 100 request spans of the pageload.
  warmupCalls: 100,
  // Spans already in the open pageload when timing starts (the warm-up's included).
  spanCounts: [100, 1000],
  // Main-thread time is sampled this long after the timed calls settle, so work an SDK
  // defers to timers or observers (OpenTelemetry ends fetch spans 300 ms later) is counted.
  deferredWaitMs: 450,
  // Per request shape: pages per variant, rounds per page and calls per timed batch. Each round
  // times every shape once on each side, so a page adds rounds × batch spans per shape.
  shapePages: Number(option('shape-pages') ?? (quick ? 8 : 20)),
  shapeRounds: 8,
  shapeBatch: 10,
  startupSamples: quick ? 3 : 7,
  navigations: 1000,
  requestsPerNavigation: 10,
};

/** Every set-up bundled and measured; `packages` are the versions reported for it. */
const ALL_SETUPS = [
  { id: 'baseline', label: 'no SDK (baseline)', packages: [] },
  { id: 'tracewire', label: 'tracewire', packages: ['tracewire', 'web-vitals'] },
  // tracewire doing OpenTelemetry's job (OTLP/HTTP JSON, `traceparent`), beside OpenTelemetry's set-up.
  { id: 'tracewire-otlp', label: 'tracewire with `otlp`', packages: ['tracewire', 'web-vitals'] },
  { id: 'sentry', label: 'Sentry', packages: ['@sentry/browser', '@sentry/core', '@sentry/browser-utils'] },
  {
    id: 'otel',
    label: 'OpenTelemetry',
    packages: [
      '@opentelemetry/sdk-trace-web',
      '@opentelemetry/sdk-trace-base',
      '@opentelemetry/exporter-trace-otlp-http',
      '@opentelemetry/instrumentation-document-load',
      '@opentelemetry/instrumentation-fetch',
      '@opentelemetry/instrumentation-xml-http-request',
      '@opentelemetry/instrumentation',
      '@opentelemetry/api',
    ],
  },
  { id: 'elastic', label: 'Elastic RUM', packages: ['@elastic/apm-rum', '@elastic/apm-rum-core'] },
];

// What the set-up's own ingestion payload must contain to show it recorded the pageload.
// Sentry 11 sends spans as v2 span items with the op as an attribute.
const PAGELOAD_MARKERS = {
  tracewire: /"op":"pageload"/,
  'tracewire-otlp': /"key":"sentry\.op","value":\{"stringValue":"pageload"\}/,
  sentry: /"op":"pageload"|"sentry\.op":\{"value":"pageload"/,
  otel: /"documentLoad"/,
  elastic: /"type":"page-load"/,
};

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

function run(command, commandArgs, cwd) {
  log(`$ ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd, stdio: ['ignore', process.stderr, process.stderr] });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed (exit ${result.status})`);
}

function ensurePrerequisites() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's chromium package (apt-get install chromium)`);
  }
  if (!existsSync(path.join(benchDir, 'node_modules'))) run('npm', ['ci', '--prefix', benchDir], rootDir);
  if (!existsSync(path.join(rootDir, 'dist', 'esm', 'index.js'))) run('npm', ['run', 'build'], rootDir);
}

const benchRequire = createRequire(path.join(benchDir, 'package.json'));
const rootRequire = createRequire(path.join(rootDir, 'package.json'));

async function importFrom(name) {
  for (const req of [benchRequire, rootRequire]) {
    let resolved;
    try {
      resolved = req.resolve(name);
    } catch {
      continue;
    }
    return import(pathToFileURL(resolved).href);
  }
  throw new Error(`cannot resolve ${name} from bench/ or the project root`);
}

function packageVersion(name) {
  if (name === 'tracewire') return JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')).version;
  for (const base of [path.join(benchDir, 'node_modules'), path.join(rootDir, 'node_modules')]) {
    const file = path.join(base, name, 'package.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')).version;
  }
  return 'missing';
}

function gzipSize(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}

/** Points setups/tracewire.js's import of this checkout's dist at another checkout's. */
function otherDist(root) {
  return {
    name: 'other-dist',
    setup(build) {
      build.onResolve({ filter: /dist\/esm\/index\.js$/ }, () => ({ path: path.join(root, 'dist', 'esm', 'index.js') }));
    },
  };
}

/**
 * Each set-up bundled twice with the same options. As one IIFE, which the timed pages run as an inline
 * script: without code splitting esbuild puts what an entry loads by dynamic `import()` (tracewire's
 * deferred part and OTLP exporter) into the same file, evaluated only when the import runs. And as
 * ESM with code splitting, as an app's bundler ships it: an entry file plus a chunk per dynamic
 * import; the job check loads this build from the bench server, which records the files the page
 * fetched, and the size figures are the sum of those files (each gzipped on its own, as each is
 * fetched on its own).
 */
async function bundleSetups(esbuild, setups) {
  const bundles = {};
  for (const setup of setups) {
    const options = {
      entryPoints: [path.join(benchDir, 'setups', `${setup.build ? 'tracewire' : setup.id}.js`)],
      plugins: setup.build ? [otherDist(setup.build)] : [],
      absWorkingDir: benchDir,
      bundle: true,
      platform: 'browser',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      write: false,
      logLevel: 'warning',
    };
    const result = await esbuild.build({ ...options, format: 'iife' });
    const code = Buffer.from(result.outputFiles[0].contents);
    const split = await esbuild.build({ ...options, format: 'esm', splitting: true, outdir: path.join(benchDir, '.esm', setup.id) });
    const files = new Map(split.outputFiles.map((f) => [path.basename(f.path), Buffer.from(f.contents)]));
    bundles[setup.id] = {
      code: code.toString('utf8'),
      minBytes: code.length,
      gzipBytes: gzipSize(code),
      esm: { entry: `${setup.build ? 'tracewire' : setup.id}.js`, files },
    };
  }
  return bundles;
}

/** Sizes of the split ESM build: the files the job check's page fetched, and those it never needed. */
function esmSize(bundle, loaded) {
  const files = [...bundle.esm.files].map(([file, code]) => ({
    file,
    minBytes: code.length,
    gzipBytes: gzipSize(code),
    loaded: loaded.has(file),
  }));
  const sum = (key, list) => list.reduce((total, f) => total + f[key], 0);
  const used = files.filter((f) => f.loaded);
  return { minBytes: sum('minBytes', used), gzipBytes: sum('gzipBytes', used), files };
}

const CDN_FILE = path.join(rootDir, 'dist', 'cdn', 'tracewire.min.js');

const cdnPath = (name) => path.join(rootDir, 'dist', 'cdn', name);

/**
 * The CDN files as shipped: the bundle that runs before `init`; with it the deferred file, which the
 * bundle adds by a script tag after start-up (web vitals, browser spans, request timings, the delivery
 * queue); and the OTLP exporter's file, which only pages that set `otlp` load.
 */
function cdnSize() {
  if (!existsSync(CDN_FILE)) return undefined;
  const code = readFileSync(CDN_FILE);
  const size = { minBytes: code.length, gzipBytes: gzipSize(code) };
  const add = (total, name) => {
    const file = readFileSync(cdnPath(name));
    return { minBytes: total.minBytes + file.length, gzipBytes: total.gzipBytes + gzipSize(file) };
  };
  if (existsSync(cdnPath('tracewire.deferred.min.js'))) {
    size.withDeferred = add(size, 'tracewire.deferred.min.js');
    if (existsSync(cdnPath('tracewire.otlp.min.js'))) size.withOtlp = add(size.withDeferred, 'tracewire.otlp.min.js');
  }
  return size;
}

// ---------------------------------------------------------------------------------------
// The page server: serves one page per set-up, answers the test requests and accepts every
// exporter's POSTs (Sentry envelopes, OTLP/HTTP JSON, Elastic intake), recording what came.

// Replaces fetch before any SDK script runs, so the timed calls measure the SDK's own work.
// The instant fetch stub. `__captureFetch`, when a page sets it, is shown the arguments a call
// reached fetch with (the per-shape pages use it to time what fetch itself does with them).
const FETCH_STUB =
  "window.fetch = function fetch(input, init) { if (window.__captureFetch) window.__captureFetch(input, init); return Promise.resolve(new Response('')); };";

/**
 * The job check's page for the split ESM build: the entry as a module script from the bench server,
 * which serves its chunks from the same folder and records each file fetched.
 */
function esmPageHtml(id, bundle) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>bench</title>
<script>${SHAPES_SCRIPT}</script>
<script type="module">import '/esm/${id}/${bundle.esm.entry}'; window.__bench.init({ keepOpen: true, docsTargets: false });</script>
</head><body><main><h1>bench</h1><p>A page with one SDK set-up.</p></main></body></html>`;
}

function pageHtml(bundle, { stub, keepOpen, xhrStub, docsTargets, twins }) {
  // An inline script ends at the first "</script"; a bundle could carry that in a string.
  const code = bundle.code.replace(/<\/script/gi, '<\\/script');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>bench</title>
<script>${stub ? FETCH_STUB : ''}${xhrStub ? XHR_STUB : ''}${SHAPES_SCRIPT}${twins ? NO_SDK_SHAPES_SCRIPT : ''}</script>
<script>${code}</script>
<script>window.__bench.init({ keepOpen: ${keepOpen}, docsTargets: ${docsTargets} });</script>
</head><body><main><h1>bench</h1><p>A page with one SDK set-up.</p></main></body></html>`;
}

function decodeBody(buffer, encoding) {
  try {
    if (encoding === 'gzip') return gunzipSync(buffer).toString('utf8');
    if (encoding === 'deflate') return inflateSync(buffer).toString('utf8');
    if (encoding === 'br') return brotliDecompressSync(buffer).toString('utf8');
  } catch {
    return '';
  }
  return buffer.toString('utf8');
}

async function startServer(bundles) {
  const record = { pings: [], posts: [], esmLoads: [] };
  const isolation = {
    // Cross-origin isolation gives performance.now() its fine (5 µs) resolution in Chromium.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'GET' && url.pathname.startsWith('/page/')) {
        const bundle = bundles[url.pathname.slice('/page/'.length)];
        if (!bundle) {
          res.writeHead(404, isolation).end();
          return;
        }
        res.writeHead(200, { ...isolation, 'Content-Type': 'text/html; charset=utf-8' });
        const stub = url.searchParams.get('stub') === '1';
        const keepOpen = url.searchParams.get('open') === '1';
        const xhrStub = url.searchParams.get('xhr') === '1';
        const docsTargets = url.searchParams.get('docs') === '1';
        const twins = url.searchParams.get('twins') === '1';
        res.end(pageHtml(bundle, { stub, keepOpen, xhrStub, docsTargets, twins }));
        return;
      }
      if (req.method === 'GET' && url.pathname.startsWith('/esm-page/')) {
        const id = url.pathname.slice('/esm-page/'.length);
        if (!bundles[id]) {
          res.writeHead(404, isolation).end();
          return;
        }
        res.writeHead(200, { ...isolation, 'Content-Type': 'text/html; charset=utf-8' }).end(esmPageHtml(id, bundles[id]));
        return;
      }
      const esmFile = /^\/esm\/([\w-]+)\/([\w.-]+\.js)$/.exec(url.pathname);
      if (req.method === 'GET' && esmFile) {
        const code = bundles[esmFile[1]]?.esm.files.get(esmFile[2]);
        if (!code) {
          res.writeHead(404, isolation).end();
          return;
        }
        record.esmLoads.push({ id: esmFile[1], file: esmFile[2] });
        res.writeHead(200, { ...isolation, 'Content-Type': 'text/javascript; charset=utf-8' }).end(code);
        return;
      }
      if (req.method === 'GET' && url.pathname === '/cdn-page') {
        // The CDN bundle as users load it: a script tag, so the browser streams and compiles it
        // as it arrives. `none=1` is the same page without it.
        const tag = url.searchParams.get('none') ? '' : '<script src="/cdn/tracewire.min.js"></script>';
        res.writeHead(200, { ...isolation, 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html><head><meta charset="utf-8"><title>bench</title>${tag}</head><body><p>cdn</p></body></html>`);
        return;
      }
      // The bundle as shipped, and the deferred file it adds from the same folder after start-up.
      const cdnFile = /^\/cdn\/(tracewire(?:\.deferred|\.otlp)?\.min\.js)$/.exec(url.pathname)?.[1];
      if (req.method === 'GET' && cdnFile) {
        const file = path.join(path.dirname(CDN_FILE), cdnFile);
        res.writeHead(200, { ...isolation, 'Content-Type': 'text/javascript; charset=utf-8' }).end(readFileSync(file));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/blank') {
        res.writeHead(200, { ...isolation, 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body><p>blank</p></body></html>');
        return;
      }
      if (req.method === 'GET' && url.pathname.startsWith('/bundle/')) {
        const bundle = bundles[url.pathname.slice('/bundle/'.length).replace(/\.js$/, '')];
        if (!bundle) {
          res.writeHead(404, isolation).end();
          return;
        }
        res.writeHead(200, { ...isolation, 'Content-Type': 'text/javascript; charset=utf-8' }).end(bundle.code);
        return;
      }
      if (url.pathname === '/api/ping') {
        record.pings.push({ query: url.search, headers: req.headers });
        res.writeHead(200, { ...isolation, 'Content-Type': 'text/plain' }).end('ok');
        return;
      }
      if (url.pathname === '/api/item') {
        res.writeHead(200, { ...isolation, 'Content-Type': 'application/json' }).end('{"ok":true}');
        return;
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Origin': req.headers.origin ?? '*',
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
        }).end();
        return;
      }
      if (req.method === 'POST') {
        const body = decodeBody(Buffer.concat(chunks), req.headers['content-encoding']);
        record.posts.push({ path: url.pathname, body, contentType: req.headers['content-type'] ?? '' });
        // Elastic's intake answers 202; the others take any 2xx.
        const status = url.pathname.startsWith('/intake/') ? 202 : 200;
        res.writeHead(status, { ...isolation, 'Content-Type': 'application/json' }).end('{}');
        return;
      }
      res.writeHead(404, isolation).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const close = () =>
    new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    });
  return { origin: `http://127.0.0.1:${port}`, record, close };
}

// ---------------------------------------------------------------------------------------
// Measurements. Each runs in its own page; `withPage` opens a fresh browser context (a fresh
// renderer) when asked, so cold start-up is cold.

async function newPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

/**
 * Loads a set-up's page. `stub`: fetch replaced by an instant stub first; `keepOpen`: the
 * pageload kept open (long idle timeouts) instead of each SDK's defaults; `xhrStub`: XHR replaced
 * by an instant stub too; `docsTargets`: the trace propagation targets the docs show.
 */
async function load(page, origin, id, { stub, keepOpen, xhrStub = false, docsTargets = false, twins = false, esm = false }) {
  const query = `stub=${stub ? 1 : 0}&open=${keepOpen ? 1 : 0}&xhr=${xhrStub ? 1 : 0}&docs=${docsTargets ? 1 : 0}&twins=${twins ? 1 : 0}`;
  // `esm`: the split ESM build by a module script (the job check's second page; always real fetch, open pageload).
  await page.goto(esm ? `${origin}/esm-page/${id}` : `${origin}/page/${id}?${query}`, { waitUntil: 'load' });
  const ok = await page.evaluate(() => typeof window.__bench === 'object');
  if (!ok) throw new Error(`${id}: window.__bench missing after load`);
}

/**
 * Checks that a set-up does the job with the real network: spans, headers, sending. `esm`: on the
 * page of the split ESM build rather than the timed pages' IIFE, returning also the files it fetched.
 */
async function validate(browser, server, setup, { esm = false } = {}) {
  const { context, page } = await newPage(browser);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  server.record.pings.length = 0;
  server.record.posts.length = 0;
  server.record.esmLoads.length = 0;
  try {
    await load(page, server.origin, setup.id, { stub: false, keepOpen: true, esm });
    await page.waitForTimeout(300);
    const open = await page.evaluate(async () => {
      const b = window.__bench;
      let pending;
      b.inPageload(() => {
        const viaFetch = fetch('/api/ping?via=fetch').then((r) => r.text());
        const viaXhr = new Promise((resolve, reject) => {
          const xhr = new XMLHttpRequest();
          xhr.open('GET', '/api/ping?via=xhr');
          xhr.onload = () => resolve(xhr.responseText);
          xhr.onerror = reject;
          xhr.send();
        });
        pending = Promise.all([viaFetch, viaXhr]);
      });
      await pending;
      const open = b.pageloadOpen();
      // OpenTelemetry ends request spans 300 ms after the response.
      await new Promise((r) => setTimeout(r, 400));
      await b.finish();
      return open;
    });
    const sent = () => server.record.posts.map((p) => p.body).join('\n');
    const deadline = Date.now() + 5000;
    const marker = PAGELOAD_MARKERS[setup.id];
    const complete = () => {
      const text = sent();
      return marker.test(text) && text.includes('/api/ping') && text.split('/api/ping').length - 1 >= 2;
    };
    while (Date.now() < deadline && !complete()) await page.waitForTimeout(100);
    const text = sent();
    const headerNames = ['sentry-trace', 'traceparent', 'elastic-apm-traceparent'];
    const traced = (via) =>
      server.record.pings.some((p) => p.query.includes(`via=${via}`) && headerNames.some((h) => p.headers[h]));
    const checks = {
      pageloadOpenDuringCalls: open,
      fetchHeader: traced('fetch'),
      xhrHeader: traced('xhr'),
      pageloadSent: marker.test(text),
      requestSpansSent: text.split('/api/ping').length - 1 >= 2,
      noPageErrors: errors.length === 0,
      ...(setup.id === 'tracewire-otlp' ? otlpChecks(server.record) : {}),
    };
    const headers = server.record.pings.find((p) => p.query.includes('via=fetch'))?.headers ?? {};
    let loaded;
    if (esm) {
      // Chunks loaded after start-up (tracewire's deferred part) have had the time above; what is
      // still on its way is waited for until nothing new came for half a second.
      let count = -1;
      while (count !== server.record.esmLoads.length) {
        count = server.record.esmLoads.length;
        await page.waitForTimeout(500);
      }
      loaded = new Set(server.record.esmLoads.filter((l) => l.id === setup.id).map((l) => l.file));
      checks.esmEntryLoaded = loaded.has(`${setup.id}.js`);
    }
    return {
      ok: Object.values(checks).every(Boolean),
      checks,
      headersSent: headerNames.filter((h) => headers[h]).concat(headers.baggage ? ['baggage'] : []),
      endpoints: [...new Set(server.record.posts.map((p) => p.path))],
      errors,
      loaded,
    };
  } finally {
    await context.close();
  }
}

/**
 * tracewire with `otlp`, checked on the OTLP body itself: every POST went to the traces URL as
 * `application/json` and parses as an ExportTraceServiceRequest; it holds the pageload span and a
 * client span for each request (fetch and XHR), children of the pageload in its trace; and each
 * request carried a `traceparent` naming that trace and its own span.
 */
function otlpChecks(record) {
  const posts = record.posts;
  let spans = [];
  let parsed = posts.length > 0;
  for (const post of posts) {
    try {
      const body = JSON.parse(post.body);
      for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans = spans.concat(ss.spans ?? []);
    } catch {
      parsed = false;
    }
  }
  const attr = (span, key) => span.attributes?.find((a) => a.key === key)?.value;
  const pageload = spans.find((s) => attr(s, 'sentry.op')?.stringValue === 'pageload');
  const requestSpan = (via) =>
    spans.find((s) => s.kind === 3 && s.attributes?.some((a) => String(a.value?.stringValue ?? '').includes(`/api/ping?via=${via}`)));
  const childOfPageload = (span) => !!span && !!pageload && span.traceId === pageload.traceId && span.parentSpanId === pageload.spanId;
  const traceparent = (via) => {
    const span = requestSpan(via);
    const ping = record.pings.find((p) => p.query.includes(`via=${via}`));
    const header = ping?.headers.traceparent;
    return !!span && typeof header === 'string' && header === `00-${span.traceId}-${span.spanId}-01`;
  };
  return {
    otlpOnlyToTracesUrl: posts.length > 0 && posts.every((p) => p.path === '/v1/traces'),
    otlpJson: parsed && posts.every((p) => p.contentType.startsWith('application/json')),
    otlpPageloadSpan: !!pageload,
    otlpRequestSpansInPageload: childOfPageload(requestSpan('fetch')) && childOfPageload(requestSpan('xhr')),
    traceparentOfRequestSpans: traceparent('fetch') && traceparent('xhr'),
  };
}

/**
 * Cold start in a fresh renderer: main-thread CPU time (thread ticks) of evaluating the
 * bundle, then of init until it returns with the instrumentation in place, each in its own
 * task. The bundle is fetched first and run as an inline script, so no network time counts.
 */
async function measureStartup(browser, origin, setup) {
  const { context, page, cdp } = await newPage(browser);
  try {
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(`${origin}/blank`, { waitUntil: 'load' });
    await page.evaluate(async (id) => {
      window.__code = await (await fetch(`/bundle/${id}.js`)).text();
      window.__nativeFetch = window.fetch;
    }, setup.id);
    await page.waitForTimeout(100);
    const t0 = await taskSeconds(cdp);
    const loadWallMs = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = window.__code;
      const start = performance.now();
      document.head.appendChild(script);
      return performance.now() - start;
    });
    const t1 = await taskSeconds(cdp);
    const { initWallMs, instrumented } = await page.evaluate(() => {
      const start = performance.now();
      window.__bench.init({ keepOpen: true });
      const initWallMs = performance.now() - start;
      return { initWallMs, instrumented: window.fetch !== window.__nativeFetch };
    });
    const t2 = await taskSeconds(cdp);
    return { loadCpuMs: (t1 - t0) * 1000, initCpuMs: (t2 - t1) * 1000, loadWallMs, initWallMs, instrumented };
  } finally {
    await context.close();
  }
}

/**
 * Cold start of the CDN bundle as shipped, loaded by a script tag (`cdn: true`) or the same page
 * without it: main-thread CPU time of the whole page load, then of `Tracewire.init` (the same
 * options as setups/tracewire.js; a no-op call on the page without the bundle).
 */
async function measureCdnStartup(browser, origin, cdn) {
  const { context, page, cdp } = await newPage(browser);
  try {
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(`${origin}/cdn-page${cdn ? '' : '?none=1'}`, { waitUntil: 'load' });
    await page.waitForTimeout(100);
    const t0 = await taskSeconds(cdp);
    const initWallMs = await page.evaluate(() => {
      const T = window.Tracewire;
      const start = performance.now();
      if (T) {
        const long = 10 * 60 * 1000;
        T.init({
          dsn: `http://publickey@${location.host}/1`,
          tracesSampleRate: 1,
          integrations: [T.browserTracingIntegration({ idleTimeout: long, finalTimeout: long, childSpanTimeout: long })],
        });
      }
      return performance.now() - start;
    });
    const t1 = await taskSeconds(cdp);
    return { pageCpuMs: t0 * 1000, initCpuMs: (t1 - t0) * 1000, initWallMs };
  } finally {
    await context.close();
  }
}

/**
 * Start-up of every set-up (cold loads, alternating order) and of the CDN bundle by script tag against
 * the same page without it; the CDN figures go to `results.cdn.startup`. Returns the npm samples by set-up.
 */
async function measureAllStartup(browser, origin, setups, results) {
  log(`start-up: ${config.startupSamples} cold loads per set-up`);
  const startup = Object.fromEntries(setups.map((s) => [s.id, []]));
  for (let i = 0; i < config.startupSamples; i++) {
    const order = i % 2 === 0 ? setups : [...setups].reverse();
    for (const setup of order) startup[setup.id].push(await measureStartup(browser, origin, setup));
  }
  const cdnStartup = { with: [], without: [] };
  if (results.cdn && setups.some((s) => s.id === 'tracewire')) {
    for (let i = 0; i < config.startupSamples; i++) {
      for (const cdn of i % 2 === 0 ? [false, true] : [true, false]) {
        cdnStartup[cdn ? 'with' : 'without'].push(await measureCdnStartup(browser, origin, cdn));
      }
    }
    const over = (key) => median(cdnStartup.with.map((s) => s[key])) - median(cdnStartup.without.map((s) => s[key]));
    results.cdn.startup = {
      initMs: round(over('initCpuMs'), 3),
      loadMs: round(over('pageCpuMs'), 3),
      totalMs: round(over('initCpuMs') + over('pageCpuMs'), 3),
      initWallMs: round(median(cdnStartup.with.map((s) => s.initWallMs)), 3),
      samples: cdnStartup,
    };
  }
  return startup;
}

/**
 * One page: the pageload open with n spans in it, then `calls` stubbed `fetch(url)` requests one
 * after the other. Returns wall time
 * (performance.now) and the renderer main thread's CPU time for the calls (thread ticks, so other
 * processes on the machine do not inflate it), and with `deferred` the CPU time until
 * deferredWaitMs after they settled.
 */
async function measureRequests(session, origin, setup, n, calls, deferred) {
  const { page, cdp } = session;
  const shape = 'plain';
  await load(page, origin, setup.id, { stub: true, keepOpen: true });
  await page.evaluate(
    async ({ warmup, extra, shape }) => {
      const b = window.__bench;
      const call = window.__shapes[shape];
      for (let i = 0; i < warmup; i++) await b.inPageload(() => call(`/api/warmup?i=${i}`));
      b.openSpans(extra);
    },
    { warmup: config.warmupCalls, extra: n - config.warmupCalls, shape },
  );
  // Lets what the warm-up set off (span ends on timers, a batch export) finish first.
  await page.waitForTimeout(350);
  const before = await taskSeconds(cdp);
  const result = await page.evaluate(
    async ({ count, shape }) => {
      const b = window.__bench;
      const call = window.__shapes[shape];
      const urls = [];
      for (let i = 0; i < count; i++) urls.push(`/api/item?i=${i}`);
      // One request at a time, each awaited: the SDK's work per call, from start to settle.
      const t0 = performance.now();
      for (let i = 0; i < count; i++) await b.inPageload(() => call(urls[i]));
      const t1 = performance.now();
      return { wallMs: t1 - t0, open: b.pageloadOpen(), isolated: window.crossOriginIsolated };
    },
    { count: calls, shape },
  );
  const settled = await taskSeconds(cdp);
  let cpuDeferredMs;
  if (deferred) {
    await page.waitForTimeout(config.deferredWaitMs);
    cpuDeferredMs = ((await taskSeconds(cdp)) - before) * 1000;
  }
  return { ...result, cpuMs: (settled - before) * 1000, cpuDeferredMs };
}

/**
 * The per-shape pages: tracewire's (and any other build's) with the default targets and with the
 * docs' ones, timing every shape; the peers' with their set-up's own targets (same-origin), timing
 * the headers-record shape.
 */
function shapeVariants(setups) {
  const variants = [];
  for (const setup of setups) {
    if (setup.id === 'baseline') continue;
    const ours = setup.id === 'tracewire' || setup.build;
    const shapes = ours ? SHAPES.map((s) => s.id).filter((id) => !onlyShapes || onlyShapes.includes(id)) : ['record'];
    if (!ours && onlyShapes && !onlyShapes.includes('record')) continue;
    // What fetch itself pays for the arguments tracewire passes it: this checkout's build, docs' targets.
    const fetchOwn = (docsTargets) => setup.id === 'tracewire' && docsTargets;
    for (const docsTargets of ours ? [false, true] : [false]) variants.push({ setup: setup.id, shapes, docsTargets, fetchOwn: fetchOwn(docsTargets) });
  }
  return variants.map((v) => ({ ...v, key: `${v.setup}/${v.docsTargets ? 'docs' : 'default'}` }));
}

/**
 * One per-shape page (README.md beside this file, "Per request shape"): the set-up's page with the
 * stubs and the no-SDK twins of the shapes. After a warm-up that leaves 100 spans in the open
 * pageload, rounds of short batches: for each shape, `batch` calls through the SDK and `batch`
 * through its no-SDK twin, one after the other (which goes first alternates), each timed with
 * performance.now(). The stubs settle on microtasks, so a batch runs start to end within one task
 * on the main thread: its time is main-thread time, plus whatever time the system gave other
 * processes meanwhile, which the low quantile over many short batches leaves out.
 * Returns µs per call, batch by batch.
 */
async function measureShapePage(session, origin, setup, { shapes, docsTargets, fetchOwn }) {
  const { page } = session;
  // XMLHttpRequest is stubbed only where the XHR shape is timed: a peer that sends over XHR would
  // otherwise fail to start on the peers' record-shape pages.
  await load(page, origin, setup.id, { stub: true, keepOpen: true, xhrStub: shapes.includes('xhr'), docsTargets, twins: true });
  return page.evaluate(
    async ({ shapes, rounds, batch, spans, fetchOwn }) => {
      const b = window.__bench;
      const direct = (fn) => fn();
      const run = {
        sdk: (shape, url) => b.inPageload(() => window.__shapes[shape](url)),
        none: (shape, url) => direct(() => window.__noSdkShapes[shape](url)),
      };
      // Warm-up: both sides of every shape, about as many SDK calls as the pageload's first 100 spans.
      const warmup = Math.max(1, Math.floor(spans / shapes.length));
      for (let i = 0; i < warmup; i++) {
        for (const shape of shapes) {
          await run.sdk(shape, `/api/warmup?i=${i}`);
          await run.none(shape, `/api/warmup?i=${i}`);
        }
      }
      b.openSpans(Math.max(0, spans - warmup * shapes.length));
      const urls = Array.from({ length: batch }, (_, i) => `/api/item?i=${i}`);
      const timed = async (side, shape) => {
        const call = run[side];
        const t0 = performance.now();
        for (let i = 0; i < batch; i++) await call(shape, urls[i]);
        return ((performance.now() - t0) * 1000) / batch;
      };
      const out = Object.fromEntries(shapes.map((shape) => [shape, { sdk: [], none: [] }]));
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 ? [...shapes].reverse() : shapes;
        for (const [i, shape] of order.entries()) {
          for (const side of (r + i) % 2 ? ['none', 'sdk'] : ['sdk', 'none']) out[shape][side].push(await timed(side, shape));
        }
      }
      // What fetch itself does first with its arguments, building a Request from them, timed for
      // the arguments the SDK passed it and for the caller's own: the extra headers cost fetch too.
      const own = {};
      for (const shape of fetchOwn ? shapes.filter((x) => x !== 'xhr') : []) {
        const args = {};
        for (const side of ['sdk', 'none']) {
          window.__captureFetch = (input, init) => (args[side] = [input, init]);
          await run[side](shape, urls[0]);
        }
        window.__captureFetch = undefined;
        const build = ([input, init]) => {
          const t0 = performance.now();
          for (let i = 0; i < 50; i++) new Request(input, init);
          return ((performance.now() - t0) * 1000) / 50;
        };
        own[shape] = [];
        for (let r = 0; r < rounds; r++) {
          const t = {};
          for (const side of r % 2 ? ['none', 'sdk'] : ['sdk', 'none']) t[side] = build(args[side]);
          own[shape].push(t.sdk - t.none);
        }
      }
      // The SDK side went through the SDK: its fetch is not the stub the twins call.
      const patched = window.fetch !== window.__stubFetch;
      return { out, own, open: b.pageloadOpen(), isolated: window.crossOriginIsolated, patched };
    },
    { shapes, rounds: config.shapeRounds, batch: config.shapeBatch, spans: config.warmupCalls, fetchOwn: Boolean(fetchOwn) },
  );
}

/** Per-shape cost per call over the no-SDK twin on the same page, for every variant, pages in alternating order. */
async function measureShapes(browser, origin, setups, startedAt) {
  const variants = shapeVariants(setups);
  const pairs = Object.fromEntries(variants.map((v) => [v.key, Object.fromEntries(v.shapes.map((s) => [s, { sdk: [], none: [] }]))]));
  const pageMedians = Object.fromEntries(variants.map((v) => [v.key, Object.fromEntries(v.shapes.map((s) => [s, []]))]));
  const fetchOwn = Object.fromEntries(variants.map((v) => [v.key, Object.fromEntries(v.shapes.map((s) => [s, []]))]));
  const byId = Object.fromEntries(setups.map((s) => [s.id, s]));
  const session = await newPage(browser);
  let notOpen = 0;
  let notIsolated = 0;
  try {
    for (let p = 0; p < config.shapePages; p++) {
      const order = p % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) {
        const { out, own, open, isolated, patched } = await measureShapePage(session, origin, byId[v.setup], v);
        for (const [shape, diffs] of Object.entries(own)) fetchOwn[v.key][shape].push(...diffs);
        if (!patched) throw new Error(`${v.setup}: fetch was not instrumented on its per-shape page`);
        if (!open) notOpen++;
        if (!isolated) notIsolated++;
        for (const shape of v.shapes) {
          const { sdk, none } = out[shape];
          pairs[v.key][shape].sdk.push(...sdk);
          pairs[v.key][shape].none.push(...none);
          pageMedians[v.key][shape].push(median(sdk.map((x, i) => x - none[i])));
        }
      }
      log(`  shapes page ${p + 1}/${config.shapePages} done (${Math.round((Date.now() - startedAt) / 1000)} s)`);
    }
  } finally {
    await session.context.close();
  }
  if (notOpen) log(`warning: the pageload had ended on ${notOpen} per-shape pages`);
  if (notIsolated) log(`warning: ${notIsolated} per-shape pages were not cross-origin isolated (coarse timer)`);
  // What a set-up adds: the median over all pairs of (SDK batch − its no-SDK twin), µs per call.
  // The no-SDK figure is the median of the twins' batches, pooled over every page.
  const rows = {};
  const noSdk = Object.fromEntries(SHAPES.map((s) => [s.id, []]));
  for (const v of variants) {
    for (const shape of v.shapes) {
      const { sdk, none } = pairs[v.key][shape];
      noSdk[shape].push(...none);
      const pages = pageMedians[v.key][shape];
      rows[`${v.setup}/${shape}/${v.docsTargets ? 'docs' : 'default'}`] = {
        setup: v.setup,
        shape,
        docsTargets: v.docsTargets,
        addedUs: round(median(sdk.map((x, i) => x - none[i])), 2),
        ...(fetchOwn[v.key][shape].length ? { fetchOwnUs: round(median(fetchOwn[v.key][shape]), 2) } : {}),
        pageMediansUs: pages.map((x) => round(x, 2)),
        pairs: sdk.length,
      };
    }
  }
  for (const shape of SHAPES) {
    if (noSdk[shape.id].length) {
      rows[`baseline/${shape.id}/default`] = { setup: 'baseline', shape: shape.id, addedUs: round(median(noSdk[shape.id]), 2) };
    }
  }
  return { raw: pairs, rows, pages: config.shapePages, rounds: config.shapeRounds, batch: config.shapeBatch, warnings: { notOpen, notIsolated } };
}

/** JS heap after navigations × requests with the real network, after a forced GC. */
async function measureMemory(browser, origin, setup) {
  const { context, page, cdp } = await newPage(browser);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  try {
    // Each SDK's default timeouts: what a user's SPA runs with.
    await load(page, origin, setup.id, { stub: false, keepOpen: false });
    await page.waitForTimeout(1000);
    const before = await heap();
    const started = Date.now();
    await page.evaluate(
      async ({ navigations, requests }) => {
        const channel = new MessageChannel();
        // Yields a task without the 4 ms clamp of nested timers.
        const yieldTask = () =>
          new Promise((resolve) => {
            channel.port1.onmessage = resolve;
            channel.port2.postMessage(0);
          });
        for (let i = 0; i < navigations; i++) {
          history.pushState({}, '', `/app/view-${i}`);
          const pending = [];
          for (let j = 0; j < requests; j++) pending.push(fetch(`/api/item?view=${i}&r=${j}`).then((r) => r.text()));
          await Promise.all(pending);
          await yieldTask();
        }
      },
      { navigations: config.navigations, requests: config.requestsPerNavigation },
    );
    const navMs = Date.now() - started;
    // Timers and batch senders (OpenTelemetry 300 ms, Elastic 500 ms) get time to run.
    await page.waitForTimeout(2000);
    const after = await heap();
    return { before, after, growth: after - before, navMs };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------

async function main() {
  const startedAt = Date.now();
  ensurePrerequisites();
  const only = option('setups')?.split(',');
  const setups = ALL_SETUPS.filter((s) => s.id === 'baseline' || !only || only.includes(s.id));
  // Other builds of tracewire (--builds=name:/checkout,…): per-shape figures only.
  const builds = (option('builds')?.split(',') ?? []).map((b) => {
    const [name, root] = [b.slice(0, b.indexOf(':')), b.slice(b.indexOf(':') + 1)];
    if (!name || !existsSync(path.join(root, 'dist', 'esm', 'index.js'))) throw new Error(`--builds: ${b}: no dist/esm/index.js there`);
    return { id: `tracewire@${name}`, label: `tracewire (${name})`, build: path.resolve(root), packages: [] };
  });
  if (builds.length && !shapesOnly) throw new Error('--builds goes with --shapes-only');
  setups.push(...builds);
  const esbuildModule = await importFrom('esbuild');
  const esbuild = esbuildModule.build ? esbuildModule : esbuildModule.default;
  const playwright = await importFrom('playwright-core');
  const chromium = playwright.chromium ?? playwright.default.chromium;

  log('bundling the set-ups (esbuild: one IIFE for the timed pages, split ESM for the size; minify, es2020, NODE_ENV=production)');
  const bundles = await bundleSetups(esbuild, setups);
  const server = await startServer(bundles);
  // The run stops by itself even if a browser call hangs.
  const guard = setTimeout(() => {
    log('time limit reached, stopping');
    process.exit(2);
  }, 45 * 60 * 1000);
  guard.unref();

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const results = { setups: {}, config, environment: {} };
  if (startupOnly) {
    try {
      results.cdn = cdnSize();
      const startup = await measureAllStartup(browser, server.origin, setups, results);
      const med = (id, key) => median(startup[id].map((x) => x[key]));
      const lines = ['| set-up | init ms over no SDK | load ms over no SDK | init call, wall ms |', '|---|---:|---:|---:|'];
      for (const setup of setups.filter((x) => x.id !== 'baseline')) {
        const over = (key) => round(med(setup.id, key) - med('baseline', key), 3);
        lines.push(`| ${setup.label} (npm build) | ${over('initCpuMs')} | ${over('loadCpuMs')} | ${round(med(setup.id, 'initWallMs'), 3)} |`);
      }
      const cdn = results.cdn?.startup;
      if (cdn) lines.push(`| tracewire CDN bundle by script tag | ${cdn.initMs} | ${cdn.loadMs} | ${cdn.initWallMs} |`);
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await browser.close();
      await server.close();
    }
    return;
  }
  if (shapesOnly) {
    try {
      log(`per-shape request cost: ${config.shapePages} pages per variant`);
      const shapes = await measureShapes(browser, server.origin, setups, startedAt);
      const labels = Object.fromEntries(setups.map((s) => [s.id, s.label]));
      process.stdout.write(`${renderShapes({ shapes, labels }).markdown}\n`);
      if (option('shapes-json')) writeFileSync(option('shapes-json'), `${JSON.stringify(shapes, null, 2)}\n`);
    } finally {
      await browser.close();
      await server.close();
    }
    return;
  }
  try {
    results.environment = {
      chromium: browser.version(),
      node: process.version,
      esbuild: esbuild.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      date: new Date().toISOString(),
    };
    for (const setup of setups) {
      results.setups[setup.id] = {
        label: setup.label,
        versions: Object.fromEntries(setup.packages.map((p) => [p, packageVersion(p)])),
        // The no-SDK page's harness has no chunks: its one file. The others: what the ESM job check loaded.
        size: esmSize(bundles[setup.id], new Set(bundles[setup.id].esm.files.keys())),
        iifeSize: { minBytes: bundles[setup.id].minBytes, gzipBytes: bundles[setup.id].gzipBytes },
      };
    }
    results.cdn = cdnSize();

    log('checking that every set-up does the job (real network), as the timed IIFE and as split ESM');
    for (const setup of setups.filter((s) => s.id !== 'baseline')) {
      const iife = await validate(browser, server, setup);
      const esm = await validate(browser, server, setup, { esm: true });
      results.setups[setup.id].size = esmSize(bundles[setup.id], esm.loaded);
      delete esm.loaded;
      delete iife.loaded;
      results.setups[setup.id].validation = { ok: iife.ok && esm.ok, iife, esm };
      log(`  ${setup.id}: ${iife.ok ? 'ok' : 'FAILED'} ${JSON.stringify(iife.checks)}`);
      log(`  ${setup.id} (split ESM): ${esm.ok ? 'ok' : 'FAILED'} ${JSON.stringify(esm.checks)}`);
      const files = results.setups[setup.id].size.files;
      log(`  ${setup.id} size: ${files.map((f) => `${f.file} ${f.gzipBytes} B gzip${f.loaded ? '' : ' (not loaded)'}`).join(', ')}`);
    }

    const startup = await measureAllStartup(browser, server.origin, setups, results);

    log(`per-request cost: ${config.rounds} rounds × ${config.pagesPerRound} pages × ${config.callsPerPage} calls`);
    const samples = {};
    for (const setup of setups) samples[setup.id] = Object.fromEntries(config.spanCounts.map((n) => [n, []]));
    const session = await newPage(browser);
    await session.cdp.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() =>
      session.cdp.send('Performance.enable'),
    );
    let notOpen = 0;
    let notIsolated = 0;
    try {
      // One discarded page per set-up first, so the first measured pages are not the coldest.
      for (const setup of setups) await measureRequests(session, server.origin, setup, 100, config.callsPerPage, false);
      for (let r = 0; r < config.rounds; r++) {
        const order = r % 2 === 0 ? setups : [...setups].reverse();
        for (let p = 0; p < config.pagesPerRound; p++) {
          for (const n of config.spanCounts) {
            for (const setup of order) {
              // Deferred work is read at the lower span count only: the wait for it is the slow part.
              const deferred = n === config.spanCounts[0];
              const sample = await measureRequests(session, server.origin, setup, n, config.callsPerPage, deferred);
              if (!sample.open) notOpen++;
              if (!sample.isolated) notIsolated++;
              samples[setup.id][n].push({ round: r, ...sample });
            }
          }
        }
        log(`  round ${r + 1}/${config.rounds} done (${Math.round((Date.now() - startedAt) / 1000)} s)`);
      }
    } finally {
      await session.context.close();
    }
    if (notOpen) log(`warning: the pageload was not open after ${notOpen} timed batches`);
    if (notIsolated) log(`warning: ${notIsolated} pages were not cross-origin isolated (coarse timer)`);

    log(`per-shape request cost: ${config.shapePages} pages per variant`);
    // Batch by batch figures stay out of results.json (--shapes-only --shapes-json writes them).
    results.shapes = await measureShapes(browser, server.origin, setups, startedAt);
    delete results.shapes.raw;

    log(`memory: ${config.navigations} navigations × ${config.requestsPerNavigation} requests per set-up`);
    const memory = {};
    for (const setup of setups) {
      memory[setup.id] = await measureMemory(browser, server.origin, setup);
      log(`  ${setup.id}: ${(memory[setup.id].growth / 1024).toFixed(0)} KiB in ${memory[setup.id].navMs} ms`);
    }

    summarise(results, setups, samples, startup, memory, { notOpen, notIsolated });
  } finally {
    await browser.close();
    await server.close();
  }
  results.environment.durationS = Math.round((Date.now() - startedAt) / 1000);

  const { markdown, targets } = renderReport(results);
  results.targets = targets;
  writeFileSync(path.join(benchDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(benchDir, 'chart.svg'), renderChart(results));
  if (!flag('no-readme')) updateReadme(path.join(benchDir, 'README.md'), markdown);
  process.stdout.write(`${markdown}\n`);
  const failed = Object.values(results.setups).filter((s) => s.validation && !s.validation.ok);
  if (failed.length) {
    log(`set-ups that did not do the job: ${failed.map((s) => s.label).join(', ')}`);
    process.exitCode = 1;
  }
}

/** Turns raw samples into per-set-up medians, each against the baseline of the same run. */
function summarise(results, setups, samples, startup, memory, warnings) {
  // µs per call for each round: the median of that round's pages among `pages`.
  const roundMedians = (pages, key) => {
    const byRound = new Map();
    for (const s of pages) {
      if (typeof s[key] !== 'number') continue;
      if (!byRound.has(s.round)) byRound.set(s.round, []);
      byRound.get(s.round).push((s[key] * 1000) / config.callsPerPage);
    }
    return [...byRound.values()].map(median);
  };
  const perCall = (id, n, key) => roundMedians(samples[id][n], key);
  // The no-SDK page does the same whatever the span count (it has no spans), so each round's
  // baseline pools its pages of both counts: twice the samples, and the 100 and 1000 figures are
  // measured against the same baseline, so the growth ratio shows the SDK, not baseline noise.
  const baselineRounds = (key) => roundMedians(config.spanCounts.flatMap((n) => samples.baseline[n]), key);
  // What the SDK adds, round by round against the no-SDK pages of the same round.
  const added = (id, n, key) => {
    const base = baselineRounds(key);
    return round(median(perCall(id, n, key).map((v, i) => v - base[i])), 2);
  };
  const [low, high] = config.spanCounts;
  results.baseline = {
    cpuUsPerCall: round(median(perCall('baseline', low, 'cpuMs')), 2),
    cpuDeferredUsPerCall: round(median(perCall('baseline', low, 'cpuDeferredMs')), 2),
    wallUsPerCall: round(median(perCall('baseline', low, 'wallMs')), 2),
  };
  for (const setup of setups) {
    const entry = results.setups[setup.id];
    entry.requests = {
      cpu: Object.fromEntries(config.spanCounts.map((n) => [n, added(setup.id, n, 'cpuMs')])),
      wall: Object.fromEntries(config.spanCounts.map((n) => [n, added(setup.id, n, 'wallMs')])),
      cpuDeferred: added(setup.id, low, 'cpuDeferredMs'),
      perRound: Object.fromEntries(
        ['cpuMs', 'wallMs'].map((key) => [
          key,
          Object.fromEntries(config.spanCounts.map((n) => [n, perCall(setup.id, n, key).map((v) => round(v, 2))])),
        ]),
      ),
    };
    const at = entry.requests.cpu;
    entry.growthRatio = at[low] > 0 ? round(at[high] / at[low], 2) : null;
    // The no-SDK page's figures are the cost of the measuring itself; subtracted.
    const cold = startup[setup.id];
    const base = startup.baseline;
    const own = (key) => median(cold.map((s) => s[key]));
    const over = (key) => (setup.id === 'baseline' ? own(key) : own(key) - median(base.map((s) => s[key])));
    entry.startup = {
      initMs: round(over('initCpuMs'), 3),
      loadMs: round(over('loadCpuMs'), 3),
      totalMs: round(over('initCpuMs') + over('loadCpuMs'), 3),
      initWallMs: round(own('initWallMs'), 3),
      loadWallMs: round(own('loadWallMs'), 3),
      instrumented: cold.every((s) => s.instrumented),
      samples: cold.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v, 3)]))),
    };
    entry.memory = {
      ...memory[setup.id],
      growthVsBaseline: memory[setup.id].growth - memory.baseline.growth,
      heapVsBaseline: memory[setup.id].after - memory.baseline.after,
    };
  }
  results.warnings = warnings;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

function updateReadme(file, markdown) {
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) {
    log(`${path.relative(rootDir, file)} has no results markers; left as it is`);
    return;
  }
  writeFileSync(file, `${text.slice(0, from + START.length)}\n${markdown}\n${text.slice(to)}`);
  log(`updated ${path.relative(rootDir, file)}`);
}

main().catch((err) => {
  log(err.stack ?? String(err));
  process.exit(1);
});
