// The inventory service: products and stock reservations, reached only by the web backend.
import { createServer } from 'node:http';
import * as Sentry from '@sentry/node';
import { catalog } from './catalog.mjs';
import { readJson, sendJson, serveUntilStopped } from '../lib/http.mjs';

let nextReservation = 1;

const server = createServer(async (req, res) => {
  try {
    const { pathname } = new URL(req.url, 'http://inventory');
    if (req.method === 'GET' && pathname === '/products') {
      return sendJson(res, 200, catalog.map(({ stock, ...product }) => ({ ...product, inStock: stock > 0 })));
    }
    const match = /^\/products\/(\d+)$/.exec(pathname);
    if (req.method === 'GET' && match) {
      const product = catalog.find((p) => p.id === Number(match[1]));
      return product ? sendJson(res, 200, product) : sendJson(res, 404, { error: 'no such product' });
    }
    if (req.method === 'POST' && pathname === '/reservations') {
      const { items } = await readJson(req);
      return sendJson(res, ...reserve(items));
    }
    sendJson(res, 404, { error: 'not found' });
  } catch (error) {
    Sentry.captureException(error);
    sendJson(res, 500, { error: 'inventory failed' });
  }
});

/** Takes the items out of stock, all or none; returns [status, body]. */
function reserve(items) {
  if (!Array.isArray(items) || items.length === 0) return [400, { error: 'nothing to reserve' }];
  // A child span of the request's server span, so the trace shows where the service spends its time.
  return Sentry.startSpan({ name: 'reserve stock', op: 'inventory.reserve', attributes: { 'items.count': items.length } }, () => {
    const lines = items.map(({ id, quantity }) => ({ product: catalog.find((p) => p.id === id), quantity }));
    const short = lines.filter(({ product, quantity }) => !product || !(quantity > 0) || product.stock < quantity);
    if (short.length > 0) return [409, { error: 'not enough stock', ids: short.map(({ product }) => product?.id ?? null) }];
    for (const { product, quantity } of lines) product.stock -= quantity;
    const id = `R-${nextReservation++}`;
    const total = lines.reduce((sum, { product, quantity }) => sum + product.price * quantity, 0);
    return [201, { reservation: id, total: Math.round(total * 100) / 100 }];
  });
}

serveUntilStopped(server, { name: 'inventory', port: Number(process.env.DEMO_INVENTORY_PORT ?? 3001) });
