import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFetchSender } from '../src/transport/fetchTransport';
import { MAX_QUEUE, OTLP_POLICY, outsideBrowser, ENVELOPE_POLICY, type Sender } from '../src/transport/policy';
import { createDelivery } from '../src/transport/queue';
import { fakePlatform, useFakeClock } from './helpers';

async function tick(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** A sender that answers each call with the next reply (a Response, or an Error to reject with). */
function scripted(replies: (Response | Error)[]): Sender & { bodies: string[] } {
  const bodies: string[] = [];
  const send = (body: string): Promise<unknown> => {
    bodies.push(body);
    const r = replies.shift() ?? new Response(null, { status: 200 });
    return r instanceof Error ? Promise.reject(r) : Promise.resolve(r);
  };
  return Object.assign(send, { bodies });
}

const status = (code: number, headers: Record<string, string> = {}): Response => new Response(null, { status: code, headers });

let log: ReturnType<typeof vi.fn<(m: string) => void>>;
beforeEach(() => {
  useFakeClock();
  log = vi.fn<(m: string) => void>();
});
afterEach(() => vi.useRealTimers());

describe('OTLP delivery policy (docs/contract.md §5)', () => {
  it.each([429, 502, 503, 504])('%i with Retry-After: sent again once the window passed, not before', async (code) => {
    const sender = scripted([status(code, { 'Retry-After': '3' })]);
    const d = createDelivery(sender, fakePlatform(), log, OTLP_POLICY);
    d.send('a');
    await tick();
    expect(sender.bodies).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(2900);
    d.retryNow(); // e.g. the browser came back online: the server's window still holds
    await tick();
    expect(sender.bodies).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(100);
    expect(sender.bodies).toEqual(['a', 'a']);
    expect(await d.flush(10)).toBe(true);
  });

  it('503 without Retry-After: retried with backoff', async () => {
    const sender = scripted([status(503)]);
    const d = createDelivery(sender, fakePlatform(), log, OTLP_POLICY);
    d.send('a');
    await vi.advanceTimersByTimeAsync(999);
    expect(sender.bodies).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sender.bodies).toHaveLength(2);
  });

  it('a bounded number of tries: 5, then dropped with a debug line', async () => {
    const sender = scripted(Array.from({ length: 10 }, () => status(503, { 'Retry-After': '1' })));
    const d = createDelivery(sender, fakePlatform(), log, OTLP_POLICY);
    d.send('a');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sender.bodies).toHaveLength(OTLP_POLICY.maxTries);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/dropped after 5 tries/));
    expect(await d.flush(10)).toBe(true);
  });

  it.each([400, 401, 403, 404, 413, 500])('%i is not retried: dropped', async (code) => {
    const sender = scripted([status(code, { 'Retry-After': '1' })]);
    const d = createDelivery(sender, fakePlatform(), log, OTLP_POLICY);
    d.send('a');
    d.send('b');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sender.bodies).toEqual(['a', 'b']);
    expect(log).toHaveBeenCalledWith(`OTLP request rejected with HTTP ${code}, dropped`);
  });

  it('429 does not rate-limit the rest, unlike envelopes: what waits is kept, in order', async () => {
    const sender = scripted([status(429, { 'Retry-After': '2' })]);
    const d = createDelivery(sender, fakePlatform(), log, OTLP_POLICY);
    d.send('a');
    await tick();
    d.send('b');
    await vi.advanceTimersByTimeAsync(2000);
    expect(sender.bodies).toEqual(['a', 'a', 'b']);
  });

  it('a collector that is down: kept in the bounded queue, delivered when it is back', async () => {
    let up = false;
    const delivered: string[] = [];
    const sender: Sender = (body) => {
      if (!up) return Promise.reject(new TypeError('Failed to fetch'));
      delivered.push(body);
      return Promise.resolve(status(200));
    };
    const d = createDelivery(sender, fakePlatform(), log, OTLP_POLICY);
    for (let i = 0; i < MAX_QUEUE + 5; i++) d.send(`b${i}`);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/queue full/));
    await vi.advanceTimersByTimeAsync(120_000); // down for two minutes: far more tries than a status retry gets
    expect(delivered).toEqual([]);
    up = true;
    await vi.advanceTimersByTimeAsync(30_000);
    // Each accepted body exactly once (bodies that failed together come back in the order they failed).
    expect(delivered.slice().sort()).toEqual(Array.from({ length: MAX_QUEUE }, (_, i) => `b${i}`).sort());
  });

  it('outside a browser, network failures stop after a bounded number of tries', async () => {
    const sender = scripted(Array.from({ length: 50 }, () => new TypeError('ECONNREFUSED')));
    const d = createDelivery(sender, fakePlatform(), log, outsideBrowser(ENVELOPE_POLICY));
    d.send('a');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sender.bodies).toHaveLength(5);
    expect(await d.flush(10)).toBe(true);
  });

  it('its retry timers do not keep a Node process alive (unref)', async () => {
    const unref = vi.fn();
    const p = fakePlatform();
    p.setTimeout = () => ({ unref });
    const d = createDelivery(scripted([new TypeError('down')]), p, log, OTLP_POLICY);
    d.send('a');
    await tick();
    expect(unref).toHaveBeenCalled();
  });
});

describe('fetch sender options', () => {
  const okFetch = () => vi.fn<typeof fetch>(() => Promise.resolve(new Response(null, { status: 200 })));

  it('content type and extra headers; no beacon fallback when asked', async () => {
    const f = okFetch();
    await createFetchSender('https://collector.example/v1/traces', f, {
      contentType: 'application/json',
      headers: { 'x-honeycomb-team': 'key' },
      beacon: false,
    })('{}');
    const init = f.mock.calls[0]![1]!;
    expect(init.headers).toEqual({ 'x-honeycomb-team': 'key', 'Content-Type': 'application/json' });
    expect(init.keepalive).toBe(true);
  });

  it('keepalive while the keepalive bodies in flight stay under 60 KB in total, across senders', async () => {
    const pending: ((r: Response) => void)[] = [];
    const f = vi.fn<typeof fetch>(() => new Promise<Response>((ok) => pending.push(ok)));
    const a = createFetchSender('https://a.example/', f);
    const b = createFetchSender('https://b.example/', f, { contentType: 'application/json' });
    const big = 'x'.repeat(25_000);
    const sends = [a(big), b(big), a(big)];
    expect(f.mock.calls.map((c) => c[1]!.keepalive)).toEqual([true, true, false]);
    pending[0]!(new Response(null));
    await sends[0];
    void b(big);
    expect(f.mock.calls[3]![1]!.keepalive).toBe(true);
    // Multi-byte text counts in bytes: 21,000 characters of 3 bytes each are over the limit alone.
    void a('€'.repeat(21_000));
    expect(f.mock.calls[4]![1]!.keepalive).toBe(false);
    pending.forEach((ok) => ok(new Response(null)));
  });
});
