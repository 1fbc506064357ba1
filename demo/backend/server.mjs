// The web backend: serves the shop's single-page app and the plain CDN page, each rendered
// with the trace meta tags of its own request span, and answers /api/* by calling the
// inventory service.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Sentry from '@sentry/node';
import { HOST, readJson, sendJson, serveUntilStopped } from '../lib/http.mjs';
import { renderPage } from './render.mjs';

const demoDir = fileURLToPath(new URL('..', import.meta.url));
const appDir = join(demoDir, 'app', 'dist');
const staticDir = join(demoDir, 'static');
const cdnDir = resolve(demoDir, '..', 'dist', 'cdn');
const inventoryUrl = process.env.DEMO_INVENTORY_URL ?? 'http://127.0.0.1:3001';
const port = Number(process.env.DEMO_PORT ?? 3000);
const spotlightUrl = process.env.DEMO_SPOTLIGHT_URL ?? 'http://127.0.0.1:8969/stream';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** Routes as [method, pattern, handler]; the pattern also names the server transaction. */
const routes = [
  ['GET', '/api/products', () => callInventory('GET', '/products')],
  ['GET', '/api/products/:id', ({ id }) => callInventory('GET', `/products/${encodeURIComponent(id)}`)],
  ['POST', '/api/checkout', (_params, req) => checkout(req)],
  ['GET', '/plain.html', () => page(join(staticDir, 'plain.html'))],
  ['GET', '/plain.js', () => file(join(staticDir, 'plain.js'))],
  ['GET', '/plain.css', () => file(join(staticDir, 'plain.css'))],
  ['GET', '/favicon.svg', () => file(join(staticDir, 'favicon.svg'))],
  ['GET', '/cdn/:file', ({ file: name }) => file(join(cdnDir, name), cdnDir)],
  ['GET', '/assets/:file', ({ file: name }) => file(join(appDir, 'assets', name), join(appDir, 'assets'))],
  // The SPA's own routes: each document load gets the app shell with fresh meta tags.
  ['GET', '/', () => page(join(appDir, 'index.html'))],
  ['GET', '/products', () => page(join(appDir, 'index.html'))],
  ['GET', '/products/:id', () => page(join(appDir, 'index.html'))],
  ['GET', '/checkout', () => page(join(appDir, 'index.html'))],
];

const server = createServer(async (req, res) => {
  try {
    const { pathname } = new URL(req.url, `http://${HOST}`);
    const found = matchRoute(req.method, pathname);
    if (!found) return sendJson(res, 404, { error: 'not found' });
    const [pattern, handler, params] = found;
    nameServerSpan(req.method, pattern);
    const { status, headers, body } = await handler(params, req);
    res.writeHead(status, { ...securityHeaders(), ...headers });
    res.end(body);
  } catch (error) {
    Sentry.captureException(error);
    if (!res.headersSent) sendJson(res, 500, { error: 'backend failed' });
  }
});

/** Names the request's server transaction after the route, not the concrete URL, as frameworks do. */
function nameServerSpan(method, pattern) {
  const active = Sentry.getActiveSpan();
  if (!active) return;
  const root = Sentry.getRootSpan(active);
  root.updateName(`${method} ${pattern}`);
  root.setAttribute('http.route', pattern);
}

function matchRoute(method, pathname) {
  for (const [routeMethod, pattern, handler] of routes) {
    if (routeMethod !== method) continue;
    const names = [];
    const source = pattern.replace(/:(\w+)/g, (_, name) => (names.push(name), '([^/]+)'));
    const match = new RegExp(`^${source}$`).exec(pathname);
    if (match) {
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
      return [pattern, handler, params];
    }
  }
  return undefined;
}

/** Calls the inventory service; @sentry/node adds the http.client span and the trace headers. */
async function callInventory(method, path, payload) {
  const response = await fetch(new URL(path, inventoryUrl), {
    method,
    headers: payload ? { 'Content-Type': 'application/json' } : {},
    body: payload ? JSON.stringify(payload) : undefined,
  });
  return json(response.status, await response.json());
}

async function checkout(req) {
  const { items } = await readJson(req);
  const reserved = await callInventory('POST', '/reservations', { items });
  if (reserved.status !== 201) return reserved;
  const { reservation, total } = JSON.parse(reserved.body);
  return json(201, { order: reservation.replace(/^R-/, 'order-'), total });
}

async function page(path) {
  const html = await readFile(path, 'utf8');
  return {
    status: 200,
    // The meta tags belong to this one response: never serve them from a cache.
    headers: { 'Content-Type': CONTENT_TYPES['.html'], 'Cache-Control': 'no-store' },
    body: renderPage(html, { spotlightUrl }),
  };
}

async function file(path, root = staticDir) {
  const full = normalize(path);
  // Route parameters are decoded, so "..%2F" could climb out of the folder.
  if (!full.startsWith(normalize(root) + sep)) return json(404, { error: 'not found' });
  try {
    return { status: 200, headers: { 'Content-Type': CONTENT_TYPES[extname(full)] ?? 'application/octet-stream' }, body: await readFile(full) };
  } catch (error) {
    if (error.code === 'ENOENT') return json(404, { error: `${full} does not exist` });
    throw error;
  }
}

function json(status, value) {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

/**
 * Pages run under a strict Content-Security-Policy: scripts only from this origin (so neither
 * the SDK nor the app may need eval or inline script), and envelopes only to the sidecar.
 */
function securityHeaders() {
  const sidecar = new URL(spotlightUrl).origin;
  return {
    'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${sidecar}`,
    'X-Content-Type-Options': 'nosniff',
  };
}

serveUntilStopped(server, { name: 'web-backend', port });
