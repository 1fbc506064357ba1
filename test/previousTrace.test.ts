import { describe, expect, it } from 'vitest';
import {
  linkPreviousTrace,
  parsePreviousTrace,
  PREVIOUS_TRACE_MAX_AGE,
  type PreviousTrace,
  serializePreviousTrace,
} from '../src/core/previousTrace';
import { newTrace } from '../src/core/trace';
import { eachWithFakeClient, T0, type Harness } from './helpers';

// docs/contract.md §3 Linked traces.
let h: Harness;
eachWithFakeClient((made) => (h = made));

const previous: PreviousTrace = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), sampled: true, startTime: T0 - 1000 };
const root = (startTime = T0) => h.client.startSpan({ name: '/next', op: 'navigation', parentSpan: null, startTime });

describe('linkPreviousTrace', () => {
  it('links to the previous root as a span link and as sentry.previous_trace, which the envelope carries', () => {
    const r = root();
    expect(linkPreviousTrace(r, previous)).toBe(true);
    r.end();
    const trace = h.events()[0]!.contexts.trace;
    expect(trace.links).toEqual([
      { trace_id: previous.traceId, span_id: previous.spanId, sampled: true, attributes: { 'sentry.link.type': 'previous_trace' } },
    ]);
    expect(trace.data['sentry.previous_trace']).toBe(`${previous.traceId}-${previous.spanId}-1`);
  });

  it('writes 0 for an unsampled previous trace', () => {
    const r = root();
    linkPreviousTrace(r, { ...previous, sampled: false });
    expect(r.attributes['sentry.previous_trace']).toBe(`${previous.traceId}-${previous.spanId}-0`);
    expect(r.links![0]!.sampled).toBe(false);
  });

  it('does not link a previous trace that started an hour or more before', () => {
    const r = root();
    expect(linkPreviousTrace(r, { ...previous, startTime: T0 - PREVIOUS_TRACE_MAX_AGE })).toBe(false);
    expect(linkPreviousTrace(r, { ...previous, startTime: T0 - PREVIOUS_TRACE_MAX_AGE + 1 })).toBe(true);
  });

  it('does not link to nothing, to its own trace, or to a root from the future', () => {
    const r = root();
    expect(linkPreviousTrace(r, undefined)).toBe(false);
    expect(linkPreviousTrace(r, { ...previous, traceId: r.traceId })).toBe(false);
    expect(linkPreviousTrace(r, { ...previous, startTime: T0 + 10 })).toBe(false);
    expect(r.links).toBeUndefined();
    r.end();
    const trace = h.events()[0]!.contexts.trace;
    expect(trace).not.toHaveProperty('links');
    expect(trace.data).not.toHaveProperty('sentry.previous_trace');
  });

  it('a root becomes the previous trace of the next one', () => {
    const first = root(T0);
    h.client.setTrace(newTrace(Math.random));
    const second = root(T0 + 5000);
    linkPreviousTrace(second, parsePreviousTrace(serializePreviousTrace(first)));
    expect(second.links).toEqual([
      { traceId: first.traceId, spanId: first.spanId, sampled: true, attributes: { 'sentry.link.type': 'previous_trace' } },
    ]);
  });
});

describe('parsePreviousTrace', () => {
  it('reads what was stored', () => {
    const r = root(T0 + 0.4);
    expect(serializePreviousTrace(r)).toBe(`${r.traceId}-${r.spanId}-1-${T0}`);
    expect(parsePreviousTrace(serializePreviousTrace(r))).toEqual({ traceId: r.traceId, spanId: r.spanId, sampled: true, startTime: T0 });
    expect(parsePreviousTrace(`${previous.traceId}-${previous.spanId}-0-${T0}`)!.sampled).toBe(false);
  });

  it.each([
    ['nothing', null],
    ['empty', ''],
    ['JSON', JSON.stringify(previous)],
    ['a short trace id', `abc-${previous.spanId}-1-${T0}`],
    ['an upper-case span id', `${previous.traceId}-${'B'.repeat(16)}-1-${T0}`],
    ['a sampled flag other than 0 or 1', `${previous.traceId}-${previous.spanId}-2-${T0}`],
    ['no start time', `${previous.traceId}-${previous.spanId}-1`],
    ['a start time that is not a number', `${previous.traceId}-${previous.spanId}-1-soon`],
  ])('gives undefined for %s', (_, text) => {
    expect(parsePreviousTrace(text)).toBeUndefined();
  });
});
