import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseBaggage } from '../src/core/propagation/baggage';
import { parseSentryTrace } from '../src/core/propagation/sentryTrace';
import { FINISH_REASON } from '../src/core/idleSpan';
import { HEX32, parseTransactionEnvelope, T0, tick, type ParsedEnvelope } from './helpers';

// The public API keeps the platform's clock and timers it found when loaded: fake them first.
vi.useFakeTimers({ now: T0 });
const api = await import('../src/index');
// The delivery queue loads after start-up (transport/lateDelivery.ts); once loaded, later inits have it
// at once, so the sends below happen as the transactions end.
api.init({ transport: () => Promise.resolve(), tracesSampleRate: 1 });
await api.flush();

const TID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SID = '00f067aa0ba902b7';

let sent: string[];
const envelopes = (): ParsedEnvelope[] => sent.map(parseTransactionEnvelope);

function initCapturing(options: Parameters<typeof api.init>[0] = {}): void {
  api.init({
    transport: (e) => {
      sent.push(e);
      return Promise.resolve();
    },
    tracesSampleRate: 1,
    ...options,
  });
}

beforeEach(() => {
  vi.clearAllTimers();
  sent = [];
  initCapturing();
});

describe('startSpan', () => {
  it('sync: runs the callback with an active span, returns its value, ends and sends the transaction', () => {
    let inside: ReturnType<typeof api.getActiveSpan>;
    const value = api.startSpan({ name: 'work', op: 'task', attributes: { k: 'v' } }, (span) => {
      inside = api.getActiveSpan();
      expect(inside).toBe(span);
      expect(span.isRecording()).toBe(true);
      return 42;
    });
    expect(value).toBe(42);
    expect(api.getActiveSpan()).toBeUndefined();
    expect(inside!.isRecording()).toBe(false);
    const [env] = envelopes();
    expect(env!.event).toMatchObject({ transaction: 'work', contexts: { trace: { op: 'task', status: 'ok', data: { k: 'v' } } } });
    expect(env!.event.contexts.trace.span_id).toBe(inside!.spanContext().spanId);
  });

  it('nested calls make child spans of one transaction', () => {
    api.startSpan({ name: 'outer' }, (outer) => {
      api.startSpan({ name: 'inner', op: 'db' }, (inner) => {
        expect(api.getRootSpan(inner)).toBe(outer);
        expect(api.getActiveSpan()).toBe(inner);
      });
      expect(api.getActiveSpan()).toBe(outer);
    });
    const [env] = envelopes();
    expect(sent).toHaveLength(1);
    expect(env!.event.spans).toHaveLength(1);
    expect(env!.event.spans[0]).toMatchObject({ description: 'inner', op: 'db', parent_span_id: env!.event.contexts.trace.span_id });
  });

  it('sync throw: rethrown, span ended with internal_error, active span restored', () => {
    const err = new Error('user bug');
    expect(() =>
      api.startSpan({ name: 'outer' }, () => {
        api.startSpan({ name: 'failing' }, () => {
          throw err;
        });
      }),
    ).toThrow(err);
    expect(api.getActiveSpan()).toBeUndefined();
    const [env] = envelopes();
    expect(env!.event.contexts.trace.status).toBe('internal_error');
    expect(env!.event.spans[0]).toMatchObject({ description: 'failing', status: 'internal_error' });
  });

  it('async: ends when the promise resolves, and returns that same promise', async () => {
    let resolve!: (v: string) => void;
    const p = new Promise<string>((r) => (resolve = r));
    const start = Date.now();
    const result = api.startSpan({ name: 'fetch data' }, () => p);
    expect(result).toBe(p);
    await vi.advanceTimersByTimeAsync(250);
    expect(sent).toHaveLength(0);
    resolve('done');
    expect(await result).toBe('done');
    await tick();
    const [env] = envelopes();
    expect(env!.event.contexts.trace.status).toBe('ok');
    expect(env!.event.timestamp - env!.event.start_timestamp).toBeCloseTo(0.25, 3);
    expect(Date.now() - start).toBe(250);
  });

  it('async: a rejected promise ends it with internal_error and still rejects for the caller', async () => {
    const result = api.startSpan({ name: 'failing async' }, () => Promise.reject(new Error('nope')));
    await expect(result).rejects.toThrow('nope');
    await tick();
    expect(envelopes()[0]!.event.contexts.trace.status).toBe('internal_error');
  });
});

