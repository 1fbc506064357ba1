import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseBaggage } from '../src/core/propagation/baggage';
import { parseSentryTrace } from '../src/core/propagation/sentryTrace';
import { traceFromHeaders } from '../src/core/trace';
import { HEX16, HEX32, makeClient, useFakeClock, type Harness } from './helpers';

const TID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SID = '00f067aa0ba902b7';
const rand = (): number => 0.42;

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

const sentryOf = (baggage: string | undefined): Record<string, string> => parseBaggage(baggage).sentry;

describe('getTraceData', () => {
  it('with no span: the current trace, decision still open', () => {
    const h = makeClient();
    h.client.setTrace({ ...h.client.currentTrace(), sampleRand: 0.1234567 });
    const data = h.client.getTraceData();
    expect(data['sentry-trace']).toBe(`${h.client.currentTrace().traceId}-${h.client.currentTrace().spanId}`);
    expect(h.client.currentTrace().traceId).toMatch(HEX32);
    expect(h.client.currentTrace().spanId).toMatch(HEX16);
    expect(sentryOf(data.baggage)).toEqual({
      trace_id: h.client.currentTrace().traceId,
      public_key: 'pub',
      sample_rand: '0.123456',
      environment: 'production',
    });
    expect(data).not.toHaveProperty('traceparent');
    // Not frozen before a decision exists.
    expect(h.client.currentTrace().dsc).toBeUndefined();
  });

  it('with the active transaction: its span id and decision, and its sampling context', () => {
    const h = makeClient({ release: 'r1' });
    const root = h.client.startIdleSpan({ name: 'checkout', op: 'navigation' });
    const data = h.client.getTraceData();
    expect(data['sentry-trace']).toBe(`${root.traceId}-${root.spanId}-1`);
    expect(sentryOf(data.baggage)).toMatchObject({ trace_id: root.traceId, sampled: 'true', sample_rate: '1', release: 'r1', transaction: 'checkout' });
  });

  it('for an explicit span: that span', () => {
    const h = makeClient();
    const root = h.client.startSpan({ name: 'r', parentSpan: null });
    const child = h.client.startSpan({ name: 'c', parentSpan: root });
    expect(h.client.getTraceData(child)['sentry-trace']).toBe(`${root.traceId}-${child.spanId}-1`);
  });

  it('an unsampled transaction propagates -0 and sampled=false', () => {
    const h = makeClient({ tracesSampleRate: 0 });
    const root = h.client.startIdleSpan({ name: 'x' });
    const data = h.client.getTraceData();
    expect(data['sentry-trace']).toBe(`${root.traceId}-${root.spanId}-0`);
    expect(sentryOf(data.baggage).sampled).toBe('false');
  });

  it('adds traceparent when propagateTraceparent is on', () => {
    const h = makeClient({ propagateTraceparent: true });
    const root = h.client.startIdleSpan({ name: 'x' });
    expect(h.client.getTraceData().traceparent).toBe(`00-${root.traceId}-${root.spanId}-01`);
    const off = makeClient({ propagateTraceparent: true, tracesSampleRate: 0 });
    const r2 = off.client.startIdleSpan({ name: 'x' });
    expect(off.client.getTraceData().traceparent).toBe(`00-${r2.traceId}-${r2.spanId}-00`);
  });

  it('after the transaction ended, requests still carry its trace and decision', () => {
    const h = makeClient();
    const root = h.client.startIdleSpan({ name: 'x' });
    const during = h.client.getTraceData();
    vi.advanceTimersByTime(1000);
    expect(h.delivery.sent).toHaveLength(1);
    const after = h.client.getTraceData();
    const parsed = parseSentryTrace(after['sentry-trace']);
    expect(parsed).toEqual({ traceId: root.traceId, parentSpanId: h.client.currentTrace().spanId, sampled: true });
    expect(after.baggage).toBe(during.baggage);
  });

  it('with tracing off, no decision is claimed', () => {
    const h = makeClient({ tracesSampleRate: undefined });
    h.client.startIdleSpan({ name: 'x' });
    const data = h.client.getTraceData();
    expect(data['sentry-trace']).toMatch(/^[0-9a-f]{32}-[0-9a-f]{16}$/);
    expect(sentryOf(data.baggage)).not.toHaveProperty('sampled');
  });
});

