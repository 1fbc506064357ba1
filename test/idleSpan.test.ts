import { describe, expect, it, vi } from 'vitest';
import { FINISH_REASON, IDLE_DEFAULTS } from '../src/core/idleSpan';
import type { SpanImpl } from '../src/core/span';
import { eachWithFakeClient, makeClient, T0, type Harness } from './helpers';

const sec = (ms: number): number => (T0 + ms) / 1000;

let h: Harness;
eachWithFakeClient((made) => (h = made));

function startIdle(idle?: Parameters<Harness['client']['startIdleSpan']>[1]): SpanImpl {
  return h.client.startIdleSpan({ name: '/shop', op: 'pageload' }, idle);
}

function child(root: SpanImpl, name = 'GET /api'): SpanImpl {
  return h.client.startSpan({ name, op: 'http.client', parentSpan: root });
}

describe('idle transaction: defaults', () => {
  it('uses the documented defaults 1000 / 30000 / 15000', () => {
    expect(IDLE_DEFAULTS).toEqual({ idleTimeout: 1000, finalTimeout: 30000, childSpanTimeout: 15000 });
  });

  it('ignores negative or non-numeric timeouts', () => {
    startIdle({ idleTimeout: -5, finalTimeout: Number.NaN as number });
    vi.advanceTimersByTime(999);
    expect(h.delivery.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(h.events()).toHaveLength(1);
  });

  it('is the active span while open, and no longer once ended', () => {
    const root = startIdle();
    expect(h.client.activeSpan()).toBe(root);
    vi.advanceTimersByTime(1000);
    expect(h.client.activeSpan()).toBeUndefined();
    expect(root.isRecording()).toBe(false);
  });
});

describe('idle transaction: finish reasons', () => {
  it('idleTimeout: ends idleTimeout after start when no child ever opens', () => {
    startIdle();
    vi.advanceTimersByTime(999);
    expect(h.delivery.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    const [ev] = h.events();
    expect(ev!.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
    expect(ev!.contexts.trace.status).toBe('ok');
    expect(ev!.start_timestamp).toBe(sec(0));
    expect(ev!.timestamp).toBe(sec(1000));
  });

  it('idleTimeout: waits for the last child, then trims the end to that child', () => {
    const root = startIdle();
    vi.advanceTimersByTime(100);
    const a = child(root, 'a');
    vi.advanceTimersByTime(2000); // well past idleTimeout: the open child holds it
    expect(h.delivery.sent).toHaveLength(0);
    const b = child(root, 'b');
    vi.advanceTimersByTime(400);
    a.end();
    vi.advanceTimersByTime(900);
    expect(h.delivery.sent).toHaveLength(0); // b is still open
    b.end(); // at +3400
    vi.advanceTimersByTime(999);
    expect(h.delivery.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    const [ev] = h.events();
    expect(ev!.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
    expect(ev!.timestamp).toBe(sec(3400));
    expect(ev!.spans.map((s) => [s.description, s.start_timestamp, s.timestamp, s.status])).toEqual([
      ['a', sec(100), sec(2500), 'ok'],
      ['b', sec(2100), sec(3400), 'ok'],
    ]);
  });

  it('idleTimeout: honours a custom idleTimeout', () => {
    startIdle({ idleTimeout: 250 });
    vi.advanceTimersByTime(249);
    expect(h.delivery.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(h.events()[0]!.timestamp).toBe(sec(250));
  });

  it('finalTimeout: ends after finalTimeout however busy, cancelling open children', () => {
    const root = startIdle({ finalTimeout: 5000, childSpanTimeout: 60000 });
    child(root, 'never-ends');
    vi.advanceTimersByTime(4999);
    expect(h.delivery.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    const [ev] = h.events();
    expect(ev!.contexts.trace.data[FINISH_REASON]).toBe('finalTimeout');
    expect(ev!.contexts.trace.status).toBe('deadline_exceeded');
    expect(ev!.timestamp).toBe(sec(5000));
    expect(ev!.spans[0]).toMatchObject({ description: 'never-ends', status: 'cancelled', timestamp: sec(5000) });
  });

  it('finalTimeout: default 30000 ms even while children keep starting and ending', () => {
    const root = startIdle();
    // A new child every 500 ms that overlaps the previous one: never idle, never quiet.
    let prev = child(root);
    for (let t = 500; t < 30000; t += 500) {
      vi.advanceTimersByTime(500);
      const next = child(root);
      prev.end();
      prev = next;
    }
    expect(h.delivery.sent).toHaveLength(0);
    vi.advanceTimersByTime(500);
    const [ev] = h.events();
    expect(ev!.contexts.trace.data[FINISH_REASON]).toBe('finalTimeout');
    expect(ev!.timestamp).toBe(sec(30000));
  });

  it('heartbeatFailed: no child starts or ends for childSpanTimeout while one is open', () => {
    const root = startIdle();
    vi.advanceTimersByTime(100);
    child(root, 'stuck');
    vi.advanceTimersByTime(14999);
    expect(h.delivery.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    const [ev] = h.events();
    expect(ev!.contexts.trace.data[FINISH_REASON]).toBe('heartbeatFailed');
    expect(ev!.contexts.trace.status).toBe('deadline_exceeded');
    expect(ev!.timestamp).toBe(sec(15100));
    expect(ev!.spans[0]).toMatchObject({ description: 'stuck', status: 'cancelled', timestamp: sec(15100) });
  });

  it('heartbeatFailed: any child activity postpones it', () => {
    const root = startIdle();
    child(root, 'stuck');
    vi.advanceTimersByTime(10000);
    const other = child(root, 'other'); // activity at +10000
    vi.advanceTimersByTime(3000);
    other.end(); // activity at +13000
    vi.advanceTimersByTime(14999);
    expect(h.delivery.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    const [ev] = h.events();
    expect(ev!.contexts.trace.data[FINISH_REASON]).toBe('heartbeatFailed');
    expect(ev!.timestamp).toBe(sec(28000));
  });

  it('heartbeatFailed: honours a custom childSpanTimeout', () => {
    const root = startIdle({ childSpanTimeout: 2000 });
    child(root);
    vi.advanceTimersByTime(2000);
    expect(h.events()[0]!.contexts.trace.data[FINISH_REASON]).toBe('heartbeatFailed');
  });

  it('documentHidden: status cancelled, open children cancelled', () => {
    const root = startIdle();
    const c = child(root);
    vi.advanceTimersByTime(300);
    h.client.finishIdle('documentHidden');
    const [ev] = h.events();
    expect(ev!.contexts.trace.data[FINISH_REASON]).toBe('documentHidden');
    expect(ev!.contexts.trace.status).toBe('cancelled');
    expect(ev!.spans[0]!.status).toBe('cancelled');
    expect(ev!.timestamp).toBe(sec(300));
    expect(c.isRecording()).toBe(false);
  });

  it('cancelled: starting another idle transaction ends the open one first', () => {
    const first = startIdle();
    vi.advanceTimersByTime(200);
    const second = h.client.startIdleSpan({ name: '/next', op: 'navigation' });
    const [ev] = h.events();
    expect(ev!.transaction).toBe('/shop');
    expect(ev!.contexts.trace.data[FINISH_REASON]).toBe('cancelled');
    expect(ev!.contexts.trace.status).toBe('cancelled');
    expect(first.isRecording()).toBe(false);
    expect(h.client.activeSpan()).toBe(second);
    vi.advanceTimersByTime(1000);
    expect(h.events()[1]!.transaction).toBe('/next');
    expect(h.events()[1]!.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  });

  it('externalFinish: ending the root by hand, at the given time, not trimmed', () => {
    const root = startIdle();
    const c = child(root);
    vi.advanceTimersByTime(100);
    c.end();
    vi.advanceTimersByTime(200);
    root.end(T0 + 250);
    const [ev] = h.events();
    expect(ev!.contexts.trace.data[FINISH_REASON]).toBe('externalFinish');
    expect(ev!.contexts.trace.status).toBe('ok');
    expect(ev!.timestamp).toBe(sec(250));
  });

  it('keeps a status the user set instead of the reason default', () => {
    const root = startIdle({ finalTimeout: 100 });
    root.setStatus('internal_error');
    vi.advanceTimersByTime(100);
    expect(h.events()[0]!.contexts.trace.status).toBe('internal_error');
    expect(h.events()[0]!.contexts.trace.data[FINISH_REASON]).toBe('finalTimeout');
  });

  it('is sent exactly once, whatever ends it afterwards', () => {
    const root = startIdle();
    vi.advanceTimersByTime(1000);
    root.end();
    h.client.finishIdle('documentHidden');
    vi.advanceTimersByTime(60000);
    expect(h.delivery.sent).toHaveLength(1);
  });

  it('clears its timers once ended (nothing left pending)', () => {
    const root = startIdle();
    child(root);
    root.end();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('idle transaction: activities', () => {
  it('a bare activity holds it open until popped', () => {
    startIdle();
    const id = h.client.pushActivity('route-load');
    vi.advanceTimersByTime(5000);
    expect(h.delivery.sent).toHaveLength(0);
    h.client.popActivity(id);
    vi.advanceTimersByTime(999);
    expect(h.delivery.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    const [ev] = h.events();
    expect(ev!.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
    expect(ev!.spans).toHaveLength(0);
    // Without children the end is the moment it ended.
    expect(ev!.timestamp).toBe(sec(6000));
  });

  it('an activity with a span records that child and ends it on pop', () => {
    startIdle();
    vi.advanceTimersByTime(50);
    const id = h.client.pushActivity('lazy', { op: 'ui.load', name: 'load chunk' });
    vi.advanceTimersByTime(400);
    h.client.popActivity(id);
    vi.advanceTimersByTime(1000);
    const [ev] = h.events();
    expect(ev!.spans).toHaveLength(1);
    expect(ev!.spans[0]).toMatchObject({ op: 'ui.load', description: 'load chunk', start_timestamp: sec(50), timestamp: sec(450) });
    expect(ev!.timestamp).toBe(sec(450));
  });

  it('several bare activities: idle only after the last pops', () => {
    startIdle();
    const a = h.client.pushActivity('a');
    const b = h.client.pushActivity('b');
    expect(a).not.toBe(b);
    h.client.popActivity(a);
    vi.advanceTimersByTime(3000);
    expect(h.delivery.sent).toHaveLength(0);
    h.client.popActivity(b);
    vi.advanceTimersByTime(1000);
    expect(h.delivery.sent).toHaveLength(1);
  });

  it('popping an unknown or twice-popped id does nothing', () => {
    startIdle();
    const a = h.client.pushActivity('a');
    h.client.popActivity(12345);
    vi.advanceTimersByTime(2000);
    expect(h.delivery.sent).toHaveLength(0);
    h.client.popActivity(a);
    h.client.popActivity(a);
    vi.advanceTimersByTime(1000);
    expect(h.delivery.sent).toHaveLength(1);
  });

  it('activities pushed with no open idle transaction are ignored', () => {
    const id = h.client.pushActivity('nothing open');
    expect(typeof id).toBe('number');
    h.client.popActivity(id);
    expect(h.delivery.sent).toHaveLength(0);
  });

  it('finalTimeout still ends a transaction held by a bare activity', () => {
    startIdle({ finalTimeout: 3000 });
    h.client.pushActivity('forever');
    vi.advanceTimersByTime(3000);
    expect(h.events()[0]!.contexts.trace.data[FINISH_REASON]).toBe('finalTimeout');
  });
});

describe('idle transaction: end hooks', () => {
  it('runs hooks with the reason before the end; their spans are kept; a throwing hook is contained', () => {
    const reasons: string[] = [];
    h.client.onIdleEnding(() => {
      throw new Error('broken hook');
    });
    h.client.onIdleEnding((root, reason) => {
      reasons.push(reason);
      const s = h.client.startSpan({ name: 'added by hook', op: 'browser', parentSpan: root, startTime: T0 + 10 });
      s.end(T0 + 20);
    });
    startIdle();
    vi.advanceTimersByTime(1000);
    expect(reasons).toEqual(['idleTimeout']);
    const [ev] = h.events();
    expect(ev!.spans.map((s) => s.description)).toEqual(['added by hook']);
    expect(ev!.timestamp).toBe(sec(20));
  });

  it('an unsubscribed hook no longer runs', () => {
    const hook = vi.fn();
    const off = h.client.onIdleEnding(hook);
    off();
    startIdle();
    vi.advanceTimersByTime(1000);
    expect(hook).not.toHaveBeenCalled();
    expect(h.delivery.sent).toHaveLength(1);
  });
});

describe('spans per transaction', () => {
  it('keeps maxSpans (default 1000) and counts the rest as dropped', () => {
    expect(h.client.maxSpans).toBe(1000);
    const root = h.client.startSpan({ name: 'big', parentSpan: null });
    const kids: SpanImpl[] = [];
    for (let i = 0; i < 1005; i++) kids.push(child(root, `c${i}`));
    expect(kids[999]!.isRecording()).toBe(true);
    expect(kids[1000]!.isRecording()).toBe(false);
    kids.forEach((k) => k.end());
    root.end();
    const [ev] = h.events();
    expect(ev!.spans).toHaveLength(1000);
    expect(ev!.spans[999]!.description).toBe('c999');
    expect(ev!.contexts.trace.data['tracewire.dropped_spans']).toBe(5);
  });

  it('honours a custom maxSpans', () => {
    h = makeClient({ maxSpans: 2 });
    const root = h.client.startSpan({ name: 'small', parentSpan: null });
    for (let i = 0; i < 5; i++) child(root, `c${i}`).end();
    root.end();
    const [ev] = h.events();
    expect(ev!.spans.map((s) => s.description)).toEqual(['c0', 'c1']);
    expect(ev!.contexts.trace.data['tracewire.dropped_spans']).toBe(3);
  });

  it('no dropped count when nothing was dropped', () => {
    const root = h.client.startSpan({ name: 'tx', parentSpan: null });
    child(root).end();
    root.end();
    expect(h.events()[0]!.contexts.trace.data).not.toHaveProperty('tracewire.dropped_spans');
  });

  it('a dropped span still holds an idle transaction open', () => {
    h = makeClient({ maxSpans: 0 });
    const root = startIdle();
    const c = child(root);
    vi.advanceTimersByTime(5000);
    expect(h.delivery.sent).toHaveLength(0);
    c.end();
    vi.advanceTimersByTime(1000);
    expect(h.events()[0]!.spans).toHaveLength(0);
    expect(h.events()[0]!.contexts.trace.data['tracewire.dropped_spans']).toBe(1);
  });

  it('drops and counts spans started after their transaction ended, and sends nothing more', () => {
    const root = startIdle();
    vi.advanceTimersByTime(1000);
    expect(h.delivery.sent).toHaveLength(1);
    const late = child(root, 'late');
    expect(late.isRecording()).toBe(false);
    expect(root._tx._dropped).toBe(1);
    late.end();
    child(root, 'later').end();
    expect(root._tx._dropped).toBe(2);
    expect(root._tx.spans).toHaveLength(0);
    vi.advanceTimersByTime(60000);
    expect(h.delivery.sent).toHaveLength(1);
  });
});

describe('cost of a child start and end does not grow with the transaction (O(1) per event on hot paths)', () => {
  const SCANNERS = new Set<PropertyKey>([
    Symbol.iterator, 'forEach', 'map', 'filter', 'find', 'findIndex', 'findLast', 'some', 'every',
    'indexOf', 'lastIndexOf', 'includes', 'reduce', 'slice', 'entries', 'values', 'keys', 'sort',
  ]);

  /** Replaces the transaction's span list with a proxy that counts element reads and scans. */
  function watchSpans(root: SpanImpl): { reads: number } {
    const counter = { reads: 0 };
    const proxy = new Proxy(root._tx.spans, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
        if (SCANNERS.has(key)) counter.reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    Object.defineProperty(root._tx, 'spans', { value: proxy });
    return counter;
  }

  /** Counts iterations of any Set (the open-span set included) while `fn` runs. */
  function countSetScans(fn: () => void): number {
    const proto = Set.prototype as unknown as Record<PropertyKey, (...args: unknown[]) => unknown>;
    const names: PropertyKey[] = [Symbol.iterator, 'values', 'keys', 'entries', 'forEach'];
    const saved = names.map((n) => proto[n]!);
    let count = 0;
    names.forEach((n, i) => {
      proto[n] = function (this: unknown, ...args: unknown[]) {
        count++;
        return saved[i]!.apply(this, args);
      };
    });
    try {
      fn();
    } finally {
      names.forEach((n, i) => {
        proto[n] = saved[i]!;
      });
    }
    return count;
  }

  function costOfOneChild(existing: number): { reads: number; setIterations: number; timers: number } {
    h = makeClient();
    const root = startIdle({ idleTimeout: 10, childSpanTimeout: 1e9, finalTimeout: 1e9 });
    for (let i = 0; i < existing; i++) child(root).end();
    // Keep many open too: the open set must not be scanned either.
    for (let i = 0; i < existing / 10; i++) child(root);
    const counter = watchSpans(root);
    let timers = 0;
    const setIterations = countSetScans(() => {
      const before = h.platform.calls.setTimeout + h.platform.calls.clearTimeout;
      const c = child(root);
      c.end();
      timers = h.platform.calls.setTimeout + h.platform.calls.clearTimeout - before;
    });
    expect(h.delivery.sent).toHaveLength(0);
    return { reads: counter.reads, setIterations, timers };
  }

  it('reads no recorded span and iterates no set, with 10 or 900 spans already there', () => {
    const small = costOfOneChild(10);
    const large = costOfOneChild(900);
    expect(small.reads).toBe(0);
    expect(large.reads).toBe(0);
    expect(small.setIterations).toBe(0);
    expect(large.setIterations).toBe(0);
    expect(large.timers).toBe(small.timers);
    expect(large.timers).toBeLessThanOrEqual(2);
  });

  it('a burst of children does not churn timers (at most one per start or end)', () => {
    const root = startIdle({ childSpanTimeout: 1e9, finalTimeout: 1e9 });
    const before = h.platform.calls.setTimeout;
    const kids = Array.from({ length: 200 }, () => child(root));
    kids.forEach((k) => k.end());
    // Starting 200 requests arms the heartbeat once; the last end arms the idle timer once.
    expect(h.platform.calls.setTimeout - before).toBeLessThanOrEqual(2);
  });
});

describe('idle transaction: disableAutoFinish (docs/contract.md §3 Manual pageload end)', () => {
  it('ignores idleness and the child-span timeout; an outside finish ends it at the given time', () => {
    const root = startIdle({ disableAutoFinish: true, childSpanTimeout: 2000 });
    const open = child(root, 'GET /slow');
    vi.advanceTimersByTime(10_000);
    expect(h.delivery.sent).toHaveLength(0);
    h.client.finishIdle('reportPageLoaded', T0 + 10_000);
    const [ev] = h.events();
    expect(ev!.contexts.trace.data[FINISH_REASON]).toBe('reportPageLoaded');
    expect(ev!.timestamp).toBe(sec(10_000));
    expect(ev!.spans.find((s) => s.description === 'GET /slow')!.status).toBe('cancelled');
    expect(open.isRecording()).toBe(false);
  });

  it('still ends at finalTimeout', () => {
    startIdle({ disableAutoFinish: true, finalTimeout: 5000 });
    vi.advanceTimersByTime(4999);
    expect(h.delivery.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(h.events()[0]!.contexts.trace.data[FINISH_REASON]).toBe('finalTimeout');
  });
});
