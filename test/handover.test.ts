import { afterEach, describe, expect, it, vi } from 'vitest';
import { awaitHandover, handOver } from '../src/browser/handover';

const A = 'https://cdn.example.com/tracewire/0.1.0/tracewire.deferred.min.js';
const B = 'https://cdn.example.com/tracewire/0.2.0/tracewire.deferred.min.js';

/** Runs `fn` as if it were the script at `src` running (document.currentScript). */
function runningAs(src: string, fn: () => void): void {
  vi.stubGlobal('document', { currentScript: { src } });
  try {
    fn();
  } finally {
    vi.unstubAllGlobals();
  }
}

describe('hand-over of the CDN files', () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('tracewire.handover')];
  });

  it('a file reaches the bundles waiting for its own URL, not those waiting for another file', () => {
    const first = vi.fn();
    const second = vi.fn();
    awaitHandover(A, first);
    awaitHandover(B, second);
    runningAs(B, () => handOver({ from: 'B' }));
    expect(second).toHaveBeenCalledWith({ from: 'B' });
    expect(first).not.toHaveBeenCalled();
    runningAs(A, () => handOver({ from: 'A' }));
    expect(first).toHaveBeenCalledWith({ from: 'A' });
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('two copies waiting for the same URL both get it, once', () => {
    const first = vi.fn();
    const second = vi.fn();
    awaitHandover(A, first);
    awaitHandover(A, second);
    runningAs(A, () => handOver({ n: 1 }));
    runningAs(A, () => handOver({ n: 2 }));
    expect(first.mock.calls).toEqual([[{ n: 1 }]]);
    expect(second.mock.calls).toEqual([[{ n: 1 }]]);
  });

  it('a bundle that stopped waiting (its script failed) is not called', () => {
    const gaveUp = vi.fn();
    const stop = awaitHandover(A, gaveUp);
    stop();
    const retry = vi.fn();
    awaitHandover(A, retry);
    runningAs(A, () => handOver({}));
    expect(gaveUp).not.toHaveBeenCalled();
    expect(retry).toHaveBeenCalledOnce();
  });

  it('a file nobody waits for, or run without a script element, does nothing', () => {
    const waiting = vi.fn();
    awaitHandover(A, waiting);
    expect(() => runningAs(B, () => handOver({}))).not.toThrow();
    expect(() => handOver({})).not.toThrow();
    expect(waiting).not.toHaveBeenCalled();
  });

  it('copies of this module (two bundles on one page) share one registry', async () => {
    vi.resetModules();
    const other = await import('../src/browser/handover');
    expect(other.handOver).not.toBe(handOver);
    const waiting = vi.fn();
    awaitHandover(A, waiting);
    runningAs(A, () => other.handOver({ shared: true }));
    expect(waiting).toHaveBeenCalledWith({ shared: true });
  });
});
