import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { getSampleRand, sample } from '../src/core/sampling';
import type { SamplingContext } from '../src/core/types';
import { makeClient, useFakeClock } from './helpers';

const base = { name: 'tx', attributes: { a: 1 }, sampleRand: 0.4 };
const noLog = (): void => undefined;

describe('sample(): precedence', () => {
  it('tracesSampler wins over the parent decision and over tracesSampleRate', () => {
    const sampler = vi.fn(() => 0.5);
    const d = sample({ ...base, parentSampled: false }, { tracesSampleRate: 0, tracesSampler: sampler }, noLog);
    expect(d).toEqual({ sampled: true, sampleRate: 0.5 }); // 0.4 < 0.5
    expect(sampler).toHaveBeenCalledTimes(1);
    const ctx = sampler.mock.calls[0] as unknown as [SamplingContext];
    expect(ctx[0]).toMatchObject({ name: 'tx', attributes: { a: 1 }, parentSampled: false });
  });

  it('the parent decision wins over tracesSampleRate', () => {
    expect(sample({ ...base, parentSampled: true }, { tracesSampleRate: 0 }, noLog)).toEqual({ sampled: true, sampleRate: undefined });
    expect(sample({ ...base, parentSampled: false, parentSampleRate: 0.9 }, { tracesSampleRate: 1 }, noLog)).toEqual({
      sampled: false,
      sampleRate: 0.9,
    });
  });

  it('tracesSampleRate decides a new trace: sampled when sampleRand < rate', () => {
    expect(sample({ ...base, sampleRand: 0.3 }, { tracesSampleRate: 0.3 }, noLog)).toEqual({ sampled: false, sampleRate: 0.3 });
    expect(sample({ ...base, sampleRand: 0.2999 }, { tracesSampleRate: 0.3 }, noLog)).toEqual({ sampled: true, sampleRate: 0.3 });
    expect(sample({ ...base, sampleRand: 0 }, { tracesSampleRate: 0 }, noLog).sampled).toBe(false);
    expect(sample({ ...base, sampleRand: 0.999999 }, { tracesSampleRate: 1 }, noLog).sampled).toBe(true);
  });

  it('without sampler or rate nothing is sampled and no rate recorded', () => {
    expect(sample(base, {}, noLog)).toEqual({ sampled: false });
  });

  it('a boolean from the sampler is a decision with rate 1 or 0', () => {
    expect(sample(base, { tracesSampler: () => true }, noLog)).toEqual({ sampled: true, sampleRate: 1 });
    expect(sample(base, { tracesSampler: () => false, tracesSampleRate: 1 }, noLog)).toEqual({ sampled: false, sampleRate: 0 });
  });

  it('inheritOrSampleWith: parent rate, else parent decision, else the fallback', () => {
    const seen: number[] = [];
    const sampler = (c: SamplingContext): number => {
      const r = c.inheritOrSampleWith(0.7);
      seen.push(r);
      return r;
    };
    sample({ ...base, parentSampled: true, parentSampleRate: 0.25 }, { tracesSampler: sampler }, noLog);
    sample({ ...base, parentSampled: true }, { tracesSampler: sampler }, noLog);
    sample({ ...base, parentSampled: false }, { tracesSampler: sampler }, noLog);
    const d = sample(base, { tracesSampler: sampler }, noLog);
    expect(seen).toEqual([0.25, 1, 0, 0.7]);
    expect(d).toEqual({ sampled: true, sampleRate: 0.7 });
  });

  it('a sampler that throws or returns nonsense samples nothing and says why', () => {
    const log = vi.fn();
    expect(sample(base, { tracesSampler: () => { throw new Error('boom'); } }, log)).toEqual({ sampled: false, sampleRate: 0 });
    expect(log.mock.calls[0]![0]).toMatch(/threw/);
    for (const bad of [2, -0.1, Number.NaN, '0.5', null, undefined, {}]) {
      expect(sample(base, { tracesSampler: () => bad as never }, log)).toEqual({ sampled: false, sampleRate: 0 });
    }
    expect(sample(base, { tracesSampleRate: 1.5 }, log)).toEqual({ sampled: false, sampleRate: 0 });
  });

  it('property: for any rate and sampleRand, sampled iff sampleRand < rate', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (rate, rand) => {
        const d = sample({ name: 'x', attributes: {}, sampleRand: rand }, { tracesSampleRate: rate }, noLog);
        expect(d).toEqual({ sampled: rand < rate, sampleRate: rate });
      }),
    );
  });
});

