import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeEnvelope, SDK_INFO } from '../src/core/envelope';
import { SDK_VERSION } from '../src/core/version';
import { HEX16, HEX32, makeClient, PAGE_URL, T0, useFakeClock } from './helpers';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

describe('transaction envelope (docs/contract.md §4)', () => {
  function sendOne(options = {}) {
    const h = makeClient({ release: 'shop@1.2.3', ...options });
    h.client.setTrace({ ...h.client.currentTrace(), sampleRand: 0.5 });
    const root = h.client.startSpan({ name: '/cart/:id', op: 'navigation', parentSpan: null, attributes: { 'app.tier': 'gold', 'sentry.origin': 'auto.navigation' } });
    root.updateName('/cart/:id', 'route');
    vi.advanceTimersByTime(10);
    const child = h.client.startSpan({ name: 'GET /api/cart', op: 'http.client', parentSpan: root, attributes: { 'http.method': 'GET', 'http.response.status_code': 200 } });
    vi.advanceTimersByTime(126);
    child.end(T0 + 135.5); // sub-millisecond times survive as float seconds
    const grand = h.client.startSpan({ name: 'parse', parentSpan: child, startTime: T0 + 20 });
    grand.setStatus('internal_error').end(T0 + 30);
    root._tx.measurements.lcp = { value: 321.5, unit: 'millisecond' };
    vi.advanceTimersByTime(4);
    root.end();
    expect(h.delivery.sent).toHaveLength(1);
    return { h, root, child, grand, text: h.delivery.sent[0]!, env: h.envelopes()[0]! };
  }

  it('is three newline-separated JSON documents', () => {
    const { text } = sendOne();
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    lines.forEach((l) => expect(() => JSON.parse(l)).not.toThrow());
    expect(JSON.parse(lines[1]!)).toEqual({ type: 'transaction' });
  });

  it('header: event_id, sent_at, sdk and the trace context', () => {
    const { env, root, h } = sendOne();
    expect(Object.keys(env.header).sort()).toEqual(['event_id', 'sdk', 'sent_at', 'trace']);
    expect(env.header.event_id).toMatch(HEX32);
    expect(env.header.event_id).toBe(env.event.event_id);
    expect(env.header.sent_at).toBe(new Date(T0 + 140).toISOString());
    expect(env.header.sdk).toEqual({ name: 'tracewire', version: SDK_VERSION });
    expect(env.header.trace).toEqual({
      trace_id: root.traceId,
      public_key: 'pub',
      sample_rate: '1',
      sampled: 'true',
      sample_rand: '0.500000',
      release: 'shop@1.2.3',
      environment: 'production',
      transaction: '/cart/:id',
    });
    expect(h.client.currentTrace().dsc).toEqual(env.header.trace);
  });

  it('event: the transaction and its trace context', () => {
    const { env, root } = sendOne();
    const ev = env.event;
    expect(ev).toMatchObject({
      type: 'transaction',
      transaction: '/cart/:id',
      transaction_info: { source: 'route' },
      platform: 'javascript',
      sdk: { name: 'tracewire', version: SDK_VERSION },
      release: 'shop@1.2.3',
      environment: 'production',
      request: { url: PAGE_URL },
      measurements: { lcp: { value: 321.5, unit: 'millisecond' } },
    });
    expect(ev.start_timestamp).toBe(T0 / 1000);
    expect(ev.timestamp).toBe((T0 + 140) / 1000);
    expect(ev.contexts.trace).toEqual({
      trace_id: root.traceId,
      span_id: root.spanId,
      op: 'navigation',
      status: 'ok',
      origin: 'auto.navigation',
      data: {
        'app.tier': 'gold',
        'sentry.origin': 'auto.navigation',
        'sentry.op': 'navigation',
        'sentry.source': 'route',
        'sentry.sample_rate': 1,
      },
    });
    expect(ev.contexts.trace.span_id).toMatch(HEX16);
    expect(ev.contexts.trace).not.toHaveProperty('parent_span_id');
  });

  it('event: spans with their parents, times in float seconds, status and origin', () => {
    const { env, root, child, grand } = sendOne();
    expect(env.event.spans).toEqual([
      {
        trace_id: root.traceId,
        span_id: child.spanId,
        parent_span_id: root.spanId,
        op: 'http.client',
        description: 'GET /api/cart',
        start_timestamp: (T0 + 10) / 1000,
        timestamp: (T0 + 135.5) / 1000,
        status: 'ok',
        origin: 'manual',
        data: { 'http.method': 'GET', 'http.response.status_code': 200, 'sentry.origin': 'manual', 'sentry.op': 'http.client' },
      },
      {
        trace_id: root.traceId,
        span_id: grand.spanId,
        parent_span_id: child.spanId,
        description: 'parse',
        start_timestamp: (T0 + 20) / 1000,
        timestamp: (T0 + 30) / 1000,
        status: 'internal_error',
        origin: 'manual',
        data: { 'sentry.origin': 'manual' },
      },
    ]);
  });

  it('leaves out release and measurements when there are none; environment defaults to production', () => {
    const h = makeClient({ environment: undefined });
    h.client.startSpan({ name: 'x', parentSpan: null }).end();
    const { event, header } = h.envelopes()[0]!;
    expect(event).not.toHaveProperty('release');
    expect(event).not.toHaveProperty('measurements');
    expect(event.environment).toBe('production');
    expect(header.trace).not.toHaveProperty('release');
    expect(event.transaction_info.source).toBe('custom');
  });

  it('uses the configured environment everywhere', () => {
    const h = makeClient({ environment: 'staging' });
    h.client.startSpan({ name: 'x', parentSpan: null }).end();
    expect(h.envelopes()[0]!.event.environment).toBe('staging');
    expect(h.envelopes()[0]!.header.trace.environment).toBe('staging');
  });

  it('a url-named transaction keeps its name out of the trace context', () => {
    const h = makeClient();
    const root = h.client.startSpan({ name: 'tmp', op: 'pageload', parentSpan: null });
    root.updateName('/users/123', 'url');
    root.end();
    const env = h.envelopes()[0]!;
    expect(env.event.transaction_info.source).toBe('url');
    expect(env.event.transaction).toBe('/users/123');
    expect(env.header.trace).not.toHaveProperty('transaction');
  });

  it('a continued trace carries parent_span_id', () => {
    const h = makeClient();
    h.client.setTrace({ ...h.client.currentTrace(), parentSpanId: 'a1b2c3d4e5f60718', sampled: true });
    h.client.startSpan({ name: 'x', parentSpan: null }).end();
    expect(h.envelopes()[0]!.event.contexts.trace.parent_span_id).toBe('a1b2c3d4e5f60718');
  });

  it('every transaction gets a fresh event_id', () => {
    const h = makeClient();
    h.client.startSpan({ name: 'a', parentSpan: null }).end();
    h.client.startSpan({ name: 'b', parentSpan: null }).end();
    const [a, b] = h.envelopes();
    expect(a!.event.event_id).not.toBe(b!.event.event_id);
  });
});

describe('serializeEnvelope', () => {
  it('escapes newlines inside values so the envelope keeps three lines', () => {
    const event = {
      type: 'transaction' as const,
      event_id: 'e'.repeat(32),
      transaction: 'line1\nline2',
      transaction_info: { source: 'custom' as const },
      start_timestamp: 1,
      timestamp: 2,
      contexts: { trace: { trace_id: 't', span_id: 's', status: 'ok', origin: 'manual', data: { note: 'a\r\nb' } } },
      spans: [],
      platform: 'javascript' as const,
      sdk: SDK_INFO,
      environment: 'production',
      request: { url: '' },
    };
    const text = serializeEnvelope(event, { trace_id: 't', transaction: 'x\ny' }, 0);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!).transaction).toBe('line1\nline2');
    expect(JSON.parse(lines[0]!)).toEqual({ event_id: 'e'.repeat(32), sent_at: '1970-01-01T00:00:00.000Z', sdk: SDK_INFO, trace: { trace_id: 't', transaction: 'x\ny' } });
  });
});
