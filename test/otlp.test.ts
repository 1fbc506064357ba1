import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secondsToNanos, toAttributes, toOtlpRequest, type OtlpKeyValue, type OtlpSpan } from '../src/core/otlp';
import type { TransactionEvent } from '../src/core/types';
import { SDK_VERSION } from '../src/core/version';
import { makeClient, T0, useFakeClock } from './helpers';
import { vi } from 'vitest';

const TID = '0af7651916cd43dd8448eb211c80319c';
const ROOT = 'b7ad6b7169203331';
const REMOTE = '00f067aa0ba902b7';
const CHILD = '1111111111111111';

function event(over: Partial<TransactionEvent> = {}): TransactionEvent {
  return {
    type: 'transaction',
    event_id: 'e'.repeat(32),
    transaction: '/shop/cart',
    transaction_info: { source: 'url' },
    start_timestamp: 1_700_000_000.123456,
    timestamp: 1_700_000_001.5,
    contexts: {
      trace: {
        trace_id: TID,
        span_id: ROOT,
        parent_span_id: REMOTE,
        op: 'pageload',
        status: 'ok',
        origin: 'auto.pageload.browser',
        data: { 'sentry.op': 'pageload', 'sentry.origin': 'auto.pageload.browser', 'sentry.source': 'url' },
      },
    },
    spans: [
      {
        trace_id: TID,
        span_id: CHILD,
        parent_span_id: ROOT,
        op: 'http.client',
        description: 'GET https://api.example:8443/items',
        start_timestamp: 1_700_000_000.2,
        timestamp: 1_700_000_000.3,
        status: 'not_found',
        origin: 'auto.http.browser.fetch',
        data: {
          'http.method': 'GET',
          url: 'https://api.example:8443/items',
          'http.query': '?page=2',
          'server.address': 'api.example',
          'http.response.status_code': 404,
          type: 'fetch',
          'sentry.origin': 'auto.http.browser.fetch',
        },
      },
    ],
    measurements: { lcp: { value: 1200, unit: 'millisecond' }, cls: { value: 0.05, unit: '' } },
    platform: 'javascript',
    sdk: { name: 'tracewire', version: SDK_VERSION },
    release: 'shop@1.4.2',
    environment: 'staging',
    request: { url: 'https://app.example/shop/cart?step=2' },
    ...over,
  };
}

const attrs = (kvs: OtlpKeyValue[]): Record<string, unknown> => Object.fromEntries(kvs.map((kv) => [kv.key, kv.value]));
const spansOf = (e: TransactionEvent, traceState?: string, remoteParent?: boolean): OtlpSpan[] =>
  toOtlpRequest({ event: e, traceState, remoteParent }, undefined).resourceSpans[0]!.scopeSpans[0]!.spans;