describe('dynamic sampling context: frozen once per trace', () => {
  function sendTwo(h: Harness): void {
    const a = h.client.startSpan({ name: 'first', parentSpan: null });
    const baggage = h.client.getTraceData(a).baggage;
    a.updateName('renamed later', 'route');
    a.end();
    const b = h.client.startSpan({ name: 'second', parentSpan: null });
    expect(h.client.getTraceData(b).baggage).toBe(baggage);
    b.end();
  }

  it('a rename after the first use does not change it; the envelopes carry exactly what was propagated', () => {
    const h = makeClient();
    sendTwo(h);
    const [a, b] = h.envelopes();
    expect(a!.header.trace).toEqual(b!.header.trace);
    expect(a!.header.trace.transaction).toBe('first');
    expect(a!.event.transaction).toBe('renamed later');
  });

  it('is computed once: the same object and string every time', () => {
    const h = makeClient();
    h.client.startSpan({ name: 'first', parentSpan: null });
    const dsc = h.client.getDsc(h.client.currentTrace());
    expect(h.client.getDsc(h.client.currentTrace())).toBe(dsc);
    const b1 = h.client.getTraceData(null).baggage;
    expect(h.client.currentTrace().baggage).toBe(b1);
  });

  it('freezes at the first transaction end even if nothing was propagated', () => {
    const h = makeClient();
    const a = h.client.startSpan({ name: 'a', parentSpan: null });
    a.end();
    const b = h.client.startSpan({ name: 'b', parentSpan: null });
    b.end();
    expect(h.envelopes()[1]!.header.trace.transaction).toBe('a');
  });

  it('a new trace gets a new context', () => {
    const h = makeClient();
    h.client.startSpan({ name: 'a', parentSpan: null }).end();
    const before = h.envelopes()[0]!.header.trace;
    h.client.setTrace({ traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), sampleRand: 0.9 });
    h.client.startSpan({ name: 'b', parentSpan: null }).end();
    const after = h.envelopes()[1]!.header.trace;
    expect(after.trace_id).toBe('ab'.repeat(16));
    expect(after.transaction).toBe('b');
    expect(before.trace_id).not.toBe(after.trace_id);
  });

  it('a forced transaction inside another keeps the trace and its one sampling context', () => {
    const h = makeClient();
    const page = h.client.startIdleSpan({ name: '/users/123', op: 'pageload' });
    page.updateName('/users/123', 'url');
    const forced = h.client.startSpan({ name: 'checkout', forceTransaction: true });
    expect(forced.traceId).toBe(page.traceId);
    expect(forced.parentSpanId).toBe(page.spanId);
    expect(forced._isRoot).toBe(true);
    forced.end();
    page.end();
    const [f, p] = h.envelopes();
    expect(f!.event.contexts.trace.parent_span_id).toBe(page.spanId);
    expect(f!.header.trace).toEqual(p!.header.trace);
  });
});

describe('continuing a trace (traceFromHeaders)', () => {
  it('sentry-trace + baggage: same trace, remote parent, decision and frozen incoming context', () => {
    const t = traceFromHeaders(
      { sentryTrace: `${TID}-${SID}-1`, baggage: `sentry-trace_id=${TID},sentry-sample_rate=0.25,sentry-sampled=true,sentry-sample_rand=0.1,sentry-transaction=GET%20%2F,vendor=1` },
      rand,
    )!;
    expect(t).toMatchObject({ traceId: TID, parentSpanId: SID, sampled: true, sampleRate: 0.25, sampleRand: 0.1 });
    expect(t.spanId).toMatch(HEX16);
    expect(t.spanId).not.toBe(SID);
    expect(t.dsc).toEqual({ trace_id: TID, sample_rate: '0.25', sampled: 'true', sample_rand: '0.1', transaction: 'GET /' });
  });

  it('-0 means not sampled; no flag leaves the decision open', () => {
    expect(traceFromHeaders({ sentryTrace: `${TID}-${SID}-0` }, rand)!.sampled).toBe(false);
    expect(traceFromHeaders({ sentryTrace: `${TID}-${SID}` }, rand)!.sampled).toBeUndefined();
  });

  it('draws a sample_rand that agrees with the incoming decision when the baggage has none', () => {
    const yes = traceFromHeaders({ sentryTrace: `${TID}-${SID}-1`, baggage: 'sentry-sample_rate=0.5' }, () => 0.9)!;
    expect(yes.sampleRand).toBeCloseTo(0.45);
    const no = traceFromHeaders({ sentryTrace: `${TID}-${SID}-0`, baggage: 'sentry-sample_rate=0.5' }, () => 0.2)!;
    expect(no.sampleRand).toBeCloseTo(0.6);
  });

  it('ignores an invalid incoming sample_rate', () => {
    expect(traceFromHeaders({ sentryTrace: `${TID}-${SID}-1`, baggage: 'sentry-sample_rate=7' }, rand)!.sampleRate).toBeUndefined();
    expect(traceFromHeaders({ sentryTrace: `${TID}-${SID}-1`, baggage: 'sentry-sample_rate=abc' }, rand)!.sampleRate).toBeUndefined();
  });

  it('without sentry- baggage there is no frozen context (ours is made later)', () => {
    expect(traceFromHeaders({ sentryTrace: `${TID}-${SID}-1`, baggage: 'vendor=1' }, rand)!.dsc).toBeUndefined();
  });

  it('traceparent when there is no sentry-trace; sentry-trace wins when both are there', () => {
    expect(traceFromHeaders({ traceparent: `00-${TID}-${SID}-01` }, rand)).toMatchObject({ traceId: TID, parentSpanId: SID, sampled: true });
    const other = 'ab'.repeat(16);
    expect(traceFromHeaders({ sentryTrace: `${other}-${SID}-0`, traceparent: `00-${TID}-${SID}-01` }, rand)).toMatchObject({ traceId: other, sampled: false });
  });

  it('malformed or missing headers give undefined (a new trace starts)', () => {
    expect(traceFromHeaders({}, rand)).toBeUndefined();
    expect(traceFromHeaders({ sentryTrace: 'garbage', baggage: 'sentry-trace_id=x' }, rand)).toBeUndefined();
    expect(traceFromHeaders({ traceparent: `ff-${TID}-${SID}-01` }, rand)).toBeUndefined();
  });
});

