type IdleWindow = typeof globalThis & {
  requestIdleCallback?: (fn: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
};

// Long enough for a page's own start-up scripts to run first, short enough that buffered
// observers set up then have missed nothing (their buffers hold 150 to 250 entries).
const AT_MOST_MS = 500;

/**
 * Runs `fn` once the page's start-up is out of the way: when the browser is next idle, at most
 * AT_MOST_MS later (a task later where `requestIdleCallback` is missing). For work that `init`
 * need not do itself, such as setting up buffered PerformanceObservers, which see the entries
 * made before them anyway. Returns a cancel function.
 */
export function afterStartup(fn: () => void): () => void {
  const w = globalThis as IdleWindow;
  const run = (): void => {
    try {
      fn();
    } catch {
      // A task the SDK scheduled must not throw into the page.
    }
  };
  if (w.requestIdleCallback && w.cancelIdleCallback) {
    const handle = w.requestIdleCallback(run, { timeout: AT_MOST_MS });
    return () => w.cancelIdleCallback(handle);
  }
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
}
