// Extra routes of the recording server for the reliability specs (all under /api/rel/):
// redirects, cookies, custom and repeated response headers, chunked streams, binary bodies and a
// raw echo of the request body's bytes.
import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from '../../server';

type Send = (req: RecordedRequest, res: ServerResponse, status: number, body: string | Buffer, headers?: Record<string, string>) => void;
type Later = (ms: number, fn: () => void) => void;

const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

export function reliabilityRoute(req: RecordedRequest, res: ServerResponse, send: Send, later: Later, raw: Buffer = Buffer.alloc(0)): void {
  const q = req.query;
  switch (req.path) {
    case '/api/rel/redirect': // ?code=302&to=/path
      return send(req, res, Number(q.code ?? 302), '', { location: q.to ?? '/api/status?code=200' });
    case '/api/rel/cookie':
      return send(req, res, 200, 'cookie set', { 'set-cookie': `${q.name ?? 'rel'}=${q.value ?? '1'}; Path=/`, 'content-type': 'text/plain' });
    case '/api/rel/headers':
      res.setHeader('x-one', 'a');
      res.setHeader('x-many', ['b', 'c']);
      res.setHeader('cache-control', 'no-store');
      return send(req, res, 200, '{"ok":true}', { 'content-type': 'application/json; charset=utf-8' });
    case '/api/rel/bytes':
      return send(req, res, 200, bytes, { 'content-type': 'application/octet-stream' });
    case '/api/rel/echo-raw': // the request body's bytes, with its content type
      return send(req, res, 200, raw, {
        'content-type': req.headers['content-type'] ?? 'application/octet-stream',
        'x-method': req.method,
        'x-length': String(raw.length),
      });
    case '/api/rel/stream': { // ?chunks=N&ms=M: N chunks M ms apart, chunked encoding
      const n = Number(q.chunks ?? 3);
      const ms = Number(q.ms ?? 30);
      req.status = 200;
      res.writeHead(200, { 'content-type': 'text/plain' });
      let i = 0;
      const next = (): void => {
        if (res.destroyed) return;
        res.write(`chunk${i}\n`);
        if (++i < n) later(ms, next);
        else res.end();
      };
      return next();
    }
    case '/api/rel/page': // a tiny HTML page for navigation loops
      return send(req, res, 200, '<!doctype html><title>rel</title>', { 'content-type': 'text/html' });
    default:
      return send(req, res, 404, `not found: ${req.path}`);
  }
}