describe('a client inside a continued trace', () => {
  const incomingBaggage = `sentry-trace_id=${TID},sentry-public_key=upstream,sentry-sample_rate=0.25,sentry-sampled=true,sentry-sample_rand=0.1,sentry-environment=edge`;

  it('the transaction continues it: parent_span_id, decision honoured over the local rate, incoming context sent', () => {
    const h = makeClient({ tracesSampleRate: 0 });
    h.client.setTrace(traceFromHeaders({ sentryTrace: `${TID}-${SID}-1`, baggage: incomingBaggage }, rand)!);
    const root = h.client.startIdleSpan({ name: '/page', op: 'pageload' });
    expect(root.traceId).toBe(TID);
    expect(root.sampled).toBe(true);
    const data = h.client.getTraceData();
    expect(data['sentry-trace']).toBe(`${TID}-${root.spanId}-1`);
    expect(sentryOf(data.baggage)).toEqual(sentryOf(incomingBaggage));
    root.end();
    const env = h.envelopes()[0]!;
    expect(env.event.contexts.trace.parent_span_id).toBe(SID);
    expect(env.event.contexts.trace.trace_id).toBe(TID);
    expect(env.event.contexts.trace.data['sentry.sample_rate']).toBe(0.25);
    expect(env.header.trace).toEqual(sentryOf(incomingBaggage));
  });

  it('-0: nothing sent, but headers still propagate the trace with -0', () => {
    const h = makeClient({ tracesSampleRate: 1 });
    h.client.setTrace(traceFromHeaders({ sentryTrace: `${TID}-${SID}-0` }, rand)!);
    const root = h.client.startIdleSpan({ name: '/page' });
    expect(root.sampled).toBe(false);
    const data = h.client.getTraceData();
    expect(data['sentry-trace']).toBe(`${TID}-${root.spanId}-0`);
    expect(sentryOf(data.baggage)).toMatchObject({ trace_id: TID, sampled: 'false' });
    vi.advanceTimersByTime(1000);
    expect(h.delivery.sent).toHaveLength(0);
    expect(parseSentryTrace(h.client.getTraceData()['sentry-trace'])?.sampled).toBe(false);
  });

  it('tracesSampler sees the parent decision and can inherit it', () => {
    const seen: (boolean | undefined)[] = [];
    const h = makeClient({
      tracesSampleRate: undefined,
      tracesSampler: (c) => {
        seen.push(c.parentSampled);
        return c.inheritOrSampleWith(1);
      },
    });
    h.client.setTrace(traceFromHeaders({ sentryTrace: `${TID}-${SID}-0` }, rand)!);
    expect(h.client.startSpan({ name: 'x', parentSpan: null }).sampled).toBe(false);
    expect(seen).toEqual([false]);
  });
});

