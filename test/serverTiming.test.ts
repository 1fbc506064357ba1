import { describe, expect, it, vi } from 'vitest';
import { decodeBaggageDescription, readServerTimingTrace } from '../src/browser/serverTiming';
import { frameAttributes } from '../src/browser/longAnimationFrames';

// docs/contract.md §3 Server-Timing continuation.
const ID = '4c79f60c11214eb38604f4ae0781bfb2-fa90fdead5f74052-1';

function navigationWith(serverTiming: { name: string; description: string }[] | undefined): void {
  vi.spyOn(performance, 'getEntriesByType').mockReturnValue([{ serverTiming } as unknown as PerformanceEntry]);
}

describe('decodeBaggageDescription', () => {
  it('keeps a raw baggage value (it has an =) as it is, percent-escapes included', () => {
    expect(decodeBaggageDescription('sentry-trace_id=abc,sentry-release=a%40b')).toBe('sentry-trace_id=abc,sentry-release=a%40b');
  });

  it('decodes a value percent-encoded as a whole once', () => {
    expect(decodeBaggageDescription('sentry-trace_id%3Dabc%2Csentry-release%3Da%2540b')).toBe('sentry-trace_id=abc,sentry-release=a%40b');
  });

  it('gives undefined for a broken escape', () => {
    expect(decodeBaggageDescription('sentry-trace_id%3Dabc%E0%A4%A')).toBeUndefined();
  });
});

describe('readServerTimingTrace', () => {
  it('reads sentry-trace, baggage and traceparent from their descriptions', () => {
    navigationWith([
      { name: 'cache', description: 'hit' },
      { name: 'sentry-trace', description: ID },
      { name: 'baggage', description: 'sentry-trace_id%3D4c79' },
      { name: 'traceparent', description: '00-x-y-01' },
    ]);
    expect(readServerTimingTrace()).toEqual({ sentryTrace: ID, baggage: 'sentry-trace_id=4c79', traceparent: '00-x-y-01' });
  });

  it('takes the first entry of each name and skips values too long to be real', () => {
    navigationWith([
      { name: 'sentry-trace', description: 'x'.repeat(9000) },
      { name: 'sentry-trace', description: ID },
      { name: 'sentry-trace', description: 'later' },
    ]);
    expect(readServerTimingTrace().sentryTrace).toBe(ID);
  });

  it('is empty without a navigation entry, without serverTiming, or when the timeline throws', () => {
    const empty = { sentryTrace: undefined, baggage: undefined, traceparent: undefined };
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([]);
    expect(readServerTimingTrace()).toEqual(empty);
    navigationWith(undefined);
    expect(readServerTimingTrace()).toEqual(empty);
    vi.spyOn(performance, 'getEntriesByType').mockImplementation(() => {
      throw new Error('no timeline');
    });
    expect(readServerTimingTrace()).toEqual(empty);
  });
});

// docs/contract.md §3 Browser spans.
describe('frameAttributes (Long Animation Frames)', () => {
  const frame = (scripts?: object[], blockingDuration?: number) =>
    ({ name: 'long-animation-frame', entryType: 'long-animation-frame', startTime: 10, duration: 120, blockingDuration, scripts }) as never;

  it('records the blocking duration and the longest script', () => {
    const data = frameAttributes(
      frame(
        [
          { duration: 20, invoker: 'short', invokerType: 'event-listener', sourceURL: 'a.js', sourceFunctionName: 'a' },
          {
            duration: 90,
            invoker: 'BUTTON#go.onclick',
            invokerType: 'event-listener',
            sourceURL: 'https://app/block.js',
            sourceFunctionName: 'block',
          },
        ],
        42,
      ),
    );
    expect(data).toEqual({
      'sentry.origin': 'auto.ui.browser.metrics',
      'browser.frame.blocking_duration': 42,
      'browser.script.invoker': 'BUTTON#go.onclick',
      'browser.script.invoker_type': 'event-listener',
      'browser.script.source_url': 'https://app/block.js',
      'browser.script.source_function_name': 'block',
      'browser.script.duration': 90,
    });
  });

  it('leaves out what the browser did not give', () => {
    expect(frameAttributes(frame(undefined, undefined))).toEqual({ 'sentry.origin': 'auto.ui.browser.metrics' });
    expect(frameAttributes(frame([{ duration: 60, invoker: 'x', sourceURL: '', sourceFunctionName: '' }], 42))).toEqual({
      'sentry.origin': 'auto.ui.browser.metrics',
      'browser.frame.blocking_duration': 42,
      'browser.script.invoker': 'x',
      'browser.script.duration': 60,
    });
  });
});
