import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTraceparent, serializeTraceparent } from '../src/core/propagation/traceparent';
import { anyString, HEX16, HEX32 } from './helpers';
import { TRACEPARENT } from './wire';

const TID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SID = '00f067aa0ba902b7';

const hexId = (len: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: len, maxLength: len }).filter((s) => !/^0+$/.test(s));

describe('traceparent', () => {
  it('parses the W3C example', () => {
    expect(parseTraceparent(`00-${TID}-${SID}-01`)).toEqual({ traceId: TID, parentSpanId: SID, sampled: true });
    expect(parseTraceparent(`00-${TID}-${SID}-00`)).toEqual({ traceId: TID, parentSpanId: SID, sampled: false });
  });

  it('reads only the sampled bit of the flags', () => {
    expect(parseTraceparent(`00-${TID}-${SID}-03`)?.sampled).toBe(true);
    expect(parseTraceparent(`00-${TID}-${SID}-02`)?.sampled).toBe(false);
    expect(parseTraceparent(`00-${TID}-${SID}-ff`)?.sampled).toBe(true);
  });

  it('accepts a future version with extra fields, not version 00', () => {
    expect(parseTraceparent(`cc-${TID}-${SID}-01-what-the-future-holds`)).toEqual({ traceId: TID, parentSpanId: SID, sampled: true });
    expect(parseTraceparent(`00-${TID}-${SID}-01-extra`)).toBeUndefined();
  });

  it.each([
    ['version ff', `ff-${TID}-${SID}-01`],
    ['uppercase', `00-${TID.toUpperCase()}-${SID}-01`],
    ['zero trace id', `00-${'0'.repeat(32)}-${SID}-01`],
    ['zero span id', `00-${TID}-${'0'.repeat(16)}-01`],
    ['short flags', `00-${TID}-${SID}-1`],
    ['missing flags', `00-${TID}-${SID}`],
    ['sentry-trace', `${TID}-${SID}-1`],
    ['empty', ''],
  ])('rejects %s', (_label, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    for (const v of [undefined, null, 1, {}]) expect(parseTraceparent(v)).toBeUndefined();
  });

  it('serialises 01 / 00; an open decision goes out as 00', () => {
    expect(serializeTraceparent(TID, SID, true)).toBe(`00-${TID}-${SID}-01`);
    expect(serializeTraceparent(TID, SID, false)).toBe(`00-${TID}-${SID}-00`);
    expect(serializeTraceparent(TID, SID)).toBe(`00-${TID}-${SID}-00`);
  });

  it('property: serialise then parse gives the same ids and flag', () => {
    fc.assert(
      fc.property(hexId(32), hexId(16), fc.boolean(), (t, s, sampled) => {
        const header = serializeTraceparent(t, s, sampled);
        expect(header).toMatch(TRACEPARENT);
        expect(parseTraceparent(header)).toEqual({ traceId: t, parentSpanId: s, sampled });
      }),
    );
  });

  it('property: arbitrary strings never throw, and anything accepted is well-formed', () => {
    fc.assert(
      fc.property(anyString('0123456789abcdef-'), (s) => {
        const r = parseTraceparent(s);
        if (r) {
          expect(r.traceId).toMatch(HEX32);
          expect(r.parentSpanId).toMatch(HEX16);
          expect(typeof r.sampled).toBe('boolean');
        }
      }),
    );
  });
});
