import { HEX16 as hex16, HEX32 as hex32 } from '../test/wire';
import { dsnFor, envelopeEvent, expect, test } from './fixtures';

const isoDate = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

test('CDN bundle sends a manual idle span with its child as a docs/contract.md §4 envelope', async ({ page, server, pageProblems }) => {
  await page.goto(`${server.url}/pages/cdn-basic.html?dsn=${encodeURIComponent(dsnFor(server))}`);
  expect(await page.evaluate(() => typeof (window as any).Tracewire), 'the CDN bundle set window.Tracewire').toBe('object');
  const envelope = await server.waitForEnvelope((env) => envelopeEvent(env).transaction === 'manual-idle');
  await expect.poll(() => page.evaluate(() => (window as any).root.isRecording())).toBe(false);

  // Envelope header and item header.
  expect(envelope.header.event_id).toMatch(hex32);
  expect(envelope.header.sent_at).toMatch(isoDate);
  expect(Number.isNaN(Date.parse(envelope.header.sent_at))).toBe(false);
  expect(envelope.header.sdk?.name).toBe('tracewire');
  expect(envelope.items.map((item) => item.header.type)).toEqual(['transaction']);

  // The transaction event.
  const event = envelopeEvent(envelope);
  expect(event.type).toBe('transaction');
  expect(event.transaction).toBe('manual-idle');
  expect(typeof event.start_timestamp).toBe('number');
  expect(typeof event.timestamp).toBe('number');
  expect(event.start_timestamp).toBeLessThan(event.timestamp);
  // Seconds, not milliseconds: within a day of now.
  expect(Math.abs(event.timestamp - Date.now() / 1000)).toBeLessThan(86_400);

  const trace = event.contexts?.trace;
  expect(trace.trace_id).toMatch(hex32);
  expect(trace.span_id).toMatch(hex16);
  expect(trace.op).toBe('test');
  expect(trace.status).toBe('ok');
  expect(trace.data?.['sentry.idle_span_finish_reason']).toBe('idleTimeout');
  expect(envelope.header.trace?.trace_id).toBe(trace.trace_id);

  expect(event.spans).toHaveLength(1);
  const [child] = event.spans;
  expect(child.op).toBe('child.op');
  expect(child.span_id).toMatch(hex16);
  expect(child.parent_span_id).toBe(trace.span_id);
  expect(child.trace_id).toBe(trace.trace_id);
  expect(child.start_timestamp).toBeGreaterThanOrEqual(event.start_timestamp);
  // docs/contract.md §3 Idle: the end is trimmed to the end of the last child (1 ms tolerance for rounding).
  expect(Math.abs(event.timestamp - child.timestamp)).toBeLessThan(0.001);

  expect(event.platform).toBe('javascript');
  expect(event.sdk?.name).toBe('tracewire');
  expect(event.environment).toBe('production');
  expect(event.request?.url).toBe(page.url());

  // The request that carried it: a simple (preflight-free) POST to the DSN's endpoint.
  const request = envelope.request;
  expect(request.method).toBe('POST');
  expect(request.path).toBe('/api/1/envelope/');
  expect(request.headers['content-type']).toBe('text/plain;charset=UTF-8');
  expect(request.query.sentry_key).toBe('public');
  expect(request.query.sentry_version).toBe('7');
  expect(request.query.sentry_client).toMatch(/^tracewire\/\d+\.\d+\.\d+/);

  expect(pageProblems).toEqual([]);
});