describe('startSpanManual and startInactiveSpan', () => {
  it('startSpanManual: active inside, not ended by the SDK', () => {
    let span!: Parameters<Parameters<typeof api.startSpanManual>[1]>[0];
    api.startSpanManual({ name: 'manual' }, (s) => {
      span = s;
      expect(api.getActiveSpan()).toBe(s);
    });
    expect(api.getActiveSpan()).toBeUndefined();
    expect(span.isRecording()).toBe(true);
    expect(sent).toHaveLength(0);
    span.end();
    expect(envelopes()[0]!.event.transaction).toBe('manual');
  });

  it('startInactiveSpan: never active; a child of the active span when there is one', () => {
    const lone = api.startInactiveSpan({ name: 'lone' });
    expect(api.getActiveSpan()).toBeUndefined();
    expect(api.getRootSpan(lone)).toBe(lone);
    api.startSpan({ name: 'parent' }, (parent) => {
      const child = api.startInactiveSpan({ name: 'child' });
      expect(api.getActiveSpan()).toBe(parent);
      expect(api.getRootSpan(child)).toBe(parent);
      child.end();
    });
    lone.end();
    expect(envelopes().map((e) => e.event.transaction)).toEqual(['parent', 'lone']);
    expect(envelopes()[0]!.event.spans.map((s) => s.description)).toEqual(['child']);
  });

  it('parentSpan and startTime are honoured', () => {
    const a = api.startInactiveSpan({ name: 'a' });
    const b = api.startInactiveSpan({ name: 'b', parentSpan: a, startTime: T0 - 5000 });
    expect(api.getRootSpan(b)).toBe(a);
    b.end();
    a.end();
    const span = envelopes()[0]!.event.spans[0]!;
    expect(span.start_timestamp).toBe((T0 - 5000) / 1000);
  });
});

