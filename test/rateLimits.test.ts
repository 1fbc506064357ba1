import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRateLimited, parseRetryAfter, updateRateLimits } from '../src/transport/rateLimits';
import { anyString } from './helpers';

const NOW = 1_700_000_000_000;
const headers = (h: Record<string, string>): Headers => new Headers(h);

describe('parseRetryAfter', () => {
  it('reads delay-seconds, fractions included', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    const date = new Date(NOW + 30_000).toUTCString();
    expect(parseRetryAfter(date, NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
  });

  it('falls back to 60 s when missing or unreadable; never negative', () => {
    expect(parseRetryAfter(null, NOW)).toBe(60_000);
    expect(parseRetryAfter(undefined, NOW)).toBe(60_000);
    expect(parseRetryAfter('', NOW)).toBe(60_000);
    expect(parseRetryAfter('soon', NOW)).toBe(60_000);
    expect(parseRetryAfter('-10', NOW)).toBe(0);
  });

  it('property: arbitrary strings never throw and give a finite delay >= 0', () => {
    fc.assert(
      fc.property(anyString('0123456789.-e GMT,:'), (s) => {
        const ms = parseRetryAfter(s, NOW);
        expect(Number.isNaN(ms)).toBe(false);
        expect(ms).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('updateRateLimits', () => {
  it('429 with Retry-After limits everything for that long', () => {
    const l = updateRateLimits({}, 429, headers({ 'Retry-After': '30' }), NOW);
    expect(l).toEqual({ all: NOW + 30_000 });
    expect(isRateLimited(l, 'transaction', NOW + 29_999)).toBe(true);
    expect(isRateLimited(l, 'transaction', NOW + 30_000)).toBe(false);
  });

  it('429 without Retry-After limits everything for 60 s', () => {
    expect(updateRateLimits({}, 429, headers({}), NOW)).toEqual({ all: NOW + 60_000 });
    expect(updateRateLimits({}, 429, undefined, NOW)).toEqual({ all: NOW + 60_000 });
  });

  it('Retry-After counts only with a 429', () => {
    expect(updateRateLimits({}, 503, headers({ 'Retry-After': '30' }), NOW)).toEqual({});
    expect(updateRateLimits({}, 200, headers({ 'Retry-After': '30' }), NOW)).toEqual({});
  });

  it('X-Sentry-Rate-Limits: per category, several entries, header name in any case', () => {
    const l = updateRateLimits({}, 200, headers({ 'X-Sentry-Rate-Limits': '60:transaction;span:organization, 2700:error:project' }), NOW);
    expect(l).toEqual({ transaction: NOW + 60_000, span: NOW + 60_000, error: NOW + 2_700_000 });
    expect(isRateLimited(l, 'transaction', NOW + 59_000)).toBe(true);
    expect(isRateLimited(l, 'attachment', NOW + 1000)).toBe(false);
  });

  it('X-Sentry-Rate-Limits: no category means all; it wins over Retry-After', () => {
    const l = updateRateLimits({}, 429, headers({ 'x-sentry-rate-limits': '10::organization', 'retry-after': '999' }), NOW);
    expect(l).toEqual({ all: NOW + 10_000 });
  });

  it('a limit on another category does not block transactions', () => {
    const l = updateRateLimits({}, 429, headers({ 'X-Sentry-Rate-Limits': '60:error:key' }), NOW);
    expect(isRateLimited(l, 'transaction', NOW + 1)).toBe(false);
  });

  it('keeps earlier limits and does not mutate its input', () => {
    const before = { error: NOW + 5000 };
    const l = updateRateLimits(before, 429, headers({ 'Retry-After': '1' }), NOW);
    expect(l).toEqual({ error: NOW + 5000, all: NOW + 1000 });
    expect(before).toEqual({ error: NOW + 5000 });
  });

  it('property: arbitrary header values never throw', () => {
    fc.assert(
      fc.property(anyString('0123456789:;, transaction'), anyString('0123456789'), fc.integer({ min: 100, max: 599 }), (rl, ra, status) => {
        const get = (name: string): string | null => (name === 'x-sentry-rate-limits' ? rl : name === 'retry-after' ? ra : null);
        const l = updateRateLimits({}, status, { get }, NOW);
        for (const v of Object.values(l)) expect(typeof v).toBe('number');
      }),
    );
  });
});
