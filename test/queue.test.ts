import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_QUEUE, type Sender } from '../src/transport/policy';
import { createDelivery } from '../src/transport/queue';
import { fakePlatform, T0, tick, useFakeClock } from './helpers';


interface Pending {
  body: string;
  resolve(value?: unknown): void;
  reject(e: unknown): void;
}

/** A sender whose calls the test settles by hand. */
function manualSender(): Sender & { calls: Pending[] } {
  const calls: Pending[] = [];
  const send = (body: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      calls.push({ body, resolve, reject });
    });
  return Object.assign(send, { calls });
}

/** A delivery over a sender that records every body and fails while `offline.now` is true. */
function offlineDelivery() {
  const bodies: string[] = [];
  const offline = { now: true };
  const send: Sender = (b) => {
    bodies.push(b);
    return offline.now ? Promise.reject(new Error('offline')) : Promise.resolve();
  };
  return { bodies, offline, d: createDelivery(send, fakePlatform(), log) };
}

let log: ReturnType<typeof vi.fn<(m: string) => void>>;
beforeEach(() => {
  useFakeClock();
  log = vi.fn<(m: string) => void>();
});
afterEach(() => {
  vi.useRealTimers();
});

const logged = (re: RegExp): boolean => log.mock.calls.some(([m]) => re.test(m));

