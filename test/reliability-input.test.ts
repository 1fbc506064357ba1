// Reliability §2: arbitrary incoming trace headers, DSNs and user callbacks never throw into the
// caller and never make the SDK send an invalid trace header (docs/contract.md §3 Safety, §4 wire formats).
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_BAGGAGE_BYTES, MAX_BAGGAGE_MEMBERS, parseBaggage } from '../src/core/propagation/baggage';
import { envelopeUrl, parseDsn } from '../src/core/dsn';
import { parseSentryTrace } from '../src/core/propagation/sentryTrace';
import { parseTraceparent } from '../src/core/propagation/traceparent';
import { T0 } from './helpers';
import { SENTRY_TRACE, TRACEPARENT } from './wire';

vi.useFakeTimers({ now: T0 });
const api = await import('../src/index');

const RUNS = 400;
// W3C Baggage §3.3.1: key = token; value = *baggage-octet (no blanks, '"', ',', ';', '\').
const MEMBER = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+=[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

/** Fails unless `value` is a header the SDK may send. */
function assertOutgoing(data: { 'sentry-trace'?: string; baggage?: string; traceparent?: string }, ownDsc = true): void {
  if (data['sentry-trace'] !== undefined) expect(data['sentry-trace']).toMatch(SENTRY_TRACE);
  if (data.traceparent !== undefined) expect(data.traceparent).toMatch(TRACEPARENT);
  if (data['sentry-trace'] && data.traceparent) expect(data.traceparent.slice(3, 35)).toBe(data['sentry-trace'].slice(0, 32));
  const baggage = data.baggage;
  if (baggage !== undefined) {
    // A header value must be a ByteString: `new Headers()` throws on anything else.
    expect(() => new Headers({ baggage })).not.toThrow();
    expect(new TextEncoder().encode(baggage).length).toBeLessThanOrEqual(MAX_BAGGAGE_BYTES);
    const members = baggage.split(',').map((m) => m.trim());
    expect(members.length).toBeLessThanOrEqual(MAX_BAGGAGE_MEMBERS);
    const ours = members.filter((m) => m.startsWith('sentry-'));
    for (const m of ours) expect(m).toMatch(MEMBER);
    const keys = ours.map((m) => m.slice(0, m.indexOf('=')));
    expect(new Set(keys).size, `no sentry- key twice in ${baggage}`).toBe(keys.length);
    // An incoming baggage with sentry- entries is frozen as it came (docs/contract.md §3); otherwise the SDK's own.
    if (data['sentry-trace'] && ownDsc) expect(parseBaggage(baggage).sentry.trace_id).toBe(data['sentry-trace'].slice(0, 32));
  }
}

const hexChar = fc.constantFrom(...'0123456789abcdefABCDEF-xz '.split(''));
/** Strings close to valid trace headers, plus anything at all. */
const traceish = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(hexChar, { maxLength: 70 }).map((a) => a.join('')),
  fc.tuple(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 30, maxLength: 34 }), fc.string({ maxLength: 20 })).map(([a, b]) => `${a}-${b}`),
  fc.constantFrom('', ' ', '-', '00-', '0'.repeat(32) + '-' + '0'.repeat(16) + '-1', 'a'.repeat(32) + '-' + 'b'.repeat(16) + '-1',
    '00-' + 'a'.repeat(32) + '-' + 'b'.repeat(16) + '-01', 'ff-' + 'a'.repeat(32) + '-' + 'b'.repeat(16) + '-01', 'A'.repeat(32) + '-' + 'B'.repeat(16)),
);
const memberish = fc.oneof(
  fc.tuple(fc.constantFrom('sentry-', 'other-', '', 'sentry-sample_rate', 'sentry-trace_id'), fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }))
    .map(([p, k, v]) => `${p}${k}=${v}`),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const baggageish = fc.oneof(
  fc.string(),
  fc.array(memberish, { maxLength: 90 }).map((m) => m.join(',')),
  fc.constantFrom('x'.repeat(9000), Array.from({ length: 80 }, (_, i) => `k${i}=v`).join(','), 'sentry-release=%E0%A4%A,sentry-environment=\ud800'),
);
const anything = fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true });

let sent: string[];
beforeEach(() => {
  vi.clearAllTimers();
  sent = [];
  api.init({ dsn: 'https://key@o1.example/2', transport: (e) => void sent.push(e) as unknown as Promise<void>, tracesSampleRate: 1, propagateTraceparent: true, release: 'r 1', environment: 'e,2' });
});

describe('parsers never throw on arbitrary input', () => {
  it('sentry-trace, traceparent, baggage, DSN', () => {
    fc.assert(fc.property(fc.oneof(traceish, baggageish, anything), (v) => {
      const st = parseSentryTrace(v);
      if (st) expect(`${st.traceId}-${st.parentSpanId}`).toMatch(/^[0-9a-f]{32}-[0-9a-f]{16}$/);
      const tp = parseTraceparent(v);
      if (tp) expect(`${tp.traceId}-${tp.parentSpanId}`).toMatch(/^[0-9a-f]{32}-[0-9a-f]{16}$/);
      parseBaggage(v);
      const dsn = parseDsn(v);
      if (dsn) {
        const url = new URL(envelopeUrl(dsn, '0.1.0'));
        expect(url.protocol).toMatch(/^https?:$/);
        expect(url.pathname).toMatch(/\/api\/\w+\/envelope\/$/);
      }
    }), { numRuns: RUNS * 3 });
  });
});

