import { describe, expect, it } from 'vitest';
import { addTraceHeaders, fetchHeadersWithOurs } from '../src/browser/requestHeaders';
import type { TraceData } from '../src/core/types';

const ours: TraceData = {
  'sentry-trace': '0123456789abcdef0123456789abcdef-0123456789abcdef-1',
  baggage: 'sentry-trace_id=0123456789abcdef0123456789abcdef,sentry-sampled=true',
};
const withTraceparent: TraceData = { ...ours, traceparent: '00-0123456789abcdef0123456789abcdef-0123456789abcdef-01' };

/** What fetch would send for these headers: lowercase names, in sorted order. */
const sent = (h: HeadersInit | undefined): [string, string][] => [...new Headers(h)];

describe('fetchHeadersWithOurs', () => {
  it('sends ours alone, as a plain record, when the caller gave no headers', () => {
    expect(fetchHeadersWithOurs('/api', undefined, ours)).toEqual(ours);
    expect(fetchHeadersWithOurs('/api', { method: 'POST' }, { ...ours, baggage: '' })).toEqual({ 'sentry-trace': ours['sentry-trace'] });
  });

  it('copies a plain record and adds ours, leaving the caller’s record as it was', () => {
    const theirs = { 'content-type': 'application/json', Authorization: 'Bearer x' };
    const out = fetchHeadersWithOurs('/api', { headers: theirs }, withTraceparent);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out).toEqual({ ...theirs, ...withTraceparent });
    expect(theirs).toEqual({ 'content-type': 'application/json', Authorization: 'Bearer x' });
  });

  it('reads a getter in the caller’s record once', () => {
    let reads = 0;
    const theirs = {
      get 'x-app'() {
        reads++;
        return 'v';
      },
    };
    expect(sent(fetchHeadersWithOurs('/api', { headers: theirs }, ours))).toContainEqual(['x-app', 'v']);
    expect(reads).toBe(1);
  });

  it('copies an array of pairs and appends ours, leaving the caller’s array as it was', () => {
    const theirs: [string, string][] = [
      ['x-a', '1'],
      ['x-a', '2'],
    ];
    const out = fetchHeadersWithOurs('/api', { headers: theirs }, ours) as [string, string][];
    expect(Array.isArray(out)).toBe(true);
    expect(out).toEqual([...theirs, ['sentry-trace', ours['sentry-trace']], ['baggage', ours.baggage]]);
    expect(theirs).toHaveLength(2);
    expect(sent(out)).toContainEqual(['x-a', '1, 2']);
  });

  it('merges with a Headers object or a Request’s headers through a copy', () => {
    const theirs = new Headers({ 'x-h': '1' });
    expect(sent(fetchHeadersWithOurs('/api', { headers: theirs }, ours))).toEqual(
      sent({ baggage: ours.baggage!, 'sentry-trace': ours['sentry-trace']!, 'x-h': '1' }),
    );
    expect([...theirs]).toEqual([['x-h', '1']]);
    const request = new Request('http://app.example/api', { headers: { 'x-r': '1' } });
    expect(sent(fetchHeadersWithOurs(request, undefined, ours))).toContainEqual(['x-r', '1']);
    expect([...request.headers]).toEqual([['x-r', '1']]);
  });

  it('keeps the caller’s own trace headers, in any case and any shape, and adds our baggage members once', () => {
    for (const headers of [
      { 'Sentry-Trace': 'theirs', BAGGAGE: 'vendor=1' },
      [
        ['SENTRY-TRACE', 'theirs'],
        ['Baggage', 'vendor=1'],
      ],
      new Headers({ 'sentry-trace': 'theirs', baggage: 'vendor=1' }),
    ] as HeadersInit[]) {
      const out = new Headers(fetchHeadersWithOurs('/api', { headers }, ours));
      expect(out.get('sentry-trace')).toBe('theirs');
      expect(out.get('baggage')).toBe(`vendor=1,${ours.baggage}`);
    }
    const theirsSentry = new Headers(fetchHeadersWithOurs('/api', { headers: { baggage: 'sentry-trace_id=x' } }, ours));
    expect(theirsSentry.get('baggage')).toBe('sentry-trace_id=x');
  });

  it('goes the general way for records it cannot copy as they are', () => {
    // A `__proto__` header key (copying it would set the copy's prototype) and a class instance.
    const odd = JSON.parse('{"__proto__": "p", "x-a": "1"}') as Record<string, string>;
    expect(fetchHeadersWithOurs('/api', { headers: odd }, ours)).toBeInstanceOf(Headers);
    expect(Object.getPrototypeOf(odd)).toBe(Object.prototype);
    class Custom {
      'x-c' = '1';
    }
    const custom = fetchHeadersWithOurs('/api', { headers: new Custom() as unknown as HeadersInit }, ours);
    expect(custom).toBeInstanceOf(Headers);
    expect(sent(custom)).toContainEqual(['x-c', '1']);
    // An enumerable Symbol key makes fetch throw; so does our copy, and the caller's call goes unchanged.
    expect(() => fetchHeadersWithOurs('/api', { headers: { [Symbol('s')]: '1' } as unknown as HeadersInit }, ours)).toThrow(TypeError);
  });

  it('adds nothing to headers fetch itself rejects', () => {
    expect(fetchHeadersWithOurs('/api', { headers: null as unknown as HeadersInit }, ours)).toBeUndefined();
    expect(fetchHeadersWithOurs('/api', { headers: 'x' as unknown as HeadersInit }, ours)).toBeUndefined();
  });
});

describe('addTraceHeaders', () => {
  it('appends only what the caller lacks, after theirs', () => {
    const added: [string, string][] = [];
    const theirs = new Map([['baggage', 'vendor=1']]);
    addTraceHeaders(withTraceparent, theirs, (name, value) => added.push([name, value]));
    expect(added).toEqual([
      ['sentry-trace', withTraceparent['sentry-trace']],
      ['baggage', withTraceparent.baggage],
      ['traceparent', withTraceparent.traceparent],
    ]);
    added.length = 0;
    addTraceHeaders(
      ours,
      new Map([
        ['sentry-trace', 't'],
        ['baggage', 'sentry-x=1'],
      ]),
      (name, value) => added.push([name, value]),
    );
    expect(added).toEqual([]);
  });
});
