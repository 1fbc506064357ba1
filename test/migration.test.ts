// Issue 17: what a team coming from Sentry relies on (docs/contract.md §2, §3 Idle, §4).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FINISH_REASON } from '../src/core/idleSpan';
import { createSpanFilter } from '../src/core/ignoreSpans';
import { readRate } from '../src/core/sampling';
import { makeClient, T0, useFakeClock } from './helpers';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

describe('ignoreSpans', () => {
  it('matches names by substring and RegExp, and { name, op } pairs on every part given', () => {
    const test = createSpanFilter(['heartbeat', /\/poll\b/g, { op: 'resource.img' }, { name: 'GET', op: /^http\./ }], vi.fn())!;
    expect(test('send heartbeat', undefined)).toBe(true);
    expect(test('GET https://x/poll?x=1', 'fetch')).toBe(true);
    // a global RegExp gives the same answer twice (no lastIndex state)
    expect(test('GET https://x/poll?x=1', 'fetch')).toBe(true);
    expect(test('/logo.png', 'resource.img')).toBe(true);
    expect(test('GET /api/items', 'http.client')).toBe(true);
    expect(test('POST /api/items', 'http.client')).toBe(false);
    expect(test('render', undefined)).toBe(false);
  });

  it('is undefined when nothing is ignored, and leaves out entries of another shape with a debug line', () => {
    const log = vi.fn();
    expect(createSpanFilter(undefined, log)).toBeUndefined();
    expect(createSpanFilter([], log)).toBeUndefined();
    expect(createSpanFilter([42, null, {}] as never, log)).toBeUndefined();
    expect(log).toHaveBeenCalledTimes(3);
    expect(createSpanFilter('x' as never, log)).toBeUndefined();
  });

  it('a matching child is not recorded and does not keep the idle transaction open', () => {
    const h = makeClient({ ignoreSpans: [{ op: 'http.client', name: '/poll' }] });
    const root = h.client.startIdleSpan({ name: '/page', op: 'pageload' }, { idleTimeout: 1000, finalTimeout: 30000 });
    const poll = h.client.startSpan({ name: 'GET /poll', op: 'http.client' });
    const kept = h.client.startSpan({ name: 'GET /api', op: 'http.client' });
    expect(poll.isRecording()).toBe(false);
    expect(poll.spanContext().spanId, 'an ignored span stands for its parent').toBe(root.spanId);
    vi.advanceTimersByTime(100);
    kept.end();
    vi.advanceTimersByTime(1000);
    expect(h.events()).toHaveLength(1);
    const event = h.events()[0]!;
    expect(event.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
    expect(event.spans.map((s) => s.description)).toEqual(['GET /api']);
    poll.end();
    expect(h.events()).toHaveLength(1);
  });

  it('control: without ignoreSpans the same open request holds the transaction until finalTimeout', () => {
    const h = makeClient();
    h.client.startIdleSpan({ name: '/page', op: 'pageload' }, { idleTimeout: 1000, finalTimeout: 30000, childSpanTimeout: 60000 });
    h.client.startSpan({ name: 'GET /poll', op: 'http.client' });
    vi.advanceTimersByTime(29_000);
    expect(h.events()).toHaveLength(0);
    vi.advanceTimersByTime(1000);
    expect(h.events()[0]!.contexts.trace.data[FINISH_REASON]).toBe('finalTimeout');
  });

  it("children of an ignored span hang under the ignored span's parent", () => {
    const h = makeClient({ ignoreSpans: ['wrapper'] });
    const root = h.client.startSpan({ name: 'tx', parentSpan: null });
    const wrapper = h.client.startSpan({ name: 'wrapper', parentSpan: root });
    h.client.startSpan({ name: 'inner', parentSpan: wrapper }).end();
    wrapper.end();
    root.end();
    const [event] = h.events();
    expect(event!.spans.map((s) => [s.description, s.parent_span_id])).toEqual([['inner', root.spanId]]);
  });

  it('transactions themselves are never ignored', () => {
    const h = makeClient({ ignoreSpans: ['tx'] });
    h.client.startSpan({ name: 'tx', parentSpan: null }).end();
    expect(h.events()).toHaveLength(1);
  });
});

describe('the event request (docs/contract.md §4)', () => {
  it('request.url is the page URL when the transaction started; User-Agent in the headers', () => {
    let url = 'https://app.example/first';
    const h = makeClient();
    h.platform.url = () => url;
    h.platform.userAgent = 'Mozilla/5.0 Test';
    const pageload = h.client.startIdleSpan({ name: '/first', op: 'pageload' });
    url = 'https://app.example/second';
    h.client.startIdleSpan({ name: '/second', op: 'navigation' }); // cuts the pageload short
    expect(pageload.endTime).toBeDefined();
    const [event] = h.events();
    expect(event!.request).toEqual({ url: 'https://app.example/first', headers: { 'User-Agent': 'Mozilla/5.0 Test' } });
  });

  it('no User-Agent known: no headers', () => {
    const h = makeClient();
    h.client.startSpan({ name: 'tx', parentSpan: null }).end();
    expect(h.events()[0]!.request).toEqual({ url: h.platform.url() });
  });
});

describe('origin and op in span data (docs/contract.md §2)', () => {
  it("manual spans: origin 'manual' in origin and data; sentry.op only when there is an op", () => {
    const h = makeClient();
    const root = h.client.startSpan({ name: 'tx', parentSpan: null });
    h.client.startSpan({ name: 'no op', parentSpan: root }).end();
    h.client.startSpan({ name: 'with op', op: 'db', parentSpan: root }).end();
    root.end();
    const event = h.events()[0]!;
    expect(event.contexts.trace.origin).toBe('manual');
    expect(event.contexts.trace.data['sentry.origin']).toBe('manual');
    expect(event.contexts.trace.data).not.toHaveProperty('sentry.op');
    const [noOp, withOp] = event.spans;
    expect(noOp!.origin).toBe('manual');
    expect(noOp!.data).toEqual({ 'sentry.origin': 'manual' });
    expect(withOp!.data).toEqual({ 'sentry.origin': 'manual', 'sentry.op': 'db' });
  });
});

describe('tracesSampleRate as a numeric string', () => {
  it('reads numeric strings as numbers and leaves anything else to the sampler', () => {
    expect(readRate('0.5')).toBe(0.5);
    expect(readRate(' 1 ')).toBe(1);
    expect(readRate('')).toBe('');
    expect(readRate('half')).toBe('half');
    expect(readRate(0.2)).toBe(0.2);
  });

  it("'1' samples, '0' does not, and the baggage carries the number", () => {
    const one = makeClient({ tracesSampleRate: '1' });
    one.client.startSpan({ name: 'tx', parentSpan: null }).end();
    expect(one.events()).toHaveLength(1);
    expect(one.envelopes()[0]!.header.trace.sample_rate).toBe('1');
    const zero = makeClient({ tracesSampleRate: '0' });
    zero.client.startSpan({ name: 'tx', parentSpan: null }).end();
    expect(zero.events()).toHaveLength(0);
  });
});

describe('measurements', () => {
  it('a later value of the same name replaces an earlier one', () => {
    const h = makeClient();
    const root = h.client.startSpan({ name: 'tx', parentSpan: null, startTime: T0 });
    root._tx.setMeasurement('memory', 1, 'byte');
    root._tx.setMeasurement('memory', 2, 'byte');
    root.end();
    expect(h.events()[0]!.measurements).toEqual({ memory: { value: 2, unit: 'byte' } });
  });
});