describe('delivery queue', () => {
  it('sends in order, at most 4 at a time', async () => {
    const sender = manualSender();
    const d = createDelivery(sender, fakePlatform(), log);
    for (let i = 0; i < 6; i++) d.send(`e${i}`);
    expect(sender.calls.map((c) => c.body)).toEqual(['e0', 'e1', 'e2', 'e3']);
    sender.calls[1]!.resolve(new Response(null, { status: 200 }));
    await tick();
    expect(sender.calls.map((c) => c.body)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    sender.calls.forEach((c) => c.resolve());
    await tick();
    expect(sender.calls.map((c) => c.body)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
  });

  it(`is bounded: MAX_QUEUE (${MAX_QUEUE}) waiting or travelling, the rest dropped and logged`, async () => {
    expect(MAX_QUEUE).toBe(30);
    const sender = manualSender();
    const d = createDelivery(sender, fakePlatform(), log);
    for (let i = 0; i < 45; i++) d.send(`e${i}`);
    expect(sender.calls).toHaveLength(4);
    expect(logged(/queue full/)).toBe(true);
    // Let everything accepted go through: exactly MAX_QUEUE envelopes reach the sender, each once.
    for (let settledCount = 0; settledCount < sender.calls.length; ) {
      const open = sender.calls.slice(settledCount);
      settledCount = sender.calls.length;
      open.forEach((c) => c.resolve());
      await tick();
    }
    const bodies = sender.calls.map((c) => c.body);
    expect(bodies).toEqual(Array.from({ length: MAX_QUEUE }, (_, i) => `e${i}`));
    expect(await d.flush(10)).toBe(true);
  });

  it('never throws into the caller, even when the sender throws synchronously; retries that', async () => {
    let n = 0;
    const sender: Sender = (body) => {
      n++;
      if (n === 1) throw new Error('sync failure');
      return Promise.resolve(body);
    };
    const d = createDelivery(sender, fakePlatform(), log);
    expect(() => d.send('e')).not.toThrow();
    await tick();
    expect(logged(/not delivered.*sync failure/)).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(n).toBe(2);
    expect(await d.flush(10)).toBe(true);
  });
});

describe('retry after a network failure', () => {
  it('keeps the envelope and retries it with growing backoff until it goes through', async () => {
    const bodies: string[] = [];
    let failuresLeft = 2;
    const sender: Sender = (body) => {
      bodies.push(body);
      if (failuresLeft-- > 0) return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(new Response(null, { status: 200 }));
    };
    const d = createDelivery(sender, fakePlatform(), log);
    d.send('only');
    await tick();
    expect(bodies).toEqual(['only']);
    await vi.advanceTimersByTimeAsync(999);
    expect(bodies).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(bodies).toEqual(['only', 'only']); // first retry after 1 s
    await vi.advanceTimersByTimeAsync(1999);
    expect(bodies).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(bodies).toEqual(['only', 'only', 'only']); // second after 2 s more
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bodies).toHaveLength(3); // delivered: no more attempts
    expect(await d.flush(10)).toBe(true);
  });

  it('what is sent while a retry waits goes out with it, in order', async () => {
    const { bodies, offline, d } = offlineDelivery();
    d.send('a');
    await tick();
    d.send('b');
    await tick();
    expect(bodies).toEqual(['a']);
    offline.now = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(bodies).toEqual(['a', 'a', 'b']);
  });

  it('retryNow retries at once', async () => {
    const { bodies, offline, d } = offlineDelivery();
    d.send('a');
    await tick();
    offline.now = false;
    d.retryNow();
    await tick();
    expect(bodies).toEqual(['a', 'a']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an HTTP error is an answer: dropped, not retried', async () => {
    const bodies: string[] = [];
    const d = createDelivery(
      (b) => {
        bodies.push(b);
        return Promise.resolve(new Response('bad', { status: 400 }));
      },
      fakePlatform(),
      log,
    );
    d.send('a');
    await tick();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bodies).toEqual(['a']);
    expect(logged(/HTTP 400/)).toBe(true);
  });
});

describe('rate limits', () => {
  it('429 + Retry-After: nothing is sent until it has passed; waiting envelopes are dropped', async () => {
    const sender = manualSender();
    const d = createDelivery(sender, fakePlatform(), log);
    for (let i = 0; i < 6; i++) d.send(`e${i}`); // 4 travelling, 2 waiting
    sender.calls[0]!.resolve(new Response(null, { status: 429, headers: { 'Retry-After': '10' } }));
    await tick();
    expect(sender.calls).toHaveLength(4); // the two waiting ones were dropped, not sent
    expect(logged(/rate limited/)).toBe(true);
    sender.calls.slice(1).forEach((c) => c.resolve());
    await tick();
    d.send('during');
    await tick();
    expect(sender.calls).toHaveLength(4);
    vi.setSystemTime(T0 + 9_999);
    d.send('still during');
    expect(sender.calls).toHaveLength(4);
    vi.setSystemTime(T0 + 10_000);
    d.send('after');
    expect(sender.calls.map((c) => c.body).slice(4)).toEqual(['after']);
  });

  it('429 without Retry-After waits 60 s', async () => {
    const sender = manualSender();
    const d = createDelivery(sender, fakePlatform(), log);
    d.send('a');
    sender.calls[0]!.resolve(new Response(null, { status: 429 }));
    await tick();
    vi.setSystemTime(T0 + 59_000);
    d.send('b');
    expect(sender.calls).toHaveLength(1);
    vi.setSystemTime(T0 + 60_001);
    d.send('c');
    expect(sender.calls.map((c) => c.body)).toEqual(['a', 'c']);
  });

  it('X-Sentry-Rate-Limits for transactions blocks; for another category it does not', async () => {
    const sender = manualSender();
    const d = createDelivery(sender, fakePlatform(), log);
    d.send('a');
    sender.calls[0]!.resolve(new Response(null, { status: 200, headers: { 'X-Sentry-Rate-Limits': '60:error:project' } }));
    await tick();
    d.send('b');
    expect(sender.calls).toHaveLength(2);
    sender.calls[1]!.resolve(new Response(null, { status: 200, headers: { 'X-Sentry-Rate-Limits': '30:transaction:project' } }));
    await tick();
    d.send('c');
    expect(sender.calls).toHaveLength(2);
    vi.setSystemTime(T0 + 30_000);
    d.send('d');
    expect(sender.calls.map((c) => c.body)).toEqual(['a', 'b', 'd']);
  });

  it('a custom transport may answer with a plain object carrying status and headers', async () => {
    const sender = manualSender();
    const d = createDelivery(sender, fakePlatform(), log);
    d.send('a');
    sender.calls[0]!.resolve({ status: 429, headers: { get: (n: string) => (n === 'retry-after' ? '5' : null) } });
    await tick();
    d.send('b');
    expect(sender.calls).toHaveLength(1);
    vi.setSystemTime(T0 + 5000);
    d.send('c');
    expect(sender.calls).toHaveLength(2);
  });

  it('answers that are not responses count as delivered', async () => {
    for (const answer of [undefined, null, 'ok', 42, { status: 'weird' }, { headers: 5 }]) {
      const sender = manualSender();
      const d = createDelivery(sender, fakePlatform(), log);
      d.send('a');
      sender.calls[0]!.resolve(answer);
      await tick();
      d.send('b');
      expect(sender.calls).toHaveLength(2);
    }
  });
});

describe('flush', () => {
  it('resolves true at once when nothing waits', async () => {
    const d = createDelivery(manualSender(), fakePlatform(), log);
    expect(await d.flush()).toBe(true);
  });

  it('resolves true once everything went out', async () => {
    const sender = manualSender();
    const d = createDelivery(sender, fakePlatform(), log);
    for (let i = 0; i < 6; i++) d.send(`e${i}`);
    let result: boolean | undefined;
    void d.flush(5000).then((r) => (result = r));
    sender.calls.forEach((c) => c.resolve());
    await tick();
    expect(result).toBeUndefined(); // e4, e5 still travelling
    sender.calls.slice(4).forEach((c) => c.resolve());
    await tick();
    expect(result).toBe(true);
    expect(vi.getTimerCount()).toBe(0); // its timeout was cleared
  });

  it('resolves false when the timeout passes first (default 2000 ms)', async () => {
    const d = createDelivery(manualSender(), fakePlatform(), log);
    d.send('hangs');
    let result: boolean | undefined;
    void d.flush().then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(1999);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toBe(false);
  });

  it('resolves true when rate limiting empties the queue', async () => {
    const sender = manualSender();
    const d = createDelivery(sender, fakePlatform(), log);
    for (let i = 0; i < 5; i++) d.send(`e${i}`);
    const done = d.flush(1000);
    sender.calls[0]!.resolve(new Response(null, { status: 429, headers: { 'Retry-After': '60' } }));
    sender.calls.slice(1).forEach((c) => c.resolve());
    await tick();
    expect(await done).toBe(true);
    expect(sender.calls).toHaveLength(4);
  });
});