describe('idle spans and activities', () => {
  it('startIdleSpan is the active span until it ends by itself', () => {
    const idle = api.startIdleSpan({ name: 'idle', op: 'ui.action' }, { idleTimeout: 500 });
    expect(api.getActiveSpan()).toBe(idle);
    vi.advanceTimersByTime(500);
    expect(api.getActiveSpan()).toBeUndefined();
    expect(envelopes()[0]!.event.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  });

  it('pushActivity holds it open; popActivity lets it end', () => {
    api.startIdleSpan({ name: 'idle' });
    const id = api.pushActivity('load', { op: 'resource.script', name: 'chunk.js' });
    const bare = api.pushActivity('wait');
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(0);
    api.popActivity(id);
    vi.advanceTimersByTime(2000);
    expect(sent).toHaveLength(0);
    api.popActivity(bare);
    vi.advanceTimersByTime(1000);
    const [env] = envelopes();
    expect(env!.event.spans.map((s) => [s.op, s.description])).toEqual([['resource.script', 'chunk.js']]);
  });

  it('spans started inside startSpan while an idle span is open are its children', () => {
    const idle = api.startIdleSpan({ name: 'idle' });
    api.startSpan({ name: 'click handler' }, (s) => {
      expect(api.getRootSpan(s)).toBe(idle);
    });
    vi.advanceTimersByTime(1000);
    expect(envelopes()[0]!.event.spans.map((s) => s.description)).toEqual(['click handler']);
  });
});

describe('trace data and trace control', () => {
  it('getTraceData: headers of the active span', () => {
    api.startSpan({ name: 'x' }, (span) => {
      const data = api.getTraceData();
      const ctx = span.spanContext();
      expect(data['sentry-trace']).toBe(`${ctx.traceId}-${ctx.spanId}-1`);
      expect(parseBaggage(data.baggage).sentry.trace_id).toBe(ctx.traceId);
    });
  });

  it('continueTrace: spans inside continue the incoming trace; outside, the previous trace is back', () => {
    const before = parseSentryTrace(api.getTraceData()['sentry-trace'])!;
    api.continueTrace({ sentryTrace: `${TID}-${SID}-1`, baggage: `sentry-trace_id=${TID},sentry-sampled=true,sentry-environment=edge` }, () => {
      expect(parseSentryTrace(api.getTraceData()['sentry-trace'])).toMatchObject({ traceId: TID, sampled: true });
      expect(parseBaggage(api.getTraceData().baggage).sentry).toEqual({ trace_id: TID, sampled: 'true', environment: 'edge' });
      api.startSpan({ name: 'continued' }, () => undefined);
    });
    const after = parseSentryTrace(api.getTraceData()['sentry-trace'])!;
    expect(after.traceId).toBe(before.traceId);
    const [env] = envelopes();
    expect(env!.event.contexts.trace.trace_id).toBe(TID);
    expect(env!.event.contexts.trace.parent_span_id).toBe(SID);
    expect(env!.header.trace).toEqual({ trace_id: TID, sampled: 'true', environment: 'edge' });
  });

  it('continueTrace: -0 is honoured (nothing sent)', () => {
    api.continueTrace({ sentryTrace: `${TID}-${SID}-0` }, () => {
      api.startSpan({ name: 'not sampled' }, (s) => expect(s.spanContext().sampled).toBe(false));
    });
    expect(sent).toHaveLength(0);
  });

  it('continueTrace: traceparent alone is enough', () => {
    initCapturing({ propagateTraceparent: true });
    api.continueTrace({ traceparent: `00-${TID}-${SID}-01` }, () => {
      api.startSpan({ name: 'w3c' }, (s) => {
        expect(api.getTraceData().traceparent).toBe(`00-${TID}-${s.spanContext().spanId}-01`);
      });
    });
    expect(envelopes()[0]!.event.contexts.trace.parent_span_id).toBe(SID);
  });

  it('continueTrace: malformed headers start a new trace', () => {
    const outside = parseSentryTrace(api.getTraceData()['sentry-trace'])!.traceId;
    const inside = api.continueTrace({ sentryTrace: 'garbage', traceparent: 'also garbage' }, () => parseSentryTrace(api.getTraceData()['sentry-trace'])!.traceId);
    expect(inside).toMatch(HEX32);
    expect(inside).not.toBe(outside);
  });

  it('continueTrace returns the callback value and rethrows its error', () => {
    expect(api.continueTrace({}, () => 'v')).toBe('v');
    expect(() =>
      api.continueTrace({}, () => {
        throw new Error('inner');
      }),
    ).toThrow('inner');
  });

  it('startNewTrace: a fresh trace inside, the previous one after', () => {
    const outside = parseSentryTrace(api.getTraceData()['sentry-trace'])!.traceId;
    const inside = api.startNewTrace(() => {
      api.startSpan({ name: 'fresh' }, () => undefined);
      return parseSentryTrace(api.getTraceData()['sentry-trace'])!.traceId;
    });
    expect(inside).not.toBe(outside);
    expect(envelopes()[0]!.event.contexts.trace.trace_id).toBe(inside);
    expect(parseSentryTrace(api.getTraceData()['sentry-trace'])!.traceId).toBe(outside);
  });
});

describe('flush', () => {
  it('resolves true once everything was handed over', async () => {
    api.startSpan({ name: 'a' }, () => undefined);
    expect(await api.flush(1000)).toBe(true);
  });

  it('resolves false when the transport does not finish in time', async () => {
    api.init({ transport: () => new Promise(() => undefined), tracesSampleRate: 1 });
    api.startSpan({ name: 'stuck' }, () => undefined);
    const result = api.flush(500);
    await vi.advanceTimersByTimeAsync(500);
    expect(await result).toBe(false);
  });

  it('resolves true without init', async () => {
    api.init({ enabled: false, transport: () => Promise.resolve() });
    expect(await api.flush()).toBe(true);
  });
});

describe('safety and set-up', () => {
  it('without a destination nothing is installed; the API still works and sends nothing', () => {
    api.init({ tracesSampleRate: 1 });
    expect(api.startSpan({ name: 'x' }, (s) => s.isRecording())).toBe(false);
    expect(api.getActiveSpan()).toBeUndefined();
    expect(api.getTraceData()).toEqual({});
    expect(api.pushActivity('a')).toBe(0);
    expect(() => api.popActivity(0)).not.toThrow();
  });

  it('enabled: false installs nothing, even with a transport', () => {
    const transport = vi.fn(() => Promise.resolve());
    api.init({ enabled: false, transport, tracesSampleRate: 1 });
    api.startSpan({ name: 'x' }, () => undefined);
    expect(transport).not.toHaveBeenCalled();
  });

  it('without tracesSampleRate/tracesSampler nothing is sampled or sent', () => {
    const transport = vi.fn(() => Promise.resolve());
    api.init({ transport });
    api.startSpan({ name: 'x' }, () => undefined);
    expect(transport).not.toHaveBeenCalled();
  });

  it('a malformed DSN alone installs nothing, says so and sends nothing; a valid one is sent to', async () => {
    const net = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(new Response('')));
    const logs = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    for (const dsn of ['', 'nope', 'https://%zz@host/1', 'ftp://k@h/1', 42 as never, null as never]) {
      logs.mockClear();
      api.init({ dsn, tracesSampleRate: 1, debug: true });
      api.startSpan({ name: 'x' }, () => undefined);
      await api.flush();
      expect(logs.mock.calls.map(([line]) => line)).toEqual(['[tracewire] no dsn, tunnel, transport, spotlight or otlp: nothing installed']);
    }
    expect(net).not.toHaveBeenCalled();
    // The control: the same calls with a valid DSN send to its envelope endpoint.
    api.init({ dsn: 'https://key@o1.example/2', tracesSampleRate: 1 });
    api.startSpan({ name: 'x' }, () => undefined);
    await api.flush();
    expect(net).toHaveBeenCalledTimes(1);
    expect(String(net.mock.calls[0]![0])).toBe(
      `https://o1.example/api/2/envelope/?sentry_version=7&sentry_key=key&sentry_client=tracewire%2F${api.SDK_VERSION}`,
    );
  });

  it('a transport that throws, a sampler that throws and a beforeSendTransaction that throws do not reach the page', async () => {
    api.init({
      transport: () => {
        throw new Error('transport');
      },
      tracesSampler: () => {
        throw new Error('sampler');
      },
      beforeSendTransaction: () => {
        throw new Error('before');
      },
    });
    expect(() => api.startSpan({ name: 'x' }, () => undefined)).not.toThrow();
    initCapturing({
      beforeSendTransaction: () => {
        throw new Error('before');
      },
    });
    expect(() => api.startSpan({ name: 'y' }, () => undefined)).not.toThrow();
    expect(envelopes()[0]!.event.transaction).toBe('y');
  });

  it('init again replaces the previous set-up', () => {
    const first: string[] = [];
    api.init({ transport: (e) => Promise.resolve(void first.push(e)), tracesSampleRate: 1 });
    initCapturing();
    api.startSpan({ name: 'x' }, () => undefined);
    expect(first).toHaveLength(0);
    expect(sent).toHaveLength(1);
  });

  it('non-recording spans before init behave like spans', () => {
    api.init({ enabled: false });
    const s = api.startInactiveSpan({ name: 'x' });
    expect(s.spanContext().traceId).toMatch(HEX32);
    expect(s.isRecording()).toBe(false);
    expect(() => s.setAttribute('a', 1).setStatus('ok').updateName('y').end()).not.toThrow();
    expect(api.getRootSpan(s)).toBe(s);
  });
});

