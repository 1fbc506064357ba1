import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { T0 } from './helpers';

// The public API keeps the platform's clock and timers it found when loaded: fake them first.
vi.useFakeTimers({ now: T0 });
const api = await import('../src/index');
// Loaded once here, so the exporter's own dynamic import resolves from the module cache under fake timers.
await import('../src/exporters/otlpExporter');

const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';

interface Call {
  url: string;
  init: RequestInit;
}
let calls: Call[];
let reply: () => Promise<Response>;

beforeEach(() => {
  calls = [];
  reply = () => Promise.resolve(new Response('{}', { status: 200 }));
  // `init` captures fetch when it runs: stub it first.
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return reply();
  });
});
afterEach(() => {
  api.init({ enabled: false });
  vi.unstubAllGlobals();
  vi.clearAllTimers();
});

/** Lets the dynamic imports (the exporter, the delivery queue) and the sends settle. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) {
    await vi.advanceTimersByTimeAsync(0);
    await vi.dynamicImportSettled();
  }
};
const otlpCalls = (): Call[] => calls.filter((c) => c.url.endsWith('/v1/traces'));

describe('init with otlp (docs/contract.md §2, §5)', () => {
  it('otlp alone is a destination: a transaction is posted as OTLP JSON with the given headers', async () => {
    api.init({
      otlp: { url: 'https://collector.example/v1/traces', headers: { 'x-api-key': 'k' } },
      tracesSampleRate: 1,
      resource: { 'service.name': 'web' },
    });
    api.startSpan({ name: 'checkout', op: 'ui.action' }, () => undefined);
    await settle();
    expect(otlpCalls()).toHaveLength(1);
    const { init } = otlpCalls()[0]!;
    expect(init.headers).toEqual({ 'x-api-key': 'k', 'Content-Type': 'application/json' });
    const body = JSON.parse(String(init.body));
    expect(body.resourceSpans[0].scopeSpans[0].spans[0]).toMatchObject({ name: 'checkout', kind: 1 });
    expect(body.resourceSpans[0].resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'web' } });
  });

  it('dsn and otlp: each receives the transaction once', async () => {
    api.init({ dsn: 'https://pub@ingest.example/1', otlp: 'https://collector.example/v1/traces', tracesSampleRate: 1 });
    api.startSpan({ name: 'both' }, () => undefined);
    await settle();
    expect(otlpCalls()).toHaveLength(1);
    expect(calls.filter((c) => c.url.includes('/api/1/envelope/'))).toHaveLength(1);
  });

  it('a continued trace: traceState and the remote-parent flag on the root', async () => {
    api.init({ otlp: 'https://collector.example/v1/traces', tracesSampleRate: 1 });
    api.continueTrace({ traceparent: `00-${TID}-${SID}-01`, tracestate: 'rojo=1' }, () =>
      api.startSpan({ name: 'continued' }, () => undefined),
    );
    await settle();
    const [root] = JSON.parse(String(otlpCalls()[0]!.init.body)).resourceSpans[0].scopeSpans[0].spans;
    expect(root).toMatchObject({ traceId: TID, parentSpanId: SID, traceState: 'rojo=1', flags: 0x301 });
  });

  it('an unsampled transaction is not exported', async () => {
    api.init({ otlp: 'https://collector.example/v1/traces', tracesSampleRate: 0 });
    api.startSpan({ name: 'dropped' }, () => undefined);
    await settle();
    expect(otlpCalls()).toEqual([]);
  });

  it('an unusable otlp value is ignored with a debug line, and nothing is installed', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    api.init({ otlp: { url: 'not a url' } as never, tracesSampleRate: 1, debug: true });
    api.startSpan({ name: 'x' }, () => undefined);
    await settle();
    expect(calls).toEqual([]);
    expect(log.mock.calls.flat().join('\n')).toMatch(/invalid otlp option/);
  });

  it('outside a browser a collector that stays down gets a bounded number of tries', async () => {
    reply = () => Promise.reject(new TypeError('ECONNREFUSED'));
    api.init({ otlp: 'https://collector.example/v1/traces', tracesSampleRate: 1 });
    api.startSpan({ name: 'down' }, () => undefined);
    await settle();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(otlpCalls()).toHaveLength(5);
    expect(await api.flush(10)).toBe(true);
  });
});