describe('beforeSendTransaction', () => {
  function endOne(h: Harness): void {
    h.client.startSpan({ name: 'tx', parentSpan: null }).end();
  }

  it('null drops the transaction', () => {
    const h = makeClient({ beforeSendTransaction: () => null });
    endOne(h);
    expect(h.delivery.sent).toHaveLength(0);
  });

  it('a returned event is what is sent', () => {
    const h = makeClient({ beforeSendTransaction: (e) => ({ ...e, transaction: 'scrubbed', tags: { a: 'b' } }) });
    endOne(h);
    expect(h.events()[0]).toMatchObject({ transaction: 'scrubbed', tags: { a: 'b' } });
  });

  it('it receives the full event', () => {
    const seen = vi.fn((e) => e);
    const h = makeClient({ beforeSendTransaction: seen });
    endOne(h);
    expect(seen.mock.calls[0]![0]).toMatchObject({ type: 'transaction', transaction: 'tx', platform: 'javascript' });
  });

  it('a throwing hook does not throw into the page; the original is sent', () => {
    const h = makeClient({
      beforeSendTransaction: () => {
        throw new Error('oops');
      },
    });
    expect(() => endOne(h)).not.toThrow();
    expect(h.events()[0]!.transaction).toBe('tx');
  });

  it.each([
    ['undefined', undefined],
    ['a string', 'nope'],
    ['a number', 0],
    ['true', true],
  ])('returning %s sends the original', (_label, value) => {
    const h = makeClient({ beforeSendTransaction: () => value as never });
    endOne(h);
    expect(h.events()[0]!.transaction).toBe('tx');
  });

  it('returning a promise is awaited: its null drops, its event is sent', async () => {
    const dropped = makeClient({ beforeSendTransaction: (() => Promise.resolve(null)) as never });
    endOne(dropped);
    await Promise.resolve();
    await Promise.resolve();
    expect(dropped.delivery.sent).toHaveLength(0);
    const kept = makeClient({ beforeSendTransaction: ((e: { transaction: string }) => Promise.resolve({ ...e, transaction: 'renamed' })) as never });
    endOne(kept);
    await Promise.resolve();
    await Promise.resolve();
    expect(kept.events()[0]!.transaction).toBe('renamed');
  });

  it.each([
    ['an array', () => []],
    ['an object that is not an event', () => ({ hello: 1 })],
  ])('returning %s (not an event) sends the original, not garbage', (_label, make) => {
    const h = makeClient({ beforeSendTransaction: make as never });
    endOne(h);
    expect(h.delivery.sent).toHaveLength(1);
    const env = h.envelopes()[0]!;
    expect(env.event.type).toBe('transaction');
    expect(env.event.transaction).toBe('tx');
    expect(env.header.event_id).toBe(env.event.event_id);
  });

  it('is not called for unsampled transactions', () => {
    const hook = vi.fn((e) => e);
    const h = makeClient({ tracesSampleRate: 0, beforeSendTransaction: hook });
    endOne(h);
    expect(hook).not.toHaveBeenCalled();
  });
});

describe('starting spans', () => {
  it('a child of the active span by default, a root with parentSpan: null', () => {
    const h = makeClient();
    const root = h.client.startIdleSpan({ name: 'page' });
    const child = h.client.startSpan({ name: 'c' });
    expect(child._tx.root).toBe(root);
    expect(child.parentSpanId).toBe(root.spanId);
    const other = h.client.startSpan({ name: 'o', parentSpan: null });
    expect(other._isRoot).toBe(true);
    expect(other.traceId).toBe(root.traceId); // same trace
  });

  it('startTime and attributes are taken', () => {
    const h = makeClient();
    const s = h.client.startSpan({ name: 'x', parentSpan: null, startTime: 1234, attributes: { a: 1, b: 'two', c: false } });
    expect(s.startTime).toBe(1234);
    expect(s.attributes).toEqual({ a: 1, b: 'two', c: false });
    s.setAttribute('a', undefined);
    expect(s.attributes).toEqual({ b: 'two', c: false });
  });

  it('ending twice keeps the first end', () => {
    const h = makeClient();
    const root = h.client.startSpan({ name: 'x', parentSpan: null });
    const c = h.client.startSpan({ name: 'c', parentSpan: root });
    c.end(1000);
    c.end(2000);
    expect(c.endTime).toBe(1000);
    root.end();
    root.end();
    expect(h.delivery.sent).toHaveLength(1);
  });

  it('toSentryTrace matches spanContext', () => {
    const h = makeClient();
    const s = h.client.startSpan({ name: 'x', parentSpan: null });
    const ctx = s.spanContext();
    expect(s.toSentryTrace()).toBe(`${ctx.traceId}-${ctx.spanId}-1`);
  });
});

describe('trace data with odd names', () => {
  it('a transaction name with a lone surrogate does not break propagation', () => {
    const h = makeClient();
    h.client.startIdleSpan({ name: 'cut \uD83D' });
    const data = h.client.getTraceData();
    expect(data['sentry-trace']).toMatch(/^[0-9a-f]{32}-[0-9a-f]{16}-1$/);
    expect(sentryOf(data.baggage).trace_id).toBe(h.client.currentTrace().traceId);
  });
});