describe('migration helpers (docs/contract.md §2)', () => {
  it('setMeasurement sets a measurement on the active transaction; bad values are left out', () => {
    api.startSpan({ name: 'checkout' }, () => {
      api.startSpan({ name: 'inner' }, () => {
        api.setMeasurement('cart.items', 3);
        api.setMeasurement('memory.used', 2048, 'byte');
        api.setMeasurement('bad', Number.NaN);
        api.setMeasurement('bad2', '5' as never);
      });
    });
    expect(envelopes()[0]!.event.measurements).toEqual({
      'cart.items': { value: 3, unit: '' },
      'memory.used': { value: 2048, unit: 'byte' },
    });
  });

  it('setMeasurement without an active span does nothing and does not throw', () => {
    expect(() => api.setMeasurement('x', 1)).not.toThrow();
    expect(sent).toHaveLength(0);
  });

  it('spanToJSON: ids, times in seconds, origin manual, no timestamp while open', () => {
    api.startSpan({ name: 'outer', op: 'task' }, (outer) => {
      const open = api.spanToJSON(outer);
      expect(open).toMatchObject({
        trace_id: outer.spanContext().traceId,
        span_id: outer.spanContext().spanId,
        op: 'task',
        description: 'outer',
        start_timestamp: T0 / 1000,
        origin: 'manual',
        data: { 'sentry.origin': 'manual', 'sentry.op': 'task' },
      });
      expect(open.timestamp).toBeUndefined();
      const inner = api.startInactiveSpan({ name: 'inner' });
      vi.advanceTimersByTime(250);
      inner.end();
      expect(api.spanToJSON(inner)).toMatchObject({ parent_span_id: outer.spanContext().spanId, timestamp: T0 / 1000 + 0.25, status: 'ok' });
    });
    expect(api.spanToJSON({} as never)).toMatchObject({ span_id: '', data: {} });
  });

  it("tracesSampleRate '1' samples and '0' does not", () => {
    initCapturing({ tracesSampleRate: '0' });
    api.startSpan({ name: 'a' }, () => undefined);
    expect(sent).toHaveLength(0);
    initCapturing({ tracesSampleRate: '1' });
    api.startSpan({ name: 'b' }, () => undefined);
    expect(sent).toHaveLength(1);
  });
});
