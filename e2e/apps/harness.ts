// Builds the router test apps from this repository with esbuild (in memory, nothing fetched or
// written) and serves them from the recording server under every path the tests visit.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { build, type Plugin } from 'esbuild';
import { dsnFor, expect } from '../fixtures';
import type { RecordingServer } from '../server';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(repoRoot, 'dist');

// The built entries, as an app installing the package would get them. The hooks import 'tracewire'
// too, so the app and the hook share one module instance (one client).
const builtEntries: Record<string, string> = {
  tracewire: join(dist, 'esm', 'index.js'),
  'tracewire/vue': join(dist, 'vue', 'index.js'),
  'tracewire/react': join(dist, 'react', 'index.js'),
};

const tracewireFromDist: Plugin = {
  name: 'tracewire-from-dist',
  setup(b) {
    b.onResolve({ filter: /^tracewire(\/(vue|react))?$/ }, (args) => {
      const path = builtEntries[args.path]!;
      if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
      return { path };
    });
  },
};

/**
 * Bundles `entry` (relative to e2e/apps) into one classic script. `alias` picks the framework
 * version, e.g. `{ 'vue-router': 'vue-router-4' }` (the dev dependency aliases of package.json).
 */
export async function bundleApp(entry: string, alias: Record<string, string> = {}): Promise<string> {
  const result = await build({
    entryPoints: [join(repoRoot, 'e2e', 'apps', entry)],
    absWorkingDir: repoRoot,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    alias,
    plugins: [tracewireFromDist],
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** What the apps read from `window.APP` before they start. */
export interface AppConfig {
  dsn: string;
  idleTimeout?: number;
  [key: string]: unknown;
}

/**
 * Serves `script` at `/assets/{name}.js` and the app's HTML at each of `paths` (history-mode
 * routes need the HTML under every URL a test loads).
 */
export function serveApp(server: RecordingServer, name: string, script: string, config: AppConfig, paths: string[]): void {
  const src = `/assets/${name}.js`;
  server.page(src, script, { 'content-type': 'text/javascript; charset=utf-8' });
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${name}</title></head>
<body><div id="app"></div>
<script>window.APP = ${JSON.stringify(config).replace(/</g, '\\u003c')};</script>
<script src="${src}"></script></body></html>`;
  for (const path of paths) server.page(path, html);
}

/** The transaction events received so far, in order of arrival. */
export function transactions(server: RecordingServer): any[] {
  return server.envelopes().flatMap((env) => env.items.filter((it) => it.header.type === 'transaction').map((it) => it.payload));
}

/** `op name (source)` of each transaction received so far: what the router tests compare. */
export function summary(server: RecordingServer): string[] {
  return transactions(server).map((t) => `${t.contexts?.trace?.op} ${t.transaction} (${t.transaction_info?.source})`);
}

/** Waits until `count` transactions have arrived and returns the last of them. */
export async function waitForTransactions(server: RecordingServer, count: number, timeoutMs = 10_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  while (transactions(server).length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} transactions within ${timeoutMs} ms, got: ${JSON.stringify(summary(server))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return transactions(server)[count - 1];
}

/**
 * What opens app `name` at a path: serves it (reporting to `server`'s DSN unless `config` says
 * otherwise) and loads the page. `script` is read at each call, as suites bundle it in beforeAll.
 */
export function appOpener(name: string, script: () => string, paths: string[]) {
  return async (page: Page, server: RecordingServer, path: string, config: Record<string, unknown> = {}): Promise<void> => {
    serveApp(server, name, script(), { dsn: dsnFor(server), ...config }, paths);
    await page.goto(`${server.url}${path}`);
  };
}

/** The element every test app renders its current view into. */
export const view = (page: Page): Locator => page.locator('#view');

/** Clicks the app's link to `to` (the apps name their links `link-users-2` for `/users/2`). */
export const click = (page: Page, to: string): Promise<void> => page.click(`#link${to.replace(/\//g, '-')}`);

/**
 * The one request a route's data loading made to `/api/delay` with `query` (say `{ load: 'user-2' }`),
 * checked to belong to transaction `tx`: its span is an http.client child, and its headers carry the
 * transaction's trace and name.
 */
export function expectDataRequestIn(server: RecordingServer, tx: any, query: Record<string, string>): void {
  const [key, value] = Object.entries(query)[0]!;
  const requests = server.requests((r) => r.path === '/api/delay' && r.query[key] === value);
  expect(requests, `one request for ${key}=${value}`).toHaveLength(1);
  const [traceId, spanId] = requests[0]!.headers['sentry-trace']!.split('-');
  expect(traceId).toBe(tx.contexts.trace.trace_id);
  const span = tx.spans.find((s: any) => s.span_id === spanId);
  expect(span?.op).toBe('http.client');
  expect(span?.description).toBe(`GET ${server.url}/api/delay`);
  expect(requests[0]!.headers.baggage).toContain(`sentry-transaction=${encodeURIComponent(tx.transaction)}`);
}
