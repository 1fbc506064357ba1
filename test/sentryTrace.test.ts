import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSentryTrace, serializeSentryTrace, spanToSentryTrace } from '../src/core/propagation/sentryTrace';
import { anyString, HEX16, HEX32 } from './helpers';
import { SENTRY_TRACE } from './wire';

const TID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SID = '00f067aa0ba902b7';

const hexId = (len: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: len, maxLength: len }).filter((s) => !/^0+$/.test(s));

describe('sentry-trace', () => {
  it('parses the three forms', () => {
    expect(parseSentryTrace(`${TID}-${SID}-1`)).toEqual({ traceId: TID, parentSpanId: SID, sampled: true });
    expect(parseSentryTrace(`${TID}-${SID}-0`)).toEqual({ traceId: TID, parentSpanId: SID, sampled: false });
    expect(parseSentryTrace(`${TID}-${SID}`)).toEqual({ traceId: TID, parentSpanId: SID, sampled: undefined });
  });

  it('tolerates surrounding blanks only', () => {
    expect(parseSentryTrace(` \t${TID}-${SID}-1 `)?.sampled).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['uppercase', `${TID.toUpperCase()}-${SID}-1`],
    ['short trace id', `${TID.slice(1)}-${SID}-1`],
    ['long span id', `${TID}-${SID}0-1`],
    ['bad flag', `${TID}-${SID}-2`],
    ['extra part', `${TID}-${SID}-1-1`],
    ['all-zero trace id', `${'0'.repeat(32)}-${SID}-1`],
    ['all-zero span id', `${TID}-${'0'.repeat(16)}-1`],
    ['non-hex', `${TID.replace('4', 'g')}-${SID}`],
    ['traceparent', `00-${TID}-${SID}-01`],
    ['embedded newline', `${TID}-${SID}\n-1`],
  ])('rejects %s', (_label, value) => {
    expect(parseSentryTrace(value)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    for (const v of [undefined, null, 42, {}, [`${TID}-${SID}`]]) expect(parseSentryTrace(v)).toBeUndefined();
  });

  it('serialises with, without and with a negative flag', () => {
    expect(serializeSentryTrace(TID, SID, true)).toBe(`${TID}-${SID}-1`);
    expect(serializeSentryTrace(TID, SID, false)).toBe(`${TID}-${SID}-0`);
    expect(serializeSentryTrace(TID, SID)).toBe(`${TID}-${SID}`);
    expect(spanToSentryTrace({ traceId: TID, spanId: SID, sampled: false })).toBe(`${TID}-${SID}-0`);
  });

  it('property: serialise then parse gives the same ids and flag', () => {
    fc.assert(
      fc.property(hexId(32), hexId(16), fc.option(fc.boolean(), { nil: undefined }), (t, s, sampled) => {
        const header = serializeSentryTrace(t, s, sampled);
        expect(header).toMatch(SENTRY_TRACE);
        expect(parseSentryTrace(header)).toEqual({ traceId: t, parentSpanId: s, sampled });
      }),
    );
  });

  it('property: arbitrary strings never throw, and anything accepted is well-formed', () => {
    fc.assert(
      fc.property(anyString('0123456789abcdef- \t'), (s) => {
        const r = parseSentryTrace(s);
        if (r) {
          expect(r.traceId).toMatch(HEX32);
          expect(r.parentSpanId).toMatch(HEX16);
        }
      }),
    );
  });
});