describe('getSampleRand()', () => {
  it('takes a valid incoming sample_rand as it is', () => {
    expect(getSampleRand(() => 0.9, { sampleRand: '0.123456' })).toBe(0.123456);
  });

  it('ignores an invalid one and draws', () => {
    expect(getSampleRand(() => 0.9, { sampleRand: '1' })).toBe(0.9);
    expect(getSampleRand(() => 0.9, { sampleRand: 'abc' })).toBe(0.9);
    expect(getSampleRand(() => 0.9, { sampleRand: '-0.1' })).toBe(0.9);
    expect(getSampleRand(() => 0.9)).toBe(0.9);
  });

  it('stays below 1 for a negative decision when random() is just under 1 (float rounding)', () => {
    const rand = getSampleRand(() => 0.9999999999999992, { sampled: false, sampleRate: '0.9196428571428572' });
    expect(rand).toBeGreaterThanOrEqual(0.9196428571428572);
    expect(rand).toBeLessThan(1);
  });

  it('agrees with an incoming decision made at a known rate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.boolean(),
        (r, rate, sampled) => {
          const rand = getSampleRand(() => r, { sampled, sampleRate: String(rate) });
          expect(rand).toBeGreaterThanOrEqual(0);
          expect(rand).toBeLessThan(1);
          expect(rand < rate).toBe(sampled);
        },
      ),
    );
  });
});

describe('Client: one decision per trace', () => {
  beforeEach(useFakeClock);
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the first root decides; later roots of the same trace inherit it', () => {
    const sampler = vi.fn((c: SamplingContext) => (c.parentSampled === undefined ? 0.5 : c.inheritOrSampleWith(0)));
    const h = makeClient({ tracesSampleRate: undefined, tracesSampler: sampler });
    h.platform.randomValue = 0.1;
    const c = h.client;
    c.setTrace({ ...c.currentTrace(), sampleRand: 0.1 });
    const a = c.startSpan({ name: 'a', parentSpan: null });
    const b = c.startSpan({ name: 'b', parentSpan: null });
    expect(a.sampled).toBe(true);
    expect(b.sampled).toBe(true);
    expect(sampler.mock.calls[1]![0].parentSampled).toBe(true);
    expect(c.currentTrace().sampled).toBe(true);
    expect(c.currentTrace().sampleRate).toBe(0.5);
  });

  it('uses the trace sample_rand so the same trace is decided the same way', () => {
    const h = makeClient({ tracesSampleRate: 0.5 });
    h.client.setTrace({ ...h.client.currentTrace(), sampleRand: 0.7 });
    expect(h.client.startSpan({ name: 'x', parentSpan: null }).sampled).toBe(false);
    h.client.setTrace({ ...h.client.currentTrace(), sampled: undefined, sampleRand: 0.2 });
    expect(h.client.startSpan({ name: 'x', parentSpan: null }).sampled).toBe(true);
  });

  it('children take their transaction decision; unsampled transactions are not sent', () => {
    const h = makeClient({ tracesSampleRate: 0 });
    const root = h.client.startSpan({ name: 'r', parentSpan: null });
    const child = h.client.startSpan({ name: 'c', parentSpan: root });
    expect(root.sampled).toBe(false);
    expect(child.sampled).toBe(false);
    expect(child.isRecording()).toBe(false);
    child.end();
    root.end();
    expect(h.delivery.sent).toHaveLength(0);
  });

  it('tracing is off without tracesSampleRate and tracesSampler: nothing sampled, nothing sent', () => {
    const h = makeClient({ tracesSampleRate: undefined });
    expect(h.client.tracingEnabled).toBe(false);
    const root = h.client.startSpan({ name: 'r', parentSpan: null });
    expect(root.sampled).toBe(false);
    root.end();
    expect(h.delivery.sent).toHaveLength(0);
    expect(h.client.currentTrace().sampled).toBeUndefined();
  });

  it('records the rate on the transaction', () => {
    const h = makeClient({ tracesSampleRate: 0.5 });
    h.client.setTrace({ ...h.client.currentTrace(), sampleRand: 0.1 });
    h.client.startSpan({ name: 'r', parentSpan: null }).end();
    expect(h.events()[0]!.contexts.trace.data['sentry.sample_rate']).toBe(0.5);
  });
});
