import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateSpanId, generateTraceId } from '../src/core/ids';

describe('ids', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are lowercase hex of 32 (trace) and 16 (span) characters', () => {
    for (let i = 0; i < 1000; i++) {
      expect(generateTraceId()).toMatch(/^[0-9a-f]{32}$/);
      expect(generateSpanId()).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('write each random word as its eight hex digits, top nibble first', () => {
    const words = [0x0123_4567, 0x89ab_cdef, 0x0000_0001, 0xf000_0000];
    vi.spyOn(Math, 'random').mockImplementation(() => words.shift()! / 0x1_0000_0000);
    expect(generateTraceId()).toBe('0123456789abcdef00000001f0000000');
  });

  it('every digit position takes every value', () => {
    const seen = Array.from({ length: 32 }, () => new Set<string>());
    for (let i = 0; i < 2000; i++) [...generateTraceId()].forEach((c, p) => seen[p]!.add(c));
    expect(seen.map((s) => s.size)).toEqual(Array(32).fill(16));
  });

  it('are never all zeros (W3C Trace Context: invalid), drawing again instead', () => {
    const draws = [0, 0, 0, 0, 0.5, 0, 0, 0];
    vi.spyOn(Math, 'random').mockImplementation(() => draws.shift() ?? 0.25);
    const id = generateTraceId();
    expect(id).not.toMatch(/^0+$/);
    expect(id).toBe('8'.padEnd(32, '0'));
  });
});
