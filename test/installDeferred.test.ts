import { describe, expect, it, vi } from 'vitest';
import { installDeferred, MAX_WAIT_MS } from '../src/browser/installDeferred';
import { FINISH_REASON } from '../src/core/idleSpan';
import { eachWithFakeClient, type Harness } from './helpers';

// The deferred part as a test sets it up: a load that never settles, or one that brings a part
// whose instrumentations do nothing.
let load: () => Promise<unknown> = () => new Promise(() => undefined);
vi.mock('../src/browser/loadDeferred', () => ({ loadDeferred: () => load() }));

const emptyPart = {
  instrumentLongAnimationFrames: () => () => undefined,
  instrumentPerformanceSpans: () => () => undefined,
  instrumentWebVitals: () => () => undefined,
  createHttpTimings: () => ({ track: () => undefined, stop: () => undefined }),
};

let h: Harness;
eachWithFakeClient((made) => (h = made));

describe('the pageload waits for the deferred part (docs/architecture.md, What loads when)', () => {
  it('a part that never arrives holds the pageload MAX_WAIT_MS at most, then idleness ends it', () => {
    load = () => new Promise(() => undefined);
    h.client.startIdleSpan({ name: '/', op: 'pageload' }, { idleTimeout: 1000 });
    installDeferred(h.client, { instrumentPageLoad: false }, () => true, undefined);
    vi.advanceTimersByTime(MAX_WAIT_MS - 1);
    expect(h.events()).toHaveLength(0);
    vi.advanceTimersByTime(1 + 1000);
    expect(h.events()).toHaveLength(1);
    expect(h.events()[0]!.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  });

  it('control: a part that arrives releases the pageload at once', async () => {
    load = () => Promise.resolve(emptyPart);
    h.client.startIdleSpan({ name: '/', op: 'pageload' }, { idleTimeout: 1000 });
    installDeferred(h.client, { instrumentPageLoad: false }, () => true, undefined);
    await vi.advanceTimersByTimeAsync(10);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.events()).toHaveLength(1);
  });
});
