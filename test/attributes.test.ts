// docs/contract.md §2, after StartSpanOptions: no attribute value may cost a transaction.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_ATTRIBUTE_STRING, normalizeAttribute } from '../src/core/attributes';
import { makeClient, useFakeClock } from './helpers';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

const cyclic = (): Record<string, unknown> => {
  const o: Record<string, unknown> = { a: 1 };
  o.self = o;
  return o;
};
const throwingGetter = (): object =>
  Object.defineProperty({}, 'boom', {
    enumerable: true,
    get() {
      throw new Error('getter');
    },
  });
const revoked = (): object => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
};

describe('normalizeAttribute', () => {
  it('keeps strings, numbers, booleans and arrays of them, without a debug line', () => {
    const log = vi.fn();
    for (const v of ['s', 0, -1.5, true, false, ['a', 1, true], []]) expect(normalizeAttribute(v, log)).toEqual(v);
    expect(log).not.toHaveBeenCalled();
  });

  it('copies an array, so later changes to it do not show', () => {
    const arr = ['a'];
    const kept = normalizeAttribute(arr, vi.fn());
    arr.push('b');
    expect(kept).toEqual(['a']);
  });

  it.each([
    ['a cycle', cyclic, '{"a":1,"self":"[Circular]"}'],
    ['a function', () => function named() {}, '[Function: named]'],
    ['a BigInt', () => 12n, '12n'],
    ['a symbol', () => Symbol('s'), 'Symbol(s)'],
    ['a getter that throws', throwingGetter, '[object Object]'],
    [
      'a toJSON that throws',
      () => ({
        toJSON: () => {
          throw new Error('x');
        },
      }),
      '[object Object]',
    ],
    ['a revoked Proxy', revoked, '[unserializable]'],
    ['null', () => null, 'null'],
    ['an array with an object', () => [1, { b: 2n }], '[1,{"b":"2n"}]'],
    ['a Date', () => new Date(0), '"1970-01-01T00:00:00.000Z"'],
  ])('%s becomes a string form, with a debug line', (_label, make, form) => {
    const log = vi.fn();
    expect(normalizeAttribute(make(), log)).toBe(form);
    expect(log).toHaveBeenCalledWith(form);
  });

  it('bounds the string form', () => {
    const form = normalizeAttribute({ big: 'x'.repeat(10_000) }, vi.fn()) as string;
    expect(form).toHaveLength(MAX_ATTRIBUTE_STRING);
    expect(form.endsWith('…')).toBe(true);
  });
});

describe('span attributes', () => {
  const bad: Record<string, () => unknown> = {
    cycle: cyclic,
    fn: () => () => 1,
    big: () => 10n ** 30n,
    sym: () => Symbol.iterator,
    getter: throwingGetter,
    revoked,
  };

  it('a transaction with every kind of bad value is still sent, each value as a string', () => {
    const log: string[] = [];
    const h = makeClient({ debug: false });
    (h.client as { log: (m: string) => void }).log = (m) => log.push(m);
    const root = h.client.startSpan({ name: 'tx', parentSpan: null });
    const child = h.client.startSpan({ name: 'child', parentSpan: root });
    for (const [key, make] of Object.entries(bad)) {
      expect(() => root.setAttribute(key, make() as never)).not.toThrow();
      expect(() => child.setAttributes({ [key]: make() as never })).not.toThrow();
    }
    child.end();
    root.end();
    const [event] = h.events();
    expect(event, 'the transaction was sent').toBeDefined();
    for (const key of Object.keys(bad)) {
      expect(typeof event!.contexts.trace.data[key]).toBe('string');
      expect(typeof event!.spans[0]!.data[key]).toBe('string');
    }
    expect(event!.contexts.trace.data.cycle).toBe('{"a":1,"self":"[Circular]"}');
    expect(log.filter((l) => l.startsWith('attribute "cycle"'))).toHaveLength(2);
  });

  it('attributes given at start are normalised too; a record whose getter throws loses only that key', () => {
    const h = makeClient();
    const attributes = Object.defineProperty({ ok: 'yes' } as Record<string, unknown>, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    const root = h.client.startSpan({ name: 'tx', parentSpan: null, attributes: { ...{ list: [1, 2] }, obj: { a: 1 } } as never });
    expect(() => root.setAttributes(attributes as never)).not.toThrow();
    root.end();
    const data = h.events()[0]!.contexts.trace.data;
    expect(data).toMatchObject({ list: [1, 2], obj: '{"a":1}', ok: 'yes' });
    expect(data).not.toHaveProperty('boom');
  });

  it('undefined still removes a key', () => {
    const h = makeClient();
    const root = h.client.startSpan({ name: 'tx', parentSpan: null, attributes: { a: 1 } });
    root.setAttribute('a', undefined);
    root.end();
    expect(h.events()[0]!.contexts.trace.data).not.toHaveProperty('a');
  });
});
