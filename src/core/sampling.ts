import type { Attributes, SamplingContext } from './types';

export type TracesSampler = (ctx: SamplingContext) => number | boolean;

export interface SamplingInput {
  name: string;
  attributes: Attributes;
  /** The incoming or parent decision, when there is one. */
  parentSampled?: boolean;
  /** The rate the parent trace was sampled with, from incoming baggage. */
  parentSampleRate?: number;
  /** The trace's random number in [0, 1): one per trace, so that one trace gets one decision. */
  sampleRand: number;
}

export interface SamplingDecision {
  sampled: boolean;
  /** The rate the decision was made with; undefined when tracing is off. */
  sampleRate?: number;
}

// NaN fails both comparisons.
export const validRate = (r: unknown): r is number => typeof r === 'number' && r >= 0 && r <= 1;

/**
 * `tracesSampleRate` as given: a numeric string such as `'0.5'` becomes its number (docs/contract.md
 * §2); anything else is returned as it is, for {@link sample} to judge.
 */
export function readRate<T>(rate: T): T | number {
  return typeof rate === 'string' && rate.trim() !== '' && !Number.isNaN(Number(rate)) ? Number(rate) : rate;
}

/**
 * Decides whether a new transaction is sampled. Precedence: `tracesSampler` when given (it may
 * choose to inherit via `inheritOrSampleWith`), else the parent's decision, else `tracesSampleRate`.
 * A sampler that throws or returns nonsense samples nothing, and says why through `log`.
 */
export function sample(
  input: SamplingInput,
  options: { tracesSampleRate?: unknown; tracesSampler?: TracesSampler },
  log: (m: string) => void,
): SamplingDecision {
  let rate: unknown;
  if (typeof options.tracesSampler === 'function') {
    try {
      rate = options.tracesSampler({
        name: input.name,
        attributes: input.attributes,
        parentSampled: input.parentSampled,
        inheritOrSampleWith: (fallback) =>
          input.parentSampleRate ?? (input.parentSampled === undefined ? fallback : Number(input.parentSampled)),
      });
    } catch (e) {
      log(`tracesSampler threw, not sampling: ${String(e)}`);
      return { sampled: false, sampleRate: 0 };
    }
  } else if (input.parentSampled !== undefined) {
    return { sampled: input.parentSampled, sampleRate: input.parentSampleRate };
  } else if (options.tracesSampleRate !== undefined) {
    rate = options.tracesSampleRate;
  } else {
    return { sampled: false };
  }
  if (typeof rate === 'boolean') return { sampled: rate, sampleRate: Number(rate) };
  if (!validRate(rate)) {
    log(`invalid sample rate ${String(rate)}, not sampling`);
    return { sampled: false, sampleRate: 0 };
  }
  return { sampled: input.sampleRand < rate, sampleRate: rate };
}

/**
 * The trace's `sample_rand`: taken from incoming baggage when valid; otherwise drawn so that it
 * agrees with an incoming decision made at a known rate (below the rate when sampled, above when not).
 */
export function getSampleRand(random: () => number, incoming?: { sampleRand?: string; sampled?: boolean; sampleRate?: string }): number {
  // Number(undefined) is NaN, which no range check lets through.
  const given = Number(incoming?.sampleRand);
  if (given >= 0 && given < 1) return given;
  const rate = Number(incoming?.sampleRate);
  const r = random();
  if (incoming?.sampled !== undefined && validRate(rate)) {
    // Floating point can round the upper branch to exactly 1; sample_rand lives in [0, 1).
    return Math.min(incoming.sampled ? r * rate : rate + r * (1 - rate), 0.999999);
  }
  return r;
}
