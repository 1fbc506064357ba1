import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Envelope, parseEnvelope } from '../test/wire';
import { reliabilityRoute } from './pages/reliability/routes';
import { contentTypes, readStatic } from './staticFiles';

// docs/contract.md §2/§4 endpoints: /api/{projectId}/envelope/ for a DSN, /tunnel for the `tunnel` option.
const envelopePath = /^\/api\/[^/]+\/envelope\/?$|^\/tunnel$/;

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: string;
  /** Date.now() when the request arrived. */
  time: number;
  /** True when received on the cross-origin port. */
  cross: boolean;
  /** The status answered, once answered (absent while delayed or hanging). */
  status?: number;
}

export interface RecordedEnvelope extends Envelope {
  request: RecordedRequest;
}

/** How the envelope endpoint answers: defaults to 200 with `{"id": event_id}`, at once. */
export interface EnvelopeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  /** Never answer (the connection is dropped when the server closes). */
  hang?: boolean;
}

export type EnvelopeResponder = (envelope: RecordedEnvelope) => EnvelopeReply | undefined;

export interface RecordingServer {
  /** Origin of the main port, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly port: number;
  /** A second origin (another port) that answers the same routes with CORS headers. */
  readonly crossUrl: string;
  readonly crossPort: number;
  page(path: string, html: string, headers?: Record<string, string>): void;
  requests(filter?: (req: RecordedRequest) => boolean): RecordedRequest[];
  preflights(filter?: (req: RecordedRequest) => boolean): RecordedRequest[];
  envelopes(): RecordedEnvelope[];
  waitForEnvelope(predicate?: (env: RecordedEnvelope) => boolean, timeoutMs?: number): Promise<RecordedEnvelope>;
  respondEnvelope(responder: EnvelopeResponder | EnvelopeReply | null): void;
  clear(): void;
  close(): Promise<void>;
}

interface Waiter {
  predicate: (env: RecordedEnvelope) => boolean;
  resolve: (env: RecordedEnvelope) => void;
  reject: (err: Error) => void;
}

