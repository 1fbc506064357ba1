import { describe, expect, it } from 'vitest';
import { shouldPropagateTo } from '../src/core/propagation/targets';

const PAGE = 'https://app.example';
const to = (url: string, targets?: (string | RegExp)[]): boolean => shouldPropagateTo(new URL(url, `${PAGE}/page`), targets, PAGE);

describe('tracePropagationTargets', () => {
  it('default: same origin only', () => {
    expect(to('/api/cart')).toBe(true);
    expect(to('https://app.example/api')).toBe(true);
    expect(to('https://api.example/cart')).toBe(false);
    expect(to('http://app.example/api')).toBe(false); // other scheme, other origin
    expect(to('https://app.example:8443/api')).toBe(false); // other port
  });

  it('[] sends trace headers nowhere, not even same origin', () => {
    expect(to('/api/cart', [])).toBe(false);
  });

  it('strings match as substrings of the full URL', () => {
    expect(to('https://api.example/v1/cart?x=1', ['api.example'])).toBe(true);
    expect(to('https://api.example/v1/cart?x=1', ['x=1'])).toBe(true);
    expect(to('/v1/cart', ['https://app.example/v1'])).toBe(true);
    expect(to('https://cdn.example/lib.js', ['api.example'])).toBe(false);
    // A string target does not match against the bare path: the full URL must contain it.
    expect(to('/v1/cart', ['/v1/cart'])).toBe(true);
    expect(to('https://other.example/x/v1/cart', ['/v1/cart'])).toBe(true);
  });

  it('an empty string matches nothing', () => {
    expect(to('/api', [''])).toBe(false);
  });

  it('RegExps are tested on the full URL', () => {
    expect(to('https://api.example/v1', [/^https:\/\/api\.example\//])).toBe(true);
    expect(to('https://evil.example/?https://api.example/', [/^https:\/\/api\.example\//])).toBe(false);
  });

  it('RegExps are tested on the path for same-origin URLs only', () => {
    expect(to('/api/cart', [/^\/api\//])).toBe(true);
    expect(to('https://api.example/api/cart', [/^\/api\//])).toBe(false);
  });

  it('a global RegExp gives the same answer every time', () => {
    const re = /api/g;
    const results = [1, 2, 3, 4].map(() => to('https://api.example/x', [re]));
    expect(results).toEqual([true, true, true, true]);
    const sticky = /\/api/y;
    expect([1, 2, 3].map(() => to('/api', [sticky]))).toEqual([true, true, true]);
  });

  it('any matching entry is enough', () => {
    expect(to('https://b.example/', ['a.example', /b\.example/])).toBe(true);
  });

  it('ignores entries that are neither strings nor RegExps', () => {
    expect(to('https://b.example/', [42 as never, null as never, 'b.example'])).toBe(true);
    expect(to('https://c.example/', [42 as never, {} as never])).toBe(false);
  });
});
