import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_BAGGAGE_BYTES, MAX_BAGGAGE_MEMBERS, mergeBaggage, parseBaggage, serializeDsc } from '../src/core/propagation/baggage';
import { anyString } from './helpers';

const bytes = (s: string): number => new TextEncoder().encode(s).length;
const members = (s: string): number => (s ? s.split(',').length : 0);

describe('parseBaggage', () => {
  it('splits sentry- entries (decoded, prefix removed) from third-party ones (kept as they came)', () => {
    const p = parseBaggage('sentry-trace_id=abc,sentry-transaction=GET%20%2Fcart%2C%20all, vendor=x%20y;prop=1 ,sentry-release=1.0%2Bbuild');
    expect(p.sentry).toEqual({ trace_id: 'abc', transaction: 'GET /cart, all', release: '1.0+build' });
    expect(p.thirdParty).toEqual(['vendor=x%20y;prop=1']);
  });

  it('drops member properties from sentry values', () => {
    expect(parseBaggage('sentry-sampled=true;ttl=5').sentry).toEqual({ sampled: 'true' });
  });

  it('joins several header values', () => {
    expect(parseBaggage(['sentry-a=1,x=1', 'sentry-b=2']).sentry).toEqual({ a: '1', b: '2' });
    expect(parseBaggage(['sentry-a=1,x=1', 'sentry-b=2']).thirdParty).toEqual(['x=1']);
  });

  it('skips malformed members without throwing', () => {
    const p = parseBaggage('noeq, =v, bad key=1, "q"=1, sentry-bad=%E0%A4%A, sentry-=x, ,,sentry-ok=1');
    expect(p.sentry).toEqual({ ok: '1' });
    expect(p.thirdParty).toEqual([]);
  });

  it('takes a member named sentry-__proto__ as a key like any other', () => {
    const { sentry } = parseBaggage('sentry-__proto__=x,sentry-trace_id=abc');
    expect(Object.keys(sentry)).toEqual(['__proto__', 'trace_id']);
    expect(sentry.__proto__).toBe('x');
  });

  it('keeps an empty sentry value', () => {
    expect(parseBaggage('sentry-release=').sentry).toEqual({ release: '' });
  });

  it('gives nothing for non-strings', () => {
    for (const v of [undefined, null, 3, {}, [1, null]]) expect(parseBaggage(v)).toEqual({ sentry: {}, thirdParty: [] });
  });

  it('property: arbitrary strings never throw', () => {
    fc.assert(
      fc.property(anyString('sentry-=,;% abc'), (s) => {
        const p = parseBaggage(s);
        for (const k of Object.keys(p.sentry)) expect(typeof p.sentry[k]).toBe('string');
      }),
    );
  });
});

describe('serializeDsc', () => {
  it('prefixes, percent-encodes and leaves out empty values', () => {
    expect(
      serializeDsc({ trace_id: 'abc', transaction: 'GET /a,b;c=d é', release: '', environment: undefined, sampled: 'true' }),
    ).toBe('sentry-trace_id=abc,sentry-transaction=GET%20%2Fa%2Cb%3Bc%3Dd%20%C3%A9,sentry-sampled=true');
  });

  it('stays within 64 members', () => {
    const dsc: Record<string, string> = {};
    for (let i = 0; i < 100; i++) dsc[`k${i}`] = 'v';
    const out = serializeDsc(dsc);
    expect(members(out)).toBe(MAX_BAGGAGE_MEMBERS);
    expect(MAX_BAGGAGE_MEMBERS).toBe(64);
  });

  it('stays within 8192 bytes, leaving out what does not fit', () => {
    const out = serializeDsc({ trace_id: 'abc', transaction: 'x'.repeat(9000), environment: 'prod' });
    expect(MAX_BAGGAGE_BYTES).toBe(8192);
    expect(out).toBe('sentry-trace_id=abc,sentry-environment=prod');
  });

  it('property: serialise then parse gives the context back', () => {
    const key = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_'), minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(fc.dictionary(key, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), { maxKeys: 12 }), (dsc) => {
        expect(parseBaggage(serializeDsc(dsc)).sentry).toEqual({ ...dsc });
      }),
    );
  });

  it('property: arbitrary values (lone surrogates included) never throw', () => {
    fc.assert(
      fc.property(anyString(), anyString(), (transaction, release) => {
        const out = serializeDsc({ trace_id: 'abc', transaction, release });
        expect(out.startsWith('sentry-trace_id=abc')).toBe(true);
      }),
    );
  });

  it('a lone surrogate in a value does not throw (it is left out or replaced)', () => {
    expect(() => serializeDsc({ trace_id: 'abc', transaction: 'cut emoji \uD83D' })).not.toThrow();
  });
});

