import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeDestinations, describeInit, unknownOptionWarnings } from '../src/core/initReport';
import { browserTracingIntegration, init } from '../src/index';

describe('unknownOptionWarnings', () => {
  it('names an unknown option and the known one it most likely meant', () => {
    expect(unknownOptionWarnings({ integration: [], tracessamplerate: 1, tracesSampleRate: 1 })).toEqual([
      'unknown option "integration" ignored, did you mean "integrations"?',
      'unknown option "tracessamplerate" ignored, did you mean "tracesSampleRate"?',
    ]);
  });

  it('suggests nothing when no known option is near, and nothing at all for known options', () => {
    expect(unknownOptionWarnings({ colour: 'blue' })).toEqual(['unknown option "colour" ignored']);
    expect(unknownOptionWarnings({ dsn: 'x', debug: true, otlp: 'u', resource: {}, ignoreSpans: [] })).toEqual([]);
  });
});

describe('describeDestinations / describeInit', () => {
  it('lists every destination, the envelope endpoint without its query', () => {
    const to = describeDestinations(
      { otlp: { url: 'https://collector.example.com:4318/v1/traces' } },
      'https://o0.ingest.example.com/api/1/envelope/?sentry_key=k',
      'http://localhost:8969/stream',
    );
    expect(to).toEqual([
      'Sentry envelopes to https://o0.ingest.example.com/api/1/envelope/',
      'Spotlight at http://localhost:8969/stream',
      'OTLP/HTTP JSON to https://collector.example.com:4318/v1/traces',
    ]);
    expect(describeDestinations({ transport: () => Promise.resolve() }, 'https://ignored/', undefined)).toEqual(['the custom transport']);
  });

  it('says how to turn tracing on when no sample rate is set, and not otherwise', () => {
    const off = describeInit({}, ['the custom transport'], ['BrowserTracing']);
    expect(off).toEqual([
      'initialised with BrowserTracing',
      'transactions go to the custom transport',
      expect.stringContaining('set tracesSampleRate'),
    ]);
    expect(describeInit({ tracesSampleRate: 0.5 }, ['x'], [])).toEqual([
      expect.stringContaining('without integrations'),
      'transactions go to x',
    ]);
    expect(describeInit({ tracesSampler: () => 1 }, ['x'], ['A']).some((l) => l.includes('tracing is off'))).toBe(false);
  });
});

describe('init with debug: true', () => {
  afterEach(() => init({ enabled: false }));

  // The report is code of its own, loaded only with debug (loaders.ts): its lines come once it has loaded.
  const logged = async (options: Parameters<typeof init>[0]): Promise<string[]> => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    init(options);
    await vi.dynamicImportSettled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const lines = spy.mock.calls.map((call) => String(call[0]));
    spy.mockRestore();
    return lines;
  };

  it('reports what it installed, where transactions go, a mistyped option and the missing sample rate', async () => {
    const lines = await logged({
      dsn: 'https://public@o0.ingest.example.com/1',
      debug: true,
      integrations: [{ name: 'Custom', setup: () => undefined }],
      // @ts-expect-error the typo under test
      integration: [browserTracingIntegration()],
    });
    expect(lines).toEqual([
      '[tracewire] unknown option "integration" ignored, did you mean "integrations"?',
      '[tracewire] initialised with Custom',
      '[tracewire] transactions go to Sentry envelopes to https://o0.ingest.example.com/api/1/envelope/',
      expect.stringMatching(/^\[tracewire\] tracing is off: .*set tracesSampleRate/),
    ]);
  });

  it('says nothing without debug, and no warning or hint for a correct set-up', async () => {
    expect(await logged({ dsn: 'https://public@o0.ingest.example.com/1', tracesSampleRate: 1 })).toEqual([]);
    const lines = await logged({ transport: () => Promise.resolve(), tracesSampleRate: 1, debug: true });
    expect(lines).toEqual([
      '[tracewire] initialised without integrations: no pageload, navigation or request spans (add browserTracingIntegration())',
      '[tracewire] transactions go to the custom transport',
    ]);
  });
});
