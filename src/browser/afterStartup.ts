type IdleWindow = typeof globalThis & {
  requestIdleCallback?: (fn: () => void, options?: { timeout: number }) => number;
};

// Long enough for a page's own start-up scripts to run first, short enough that buffered
// observers set up then have missed nothing (their buffers hold 150 to 250 entries).
const AT_MOST_MS = 500;

// What waits for the end of start-up, run in order by one idle callback for all of them.
let waiting: (() => void)[] | undefined;

function runWaiting(): void {
  const tasks = waiting ?? [];
  waiting = undefined;
  for (const task of tasks) {
    try {
      task();
    } catch {
      // A task the SDK scheduled must not throw into the page.
    }
  }
}

/**
 * Runs `fn` once the page's start-up is out of the way: when the browser is next idle, at most
 * AT_MOST_MS later (a task later where `requestIdleCallback` is missing). For work that `init`
 * need not do itself, such as setting up buffered PerformanceObservers, which see the entries
 * made before them anyway. The idle callback is asked for from a task of its own: the first
 * `requestIdleCallback` of a page costs a few hundred µs, which `init` need not pay either.
 * Returns a cancel function.
 */
export function afterStartup(fn: () => void): () => void {
  let cancelled = false;
  const task = (): void => {
    if (!cancelled) fn();
  };
  if (!waiting) {
    waiting = [];
    setTimeout(() => {
      const w = globalThis as IdleWindow;
      if (w.requestIdleCallback) w.requestIdleCallback(runWaiting, { timeout: AT_MOST_MS });
      else runWaiting();
    }, 0);
  }
  waiting.push(task);
  return () => {
    cancelled = true;
  };
}
