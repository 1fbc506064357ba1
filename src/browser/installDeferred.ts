import type { Client } from '../core/client';
import type { SpanImpl } from '../core/span';
import { afterStartup } from './afterStartup';
import type { HttpTimings } from './httpTimings';
import { loadDeferred } from './loadDeferred';
import { supports } from './observe';
import type { BrowserTracingOptions } from './options';

// The pageload waits this long at most for the deferred part, from when its load starts: a file that
// never answers must not hold it open until finalTimeout.
export const MAX_WAIT_MS = 5000;

// Requests that end before the deferred part arrives wait for their timing figures in a list this long at most.
const MAX_EARLY = 100;

/** Request timings that are recorded now and filled in once the deferred part has loaded. */
export interface LateTimings extends HttpTimings {
  arrive(timings: HttpTimings): void;
}

/**
 * Stands in for the deferred part's request timings until it arrives: the spans of requests that end
 * before then are kept (up to MAX_EARLY) and handed over, and the buffered resource-timing observer
 * still delivers their entries, so their figures are not lost.
 */
export function lateTimings(): LateTimings {
  let real: HttpTimings | undefined;
  let early: [SpanImpl, string][] = [];
  return {
    _track(span, href) {
      if (real) real._track(span, href);
      else if (early.length < MAX_EARLY) early.push([span, href]);
    },
    stop() {
      real?.stop();
      early = [];
    },
    arrive(timings) {
      real = timings;
      early.forEach(([span, href]) => timings._track(span, href));
      early = [];
    },
  };
}

/**
 * Loads the deferred part after the page's start-up and installs it: web vitals, browser spans and
 * request timings (docs/architecture.md, "What loads when"). When it cannot be loaded, everything else
 * goes on (requests traced, transactions sent) and `debug` says what is missing. Returns the undo.
 */
export function installDeferred(
  client: Client,
  o: BrowserTracingOptions,
  isPageload: (root: SpanImpl) => boolean,
  timings: LateTimings | undefined,
): () => void {
  const undo: (() => void)[] = [];
  let stopped = false;
  // The pageload waits for the part that adds its web vitals and browser spans (within finalTimeout):
  // it would otherwise often end by idleness before the part has arrived.
  const hold = client.pushActivity('tracewire.deferred');
  const release = (): void => client.popActivity(hold);
  let giveUp: ReturnType<typeof setTimeout> | undefined;
  const install = (part: Awaited<ReturnType<typeof loadDeferred>>): void => {
    if (stopped) return;
    // Long Animation Frames replace long tasks where the browser reports them (docs/contract.md §3 Browser spans).
    const frames = o.enableLongAnimationFrame !== false && supports('long-animation-frame');
    if (frames) undo.push(part.instrumentLongAnimationFrames(client));
    const ignored = o.ignoreResourceSpans ?? [];
    if (!Array.isArray(ignored)) client.log('ignoreResourceSpans is not an array of ops; ignored');
    undo.push(
      part.instrumentPerformanceSpans(client, isPageload, o.enableLongTask !== false && !frames, Array.isArray(ignored) ? ignored : []),
    );
    if (o.instrumentPageLoad !== false) undo.push(part.instrumentWebVitals(client, isPageload));
    timings?.arrive(part.createHttpTimings());
  };
  const cancel = afterStartup(() => {
    // Counted from here rather than from init: init need not start one more timer.
    giveUp = setTimeout(release, MAX_WAIT_MS);
    loadDeferred()
      .then(install, (e: unknown) => client.log(`web vitals, browser spans and request timings are unavailable: ${String(e)}`))
      .finally(() => {
        clearTimeout(giveUp);
        release();
      });
  });
  return () => {
    stopped = true;
    clearTimeout(giveUp);
    cancel();
    timings?.stop();
    undo.forEach((u) => u());
  };
}