export async function startServer(): Promise<RecordingServer> {
  const log: RecordedRequest[] = [];
  // Parsed once on arrival; a parse error is kept so that reading it fails the test.
  const parsed = new Map<RecordedRequest, RecordedEnvelope | Error>();
  const pages = new Map<string, { html: string; headers: Record<string, string> }>();
  const waiters = new Set<Waiter>();
  const timers = new Set<NodeJS.Timeout>();
  let responder: EnvelopeResponder = () => undefined;
  const rawBodies = new WeakMap<RecordedRequest, Buffer>();

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
    t.unref();
    timers.add(t);
  };

  const matches = (w: Waiter, env: RecordedEnvelope): boolean => {
    try { return w.predicate(env); } catch { return false; } // e.g. envelopeEvent() on a non-transaction item
  };

  const onEnvelope = (req: RecordedRequest): RecordedEnvelope | Error => {
    let env: RecordedEnvelope | Error;
    try { env = { ...parseEnvelope(req.body), request: req }; } catch (err) { env = err as Error; }
    parsed.set(req, env);
    for (const w of [...waiters]) {
      if (env instanceof Error) w.reject(env);
      else if (matches(w, env)) w.resolve(env);
    }
    return env;
  };

  const send = (req: RecordedRequest, res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void => {
    if (res.destroyed) return; // the page went away while we were delaying
    req.status = status;
    res.writeHead(status, headers).end(body);
  };

  const route = async (req: RecordedRequest, res: ServerResponse): Promise<void> => {
    const json = { 'content-type': 'application/json' };
    if (req.method === 'OPTIONS') return send(req, res, 204, '');
    if (envelopePath.test(req.path) && req.method === 'POST') {
      const env = onEnvelope(req);
      const reply = (env instanceof Error ? { status: 400, body: env.message } : responder(env)) ?? {};
      if (reply.hang) return;
      const body = reply.body ?? JSON.stringify({ id: env instanceof Error ? null : env.header.event_id });
      return later(reply.delayMs ?? 0, () => send(req, res, reply.status ?? 200, body, { ...json, ...reply.headers }));
    }
    if (req.path.startsWith('/api/rel/')) return reliabilityRoute(req, res, send, later, rawBodies.get(req));
    if (req.path === '/api/echo') {
      return send(req, res, 200, JSON.stringify({ method: req.method, headers: req.headers, query: req.query, body: req.body }), json);
    }
    if (req.path === '/api/delay') {
      const ms = Number(req.query.ms ?? 0);
      return later(ms, () => send(req, res, 200, JSON.stringify({ ms }), json));
    }
    if (req.path === '/api/status') return send(req, res, Number(req.query.code ?? 200), `status ${req.query.code}`);
    if (req.path === '/favicon.ico') return send(req, res, 204, ''); // keeps 404 noise out of the console
    const page = pages.get(req.path);
    if (page) return send(req, res, 200, page.html, { 'content-type': contentTypes['.html']!, ...page.headers });
    const file = await readStatic(req.path);
    if (file) return send(req, res, file.status, file.body, { 'content-type': file.type });
    send(req, res, 404, `not found: ${req.path}`);
  };

  const handler = (cross: boolean) => (msg: IncomingMessage, res: ServerResponse): void => {
    const time = Date.now();
    const url = new URL(msg.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(msg.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const chunks: Buffer[] = [];
    msg.on('data', (c: Buffer) => chunks.push(c));
    msg.on('end', () => {
      const req: RecordedRequest = {
        method: msg.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams),
        headers, body: Buffer.concat(chunks).toString('utf8'), time, cross,
      };
      rawBodies.set(req, Buffer.concat(chunks));
      log.push(req);
      if (cross) {
        // The second port is another origin: allow what the SDK may add (docs/contract.md §3, Requests).
        res.setHeader('access-control-allow-origin', headers.origin ?? '*');
        res.setHeader('access-control-expose-headers', 'retry-after, x-sentry-rate-limits');
        res.setHeader('vary', 'Origin');
        if (req.method === 'OPTIONS') {
          res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
          res.setHeader('access-control-allow-headers', 'sentry-trace, baggage, traceparent, content-type');
          res.setHeader('access-control-max-age', '0'); // every cross-origin request shows its own preflight
        }
      }
      route(req, res).catch((err: Error) => send(req, res, 500, String(err?.stack ?? err)));
    });
  };

  const listen = (server: Server): Promise<number> => new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port));
    server.unref(); // never keeps the test process alive, even if a teardown is missed
  });
  const main = createServer(handler(false));
  const second = createServer(handler(true));
  const [port, crossPort] = await Promise.all([listen(main), listen(second)]);

  const envelopes = (): RecordedEnvelope[] => log.filter((r) => parsed.has(r)).map((r) => {
    const env = parsed.get(r)!;
    if (env instanceof Error) throw env;
    return env;
  });

  return {
    url: `http://127.0.0.1:${port}`, port,
    crossUrl: `http://127.0.0.1:${crossPort}`, crossPort,
    page: (path, html, headers = {}) => void pages.set(path, { html, headers }),
    requests: (filter = () => true) => log.filter(filter),
    preflights: (filter = () => true) =>
      log.filter((r) => r.method === 'OPTIONS' && 'access-control-request-method' in r.headers && filter(r)),
    envelopes,
    waitForEnvelope: (predicate = () => true, timeoutMs = 10_000) => new Promise((ok, fail) => {
      const w: Waiter = { predicate, resolve: ok, reject: fail };
      const found = envelopes().find((env) => matches(w, env));
      if (found) return ok(found);
      const t = setTimeout(() => {
        waiters.delete(w);
        const seen = envelopes().map((e) => e.items.map((it) => it.payload?.transaction ?? it.header.type).join('+'));
        fail(new Error(`no matching envelope within ${timeoutMs} ms; received: [${seen.join(', ')}]`));
      }, timeoutMs);
      t.unref();
      w.resolve = (env) => { clearTimeout(t); waiters.delete(w); ok(env); };
      w.reject = (err) => { clearTimeout(t); waiters.delete(w); fail(err); };
      waiters.add(w);
    }),
    respondEnvelope: (r) => { responder = typeof r === 'function' ? r : () => r ?? undefined; },
    clear: () => { log.length = 0; parsed.clear(); },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const w of [...waiters]) w.reject(new Error('server closed'));
      await Promise.all([main, second].map((s) => new Promise<void>((ok) => {
        s.closeAllConnections(); // also drops hanging envelope requests
        s.close(() => ok());
      })));
    },
  };
}