describe('OTLP mapping (docs/contract.md §5)', () => {
  it('resource: the given attributes, service.name defaulting to unknown_service, telemetry.sdk.*; scope tracewire', () => {
    const req = toOtlpRequest({ event: event() }, { 'service.name': 'shop-web', 'service.instance.id': 7 });
    const rs = req.resourceSpans[0]!;
    expect(attrs(rs.resource.attributes)).toEqual({
      'service.name': { stringValue: 'shop-web' },
      'service.instance.id': { intValue: 7 },
      'telemetry.sdk.name': { stringValue: 'tracewire' },
      'telemetry.sdk.language': { stringValue: 'webjs' },
      'telemetry.sdk.version': { stringValue: SDK_VERSION },
    });
    expect(rs.scopeSpans[0]!.scope).toEqual({ name: 'tracewire', version: SDK_VERSION });
    expect(attrs(toOtlpRequest({ event: event() }, undefined).resourceSpans[0]!.resource.attributes)['service.name']).toEqual({
      stringValue: 'unknown_service',
    });
    // The SDK's own keys cannot be overridden.
    const forged = toOtlpRequest({ event: event() }, { 'telemetry.sdk.name': 'x' }).resourceSpans[0]!.resource.attributes;
    expect(attrs(forged)['telemetry.sdk.name']).toEqual({ stringValue: 'tracewire' });
  });

  it('one span per recorded span, root first, with hex ids, parents and names', () => {
    const [root, child] = spansOf(event());
    expect(root).toMatchObject({ traceId: TID, spanId: ROOT, parentSpanId: REMOTE, name: '/shop/cart' });
    expect(child).toMatchObject({ traceId: TID, spanId: CHILD, parentSpanId: ROOT, name: 'GET https://api.example:8443/items' });
    const fresh = spansOf(event({ contexts: { trace: { ...event().contexts.trace, parent_span_id: undefined } } }))[0]!;
    expect(fresh).not.toHaveProperty('parentSpanId');
  });

  it('times are decimal-string nanoseconds, exact to the microsecond', () => {
    const [root, child] = spansOf(event());
    expect(root!.startTimeUnixNano).toBe('1700000000123456000');
    expect(root!.endTimeUnixNano).toBe('1700000001500000000');
    expect(child!.startTimeUnixNano).toBe('1700000000200000000');
    expect(secondsToNanos(0.5)).toBe('500000000');
    expect(secondsToNanos(NaN)).toBe('0');
    expect(secondsToNanos('x')).toBe('0');
    // Float seconds * 1e9 would give 1700000000123456000 ± garbage: no digit is invented here.
    for (const s of [1_700_000_000.000001, 1_733_512_345.999999, 1_700_000_000.1]) {
      const ns = secondsToNanos(s);
      expect(ns).toMatch(/^\d{19}$/);
      expect(ns.endsWith('000')).toBe(true);
      expect(Math.abs(Number(ns) / 1e9 - s)).toBeLessThan(1e-6);
    }
  });

  it('kind: CLIENT (3) for http.client, INTERNAL (1) otherwise', () => {
    const [root, child] = spansOf(event());
    expect(root!.kind).toBe(1);
    expect(child!.kind).toBe(3);
  });

  it('flags: sampled and 0x100 on every span; 0x200 on a root whose parent is remote', () => {
    const [root, child] = spansOf(event());
    expect(root!.flags).toBe(0x301);
    expect(child!.flags).toBe(0x101);
    const fresh = spansOf(event({ contexts: { trace: { ...event().contexts.trace, parent_span_id: undefined } } }))[0]!;
    expect(fresh.flags).toBe(0x101);
    // A forced transaction under a span of this page: its parent is local.
    expect(spansOf(event(), undefined, false)[0]!.flags).toBe(0x101);
  });

  it('status: unset {}, ok code 1, anything else code 2 with the status as message', () => {
    const e = event();
    e.contexts.trace.status = undefined as unknown as string;
    e.spans.push({ ...e.spans[0]!, span_id: '2222222222222222', status: 'ok' });
    const [root, notFound, ok] = spansOf(e);
    expect(root!.status).toEqual({});
    expect(ok!.status).toEqual({ code: 1 });
    expect(notFound!.status).toEqual({ code: 2, message: 'not_found' });
  });

  it('attributes: string, bool, int, double, arrays of them; nothing for objects, NaN, undefined or functions', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(
      attrs(
        toAttributes({
          s: 'x',
          b: false,
          i: 42,
          neg: -3,
          d: 1.5,
          big: 2 ** 60,
          nan: NaN,
          arr: ['a', 1, 2.5, true],
          nested: [[1]],
          obj: { a: 1 },
          long: { s: 'y'.repeat(5000) },
          cyclic,
          u: undefined,
          n: null,
          f: () => 1,
        }),
      ),
    ).toEqual({
      s: { stringValue: 'x' },
      b: { boolValue: false },
      i: { intValue: 42 },
      neg: { intValue: -3 },
      d: { doubleValue: 1.5 },
      big: { doubleValue: 2 ** 60 },
      arr: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: 1 }, { doubleValue: 2.5 }, { boolValue: true }] } },
      nested: { arrayValue: { values: [] } },
    });
    // Whatever is left out, the body stays serialisable.
    expect(() => JSON.stringify(toAttributes({ cyclic, big: 10n }))).not.toThrow();
  });

  it('root: its data, sentry.op/origin/source, measurements as doubles, service.version, deployment.environment.name, url.full', () => {
    const root = attrs(spansOf(event())[0]!.attributes);
    expect(root).toMatchObject({
      'sentry.op': { stringValue: 'pageload' },
      'sentry.origin': { stringValue: 'auto.pageload.browser' },
      'sentry.source': { stringValue: 'url' },
      'browser.web_vital.lcp.value': { doubleValue: 1200 },
      'browser.web_vital.cls.value': { doubleValue: 0.05 },
      'service.version': { stringValue: 'shop@1.4.2' },
      'deployment.environment.name': { stringValue: 'staging' },
      'url.full': { stringValue: 'https://app.example/shop/cart?step=2' },
    });
    // A whole measurement serialises as a double too: one vital, one type.
    expect(JSON.parse(JSON.stringify(root['browser.web_vital.lcp.value']))).toEqual({ doubleValue: 1200 });
    const bare = attrs(spansOf(event({ release: undefined, measurements: undefined }))[0]!.attributes);
    expect(bare).not.toHaveProperty('service.version');
    expect(Object.keys(bare).some((k) => k.startsWith('browser.web_vital.'))).toBe(false);
  });

  it('http.client: the OTel HTTP semantic conventions beside the existing keys', () => {
    const child = attrs(spansOf(event())[1]!.attributes);
    expect(child).toMatchObject({
      'http.method': { stringValue: 'GET' },
      url: { stringValue: 'https://api.example:8443/items' },
      'http.request.method': { stringValue: 'GET' },
      'url.full': { stringValue: 'https://api.example:8443/items?page=2' },
      'server.address': { stringValue: 'api.example' },
      'server.port': { intValue: 8443 },
      'http.response.status_code': { intValue: 404 },
      'sentry.op': { stringValue: 'http.client' },
      'sentry.origin': { stringValue: 'auto.http.browser.fetch' },
    });
    const e = event();
    e.spans[0]!.data = { 'http.method': 'POST', url: 'https://api.example/x', 'url.full': 'https://api.example/x?q=1' };
    const noPort = attrs(spansOf(e)[1]!.attributes);
    expect(noPort['url.full']).toEqual({ stringValue: 'https://api.example/x?q=1' });
    expect(noPort).not.toHaveProperty('server.port');
  });

  it('links from contexts.trace.links, each with the linked span W3C flags and its attributes', () => {
    const e = event();
    (e.contexts.trace as unknown as Record<string, unknown>).links = [
      { trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16), sampled: true, attributes: { 'sentry.link.type': 'previous_trace' } },
      { trace_id: 'c'.repeat(32), span_id: 'd'.repeat(16), sampled: false },
      { trace_id: 42 },
    ];
    const [root, child] = spansOf(e);
    expect(root!.links).toEqual([
      {
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        flags: 1,
        attributes: [{ key: 'sentry.link.type', value: { stringValue: 'previous_trace' } }],
      },
      { traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), flags: 0, attributes: [] },
    ]);
    expect(child).not.toHaveProperty('links');
    expect(spansOf(event())[0]).not.toHaveProperty('links');
  });

  it('traceState on every span of a continued trace, none otherwise', () => {
    expect(spansOf(event(), 'rojo=00f067aa0ba902b7').map((s) => s.traceState)).toEqual(['rojo=00f067aa0ba902b7', 'rojo=00f067aa0ba902b7']);
    expect(spansOf(event()).every((s) => !('traceState' in s))).toBe(true);
  });

  it('a hook-mangled event (missing spans, bad values) still maps without throwing', () => {
    const e = event({ spans: undefined as unknown as [], measurements: { x: { value: 'nope' as unknown as number, unit: '' } } });
    expect(spansOf(e)).toHaveLength(1);
  });
});

describe('OTLP mapping of a transaction the client recorded', () => {
  beforeEach(useFakeClock);
  afterEach(() => vi.useRealTimers());

  it('maps a real event: times from the clock, the child under the root', () => {
    const h = makeClient({ release: 'r1' });
    const root = h.client.startSpan({ name: 'checkout', op: 'ui.action' });
    const child = h.client.startSpan({ name: 'GET /api', op: 'http.client', parentSpan: root });
    child.setAttribute('http.method', 'GET');
    vi.advanceTimersByTime(250);
    child.end();
    vi.advanceTimersByTime(50);
    root.end();
    const [r, c] = spansOf(h.events()[0]!);
    expect(r).toMatchObject({ name: 'checkout', startTimeUnixNano: `${T0}000000`, endTimeUnixNano: `${T0 + 300}000000`, flags: 0x101 });
    expect(c).toMatchObject({ parentSpanId: r!.spanId, kind: 3, endTimeUnixNano: `${T0 + 250}000000` });
  });
});