describe('continueTrace with arbitrary headers', () => {
  it('never throws and the outgoing headers stay valid', () => {
    fc.assert(fc.property(traceish, baggageish, traceish, (sentryTrace, baggage, traceparent) => {
      const data = api.continueTrace({ sentryTrace, baggage, traceparent }, () => api.startSpan({ name: 'x' }, () => api.getTraceData()));
      assertOutgoing(data, !(parseSentryTrace(sentryTrace) && Object.keys(parseBaggage(baggage).sentry).length));
      expect(data['sentry-trace'], 'tracing is on: a sentry-trace is always available').toBeDefined();
      const incoming = parseSentryTrace(sentryTrace) ?? (parseSentryTrace(sentryTrace) ? undefined : parseTraceparent(traceparent));
      if (incoming) expect(data['sentry-trace']!.slice(0, 32)).toBe(incoming.traceId);
    }), { numRuns: RUNS });
  });

  // Found by the property above: a continued baggage keeps a `sentry-` key that is not a W3C token.
  it('a frozen incoming baggage with a non-token key is not passed on as is', () => {
    const data = api.continueTrace({ sentryTrace: `${'a'.repeat(32)}-${'b'.repeat(16)}-1`, baggage: 'sentry-(=&,sentry-trace_id=' + 'a'.repeat(32) }, () => api.getTraceData());
    assertOutgoing(data, false);
  });

  it('non-string header values are ignored, not thrown on', () => {
    fc.assert(fc.property(anything, anything, anything, (sentryTrace, baggage, traceparent) => {
      const data = api.continueTrace({ sentryTrace, baggage, traceparent } as never, () => api.getTraceData());
      assertOutgoing(data, false);
    }), { numRuns: RUNS });
  });
});

describe('init with arbitrary DSNs and options', () => {
  const dsnish = fc.oneof(
    fc.string(),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.tuple(fc.constantFrom('http', 'https', 'ftp', 'javascript', ''), fc.string({ maxLength: 10 }), fc.domain(), fc.string({ maxLength: 10 }))
      .map(([p, k, h, id]) => `${p}://${k}@${h}/${id}`),
    anything,
  );
  it('a DSN is used when it parses, logged and left out when not; whatever is sent is valid', async () => {
    const logs = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await fc.assert(fc.asyncProperty(dsnish, fc.string({ maxLength: 30 }), async (dsn, name) => {
      const out: string[] = [];
      logs.mockClear();
      api.init({ dsn: dsn as string, transport: (e) => void out.push(e) as unknown as Promise<void>, tracesSampleRate: 1, release: name, debug: true });
      const data = api.startSpan({ name }, () => api.getTraceData());
      assertOutgoing(data);
      await api.flush();
      const parsed = parseDsn(dsn);
      const invalidLine = logs.mock.calls.some(([line]) => String(line).includes('invalid dsn'));
      expect(invalidLine).toBe(!parsed && dsn !== undefined);
      // The DSN's public key goes into our baggage, and nowhere does a malformed one.
      expect(parseBaggage(data.baggage).sentry.public_key).toBe(parsed?.publicKey);
      // The transport was given, so the transaction is sent whatever the DSN.
      expect(out).toHaveLength(1);
      for (const line of out[0]!.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    }), { numRuns: RUNS });
  });
});

describe('user callbacks that throw or return nonsense are contained', () => {
  const rejected = Promise.reject(new Error('x'));
  rejected.catch(() => undefined);
  const nonsense = fc.oneof(anything, fc.constantFrom(NaN, Infinity, -1, 2, '0.5', true, false, null, undefined, {}, [], () => 1, Promise.resolve(1), rejected));
  it('tracesSampler, beforeSendTransaction', async () => {
    await fc.assert(fc.asyncProperty(nonsense, nonsense, fc.boolean(), fc.boolean(), async (sample, send, samplerThrows, sendThrows) => {
      const out: string[] = [];
      api.init({
        dsn: 'https://key@o1.example/2',
        transport: (e) => { out.push(e); return Promise.resolve(); },
        tracesSampler: () => { if (samplerThrows) throw new Error('sampler'); return sample as number; },
        beforeSendTransaction: () => { if (sendThrows) throw new Error('beforeSend'); return send as null; },
      });
      const value = api.startSpan({ name: 'cb' }, (span) => { span.setAttribute('k', 1); return 42; });
      expect(value).toBe(42);
      assertOutgoing(api.getTraceData());
      await vi.advanceTimersByTimeAsync(10);
      for (const e of out) {
        const lines = e.split('\n').filter(Boolean).map((l) => JSON.parse(l));
        expect(lines[1]).toEqual({ type: 'transaction' });
        expect(lines[2]?.type).toBe('transaction');
      }
    }), { numRuns: 200 });
  });
  it('a transport that throws or rejects never reaches the caller', async () => {
    for (const transport of [() => { throw new Error('sync'); }, () => Promise.reject(new Error('async')), () => 'nonsense', () => undefined, () => ({ then: 1 })]) {
      api.init({ dsn: 'https://key@o1.example/2', transport: transport as never, tracesSampleRate: 1 });
      expect(() => api.startSpan({ name: 't' }, () => undefined)).not.toThrow();
      await vi.advanceTimersByTimeAsync(40_000);
      const flushed = api.flush(100);
      await vi.advanceTimersByTimeAsync(200);
      await expect(flushed).resolves.toBeTypeOf('boolean');
    }
  });
});
