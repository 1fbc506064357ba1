import { describe, expect, it, vi } from 'vitest';
import { parseTracestate } from '../src/core/propagation/tracestate';
import { traceFromHeaders } from '../src/core/trace';
import { makeClient, T0, useFakeClock } from './helpers';

const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';

describe('parseTracestate (W3C Trace Context §3.3)', () => {
  const log = (): ReturnType<typeof vi.fn<(m: string) => void>> => vi.fn<(m: string) => void>();

  it('keeps a valid value unchanged (only the outer whitespace goes)', () => {
    const l = log();
    expect(parseTracestate('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7', l)).toBe('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
    expect(parseTracestate('  a=1 ,\t b=2  ', l)).toBe('a=1 ,\t b=2');
    expect(parseTracestate('tenant1@vendor=x,a-b_c*d/e=y', l)).toBe('tenant1@vendor=x,a-b_c*d/e=y');
    expect(parseTracestate('a=1,,b=2', l)).toBe('a=1,,b=2'); // empty members are allowed
    expect(l).not.toHaveBeenCalled();
  });

  it('nothing or only empty members: nothing, without a debug line', () => {
    const l = log();
    expect(parseTracestate(undefined, l)).toBeUndefined();
    expect(parseTracestate('', l)).toBeUndefined();
    expect(parseTracestate(' , ', l)).toBeUndefined();
    expect(l).not.toHaveBeenCalled();
  });

  it('at most 32 members', () => {
    const members = (n: number): string => Array.from({ length: n }, (_, i) => `k${i}=v`).join(',');
    expect(parseTracestate(members(32), log())).toBe(members(32));
    const l = log();
    expect(parseTracestate(members(33), l)).toBeUndefined();
    expect(l.mock.calls[0]![0]).toMatch(/tracestate dropped: 33 members/);
  });

  it.each([
    ['Upper=1', 'uppercase key'],
    ['1abc=1', 'simple key starting with a digit'],
    ['=1', 'empty key'],
    ['a', 'no ='],
    [`${'a'.repeat(257)}=1`, 'key over 256 characters'],
    ['t@verylongsystemid=1', 'system id over 14 characters'],
    ['a=b,c', 'a member without ='],
    ['a=has,comma', 'value with comma via member split'],
    ['a=x=y', 'value with ='],
    ['a=\x7f', 'control character in the value'],
    [`a=${'v'.repeat(257)}`, 'value over 256 characters'],
    ['a=\u00e9', 'non-ASCII value'],
    ['a=1,a=2', 'repeated key'],
  ])('drops %j (%s) with a debug line', (value, _why) => {
    const l = log();
    expect(parseTracestate(value, l)).toBeUndefined();
    expect(l).toHaveBeenCalledWith(expect.stringMatching(/^tracestate dropped: /));
  });
});

describe('tracestate on the trace', () => {
  it('kept with a valid traceparent of the same trace', () => {
    const t = traceFromHeaders({ traceparent: `00-${TID}-${SID}-01`, tracestate: 'rojo=00f067aa0ba902b7' }, () => 0.5);
    expect(t?.tracestate).toBe('rojo=00f067aa0ba902b7');
  });

  it('not kept without a traceparent, or when sentry-trace continues another trace', () => {
    expect(traceFromHeaders({ sentryTrace: `${TID}-${SID}-1`, tracestate: 'a=1' }, () => 0.5)?.tracestate).toBeUndefined();
    const other = 'ffffffffffffffffffffffffffffffff';
    const t = traceFromHeaders({ sentryTrace: `${TID}-${SID}-1`, traceparent: `00-${other}-${SID}-01`, tracestate: 'a=1' }, () => 0.5);
    expect(t?.traceId).toBe(TID);
    expect(t?.tracestate).toBeUndefined();
    // Same trace through both headers: kept.
    const same = traceFromHeaders({ sentryTrace: `${TID}-${SID}-1`, traceparent: `00-${TID}-${SID}-01`, tracestate: 'a=1' }, () => 0.5);
    expect(same?.tracestate).toBe('a=1');
  });

  it('an invalid one is dropped but the trace is still continued', () => {
    const l = vi.fn<(m: string) => void>();
    const t = traceFromHeaders({ traceparent: `00-${TID}-${SID}-01`, tracestate: 'BAD=1' }, () => 0.5, l);
    expect(t?.traceId).toBe(TID);
    expect(t?.tracestate).toBeUndefined();
    expect(l).toHaveBeenCalledWith(expect.stringMatching(/tracestate dropped/));
  });

  it('getTraceData sends it unchanged beside traceparent only', () => {
    useFakeClock();
    expect(Date.now()).toBe(T0);
    const withTp = makeClient({ propagateTraceparent: true }).client;
    withTp.setTrace(traceFromHeaders({ traceparent: `00-${TID}-${SID}-01`, tracestate: 'congo=t61rcWkgMzE' }, () => 0.5)!);
    const root = withTp.startSpan({ name: 'r' });
    expect(withTp.getTraceData(root)).toMatchObject({ traceparent: expect.stringContaining(TID), tracestate: 'congo=t61rcWkgMzE' });
    expect(withTp.getTraceData(null).tracestate).toBe('congo=t61rcWkgMzE');

    const withoutTp = makeClient().client;
    withoutTp.setTrace(withTp.currentTrace());
    expect(withoutTp.getTraceData(null)).not.toHaveProperty('tracestate');
    vi.useRealTimers();
  });
});