describe('mergeBaggage', () => {
  const ours = serializeDsc({ trace_id: 'abc', sampled: 'true' });

  it('appends ours to third-party members, which are kept', () => {
    expect(mergeBaggage('vendor=1, other=2;p', ours)).toBe('vendor=1, other=2;p,sentry-trace_id=abc,sentry-sampled=true');
    expect(mergeBaggage(undefined, ours)).toBe(ours);
    expect(mergeBaggage(null, ours)).toBe(ours);
    expect(mergeBaggage('  ', ours)).toBe(ours);
  });

  it('never doubles sentry- entries: an existing value with some is left as it is', () => {
    expect(mergeBaggage('sentry-trace_id=zzz,vendor=1', ours)).toBe('sentry-trace_id=zzz,vendor=1');
    expect(mergeBaggage('vendor=1, sentry-sampled=false', ours)).toBe('vendor=1, sentry-sampled=false');
  });

  it('with nothing of ours, keeps the existing value', () => {
    expect(mergeBaggage('vendor=1', '')).toBe('vendor=1');
  });

  it('adds only what fits in 64 members', () => {
    const prior = Array.from({ length: 63 }, (_, i) => `m${i}=1`).join(',');
    const out = mergeBaggage(prior, ours);
    expect(members(out)).toBe(64);
    expect(out.endsWith(',sentry-trace_id=abc')).toBe(true);
  });

  it('adds only what fits in 8192 bytes, counting multi-byte characters as bytes', () => {
    const prior = `v=${'é'.repeat(4085)}`; // 2 + 8170 bytes, 4087 characters
    expect(bytes(prior)).toBe(8172);
    const out = mergeBaggage(prior, 'sentry-a=1,sentry-bb=12345678901234567890');
    expect(out).toBe(`${prior},sentry-a=1`);
    expect(bytes(out)).toBeLessThanOrEqual(8192);
  });

  it('property: third-party members survive and ours parse back', () => {
    const tp = fc.array(
      fc.tuple(fc.string({ unit: fc.constantFrom(...'abcxyz'), minLength: 1, maxLength: 8 }), fc.string({ unit: fc.constantFrom(...'0123456789%AF'), maxLength: 10 })),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(tp, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (pairs, name) => {
        const prior = pairs.map(([k, v]) => `${k}=${v}`).join(',');
        const out = mergeBaggage(prior, serializeDsc({ trace_id: 'abc', transaction: name }));
        const p = parseBaggage(out);
        expect(p.thirdParty).toEqual(pairs.map(([k, v]) => `${k}=${v}`));
        expect(p.sentry).toEqual({ trace_id: 'abc', transaction: name });
      }),
    );
  });

  it('property: never throws and stays within the limits when the existing value did', () => {
    fc.assert(
      fc.property(anyString('a=,;sentry- é'), fc.dictionary(fc.constantFrom('trace_id', 'release', 'transaction', 'environment'), fc.string({ maxLength: 3000 })), (prior, dsc) => {
        const out = mergeBaggage(prior, serializeDsc(dsc));
        if (members(prior.trim()) <= 64 && bytes(prior.trim()) <= 8192) {
          expect(members(out)).toBeLessThanOrEqual(64);
          expect(bytes(out)).toBeLessThanOrEqual(8192);
        }
      }),
    );
  });
});
