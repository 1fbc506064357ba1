// A recording OTLP/HTTP collector on loopback for the OTLP specs. It answers CORS the way the
// OpenTelemetry Collector's HTTP receiver does with `cors.allowed_origins` set: a preflight from an
// allowed origin gets 204 with that origin, POST, and the requested headers that are allowed (the
// receiver's defaults plus `cors.allowed_headers`); other origins get no CORS headers at all.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpPost {
  headers: Record<string, string>;
  body: any;
  /** The status answered. */
  status: number;
  time: number;
}

export interface OtlpReply {
  status: number;
  headers?: Record<string, string>;
}

export interface OtlpCollector {
  /** `http://127.0.0.1:{port}/v1/traces` */
  readonly url: string;
  readonly port: number;
  /** Every POST to /v1/traces, whatever was answered. */
  posts(): OtlpPost[];
  /** The spans of the posts answered 200, each with its resource's `service.name`. */
  spans(): any[];
  preflights(): Record<string, string>[];
  /** How the next posts are answered (default 200 `{}`); a function sees each post. */
  respond(reply: OtlpReply | ((post: OtlpPost) => OtlpReply | undefined) | null): void;
  /** Stops listening (connections refused) until `start()`; the port is kept. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const attr = (kvs: any[] | undefined, key: string): any => {
  const v = kvs?.find((kv) => kv.key === key)?.value;
  return v && (v.stringValue ?? v.intValue ?? v.doubleValue ?? v.boolValue);
};
export { attr as otlpAttr };

// The receiver's defaults (rs/cors) plus what the specs configure as `cors.allowed_headers`.
const ALLOWED_HEADERS = ['accept', 'content-type', 'x-requested-with', 'x-api-key'];

/**
 * `exposeRetryAfter`: also send `Access-Control-Expose-Headers: Retry-After`, as a proxy in front of
 * the Collector can; the Collector itself does not, so a cross-origin page cannot read the header.
 */
export async function startCollector(allowedOrigins: string[], { exposeRetryAfter = false } = {}): Promise<OtlpCollector> {
  const posts: OtlpPost[] = [];
  const preflights: Record<string, string>[] = [];
  let responder: (post: OtlpPost) => OtlpReply | undefined = () => undefined;

  const handle = (msg: IncomingMessage, res: ServerResponse): void => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(msg.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const chunks: Buffer[] = [];
    msg.on('data', (c: Buffer) => chunks.push(c));
    msg.on('end', () => {
      const origin = headers.origin;
      const allowed = origin !== undefined && (allowedOrigins.includes(origin) || allowedOrigins.includes('*'));
      if (allowed) {
        res.setHeader('access-control-allow-origin', origin!);
        res.setHeader('vary', 'Origin');
        if (exposeRetryAfter) res.setHeader('access-control-expose-headers', 'Retry-After');
      }
      if (msg.method === 'OPTIONS') {
        preflights.push(headers);
        const asked = (headers['access-control-request-headers'] ?? '')
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean);
        if (allowed && asked.every((h) => ALLOWED_HEADERS.includes(h))) {
          res.setHeader('access-control-allow-methods', 'POST');
          if (asked.length) res.setHeader('access-control-allow-headers', asked.join(', '));
          res.setHeader('access-control-max-age', '0'); // every send shows its own preflight
        }
        return void res.writeHead(204).end();
      }
      if (msg.url !== '/v1/traces' || msg.method !== 'POST') return void res.writeHead(404).end();
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":3,"message":"bad JSON"}');
      }
      const post: OtlpPost = { headers, body, status: 200, time: Date.now() };
      const reply = responder(post) ?? { status: 200 };
      post.status = reply.status;
      posts.push(post);
      res
        .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
        .end(reply.status === 200 ? '{"partialSuccess":{}}' : '{}');
    });
  };

  let server: Server = createServer(handle);
  const listen = (port: number): Promise<number> =>
    new Promise((ok, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => ok((server.address() as AddressInfo).port));
      server.unref();
    });
  const stopServer = (): Promise<void> =>
    new Promise((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    });
  const port = await listen(0);

  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    port,
    posts: () => posts,
    spans: () =>
      posts
        .filter((p) => p.status === 200)
        .flatMap((p) =>
          (p.body.resourceSpans ?? []).flatMap((rs: any) =>
            (rs.scopeSpans ?? []).flatMap((ss: any) =>
              (ss.spans ?? []).map((s: any) => ({ ...s, service: attr(rs.resource?.attributes, 'service.name') })),
            ),
          ),
        ),
    preflights: () => preflights,
    respond: (r) => {
      responder = typeof r === 'function' ? r : () => r ?? undefined;
    },
    stop: stopServer,
    start: async () => {
      server = createServer(handle);
      await listen(port);
    },
    close: stopServer,
  };
}
