import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueModule } from '../src/transport/lateDelivery';
import { ENVELOPE_POLICY, MAX_QUEUE, type Sender } from '../src/transport/policy';
import { fakePlatform, useFakeClock } from './helpers';

// The queue module as its loader hands it over: a control that records what it is given.
let queueSends: string[] = [];
let loadFails = false;
let loads = 0;
const loadQueue = (): Promise<QueueModule> => {
  loads++;
  if (loadFails) return Promise.reject(new Error('blocked'));
  const createDelivery = () => ({
    send: (body: string) => void queueSends.push(body),
    flush: () => Promise.resolve(true),
    retryNow: () => undefined,
  });
  return Promise.resolve({ createDelivery } as unknown as QueueModule);
};

let log: ReturnType<typeof vi.fn<(m: string) => void>>;
let visibility: DocumentVisibilityState = 'visible';
// A fresh module per test: it remembers a queue module that one of its deliveries has loaded.
let createLateDelivery: typeof import('../src/transport/lateDelivery').createLateDelivery;
beforeEach(async () => {
  vi.resetModules();
  ({ createLateDelivery } = await import('../src/transport/lateDelivery'));
  useFakeClock();
  log = vi.fn<(m: string) => void>();
  queueSends = [];
  loadFails = false;
  loads = 0;
  visibility = 'visible';
  vi.stubGlobal('document', {
    get visibilityState() {
      return visibility;
    },
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await vi.advanceTimersByTimeAsync(0);
};
const okSender = () => vi.fn<Sender>(() => Promise.resolve(new Response(null, { status: 200 })));

describe('late delivery (the queue arrives after start-up)', () => {
  it('bodies sent before the queue arrives wait for it, in order, and start its load', async () => {
    const sender = okSender();
    const d = createLateDelivery(sender, loadQueue, fakePlatform(), log, ENVELOPE_POLICY);
    d.send('a');
    d.send('b');
    expect(loads).toBe(1);
    await settle();
    d.send('c');
    expect(queueSends).toEqual(['a', 'b', 'c']);
    expect(sender).not.toHaveBeenCalled();
  });

  it('at most MAX_QUEUE bodies wait; more are dropped with a debug line', () => {
    const d = createLateDelivery(okSender(), loadQueue, fakePlatform(), log, ENVELOPE_POLICY);
    for (let i = 0; i <= MAX_QUEUE; i++) d.send(`e${i}`);
    expect(log).toHaveBeenCalledWith(`queue full (${MAX_QUEUE}): envelope dropped`);
  });

  it('while the page is hidden, a body is sent at once, with what waited; retryNow on hide does the same', async () => {
    const sender = okSender();
    const d = createLateDelivery(sender, loadQueue, fakePlatform(), log, ENVELOPE_POLICY);
    d.send('before');
    visibility = 'hidden';
    d.send('at hide');
    expect(sender.mock.calls.map(([b]) => b)).toEqual(['before', 'at hide']);
    const other = createLateDelivery(sender, loadQueue, fakePlatform(), log, ENVELOPE_POLICY);
    visibility = 'visible';
    other.send('waits');
    other.retryNow();
    expect(sender).toHaveBeenCalledTimes(2);
    visibility = 'hidden';
    other.retryNow();
    expect(sender.mock.calls.map(([b]) => b)).toEqual(['before', 'at hide', 'waits']);
  });

  it('when the queue cannot load, bodies are sent straight away; one that fails goes again at the next send', async () => {
    loadFails = true;
    let fail = true;
    const sender = vi.fn<Sender>(() => {
      if (fail) throw new Error('boom'); // a sender that throws is treated like one that fails
      return Promise.resolve(new Response(null, { status: 200 }));
    });
    const d = createLateDelivery(sender, loadQueue, fakePlatform(), log, ENVELOPE_POLICY);
    expect(() => d.send('a')).not.toThrow();
    await settle();
    fail = false;
    d.send('b');
    await settle();
    expect(sender.mock.calls.map(([b]) => b)).toEqual(['a', 'a', 'b']);
    expect(log.mock.calls.flat().join('\n')).toMatch(
      /could not be loaded \(Error: blocked\): envelopes are sent straight away[\s\S]*not delivered \(Error: boom\), kept/,
    );
    expect(await d.flush(1000)).toBe(true);
  });

  it('a load that fails while offline is tried again once online; what waited then goes to the queue', async () => {
    loadFails = true;
    vi.stubGlobal('navigator', { onLine: false });
    const sender = okSender();
    const d = createLateDelivery(sender, loadQueue, fakePlatform(), log, ENVELOPE_POLICY);
    d.send('offline');
    await settle();
    expect(await d.flush(100)).toBe(false);
    expect(sender).not.toHaveBeenCalled();
    loadFails = false;
    vi.stubGlobal('navigator', { onLine: true });
    d.retryNow(); // the `online` event
    await settle();
    expect(queueSends).toEqual(['offline']);
    expect(sender).not.toHaveBeenCalled();
  });

  it('flush waits for the queue to arrive and for its flush', async () => {
    const d = createLateDelivery(okSender(), loadQueue, fakePlatform(), log, ENVELOPE_POLICY);
    d.send('a');
    expect(await d.flush(1000)).toBe(true);
    expect(queueSends).toEqual(['a']);
  });

  it('flush resolves false when a single send outlives its timeout', async () => {
    loadFails = true;
    const stuck = createLateDelivery(() => new Promise(() => undefined), loadQueue, fakePlatform(), log, ENVELOPE_POLICY);
    stuck.send('never');
    const timedOut = stuck.flush(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await timedOut).toBe(false);
  });
});
