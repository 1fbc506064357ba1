/** Whether the browser reports `type` entries to a PerformanceObserver. */
export function supports(type: string): boolean {
  try {
    return !!PerformanceObserver.supportedEntryTypes?.includes(type);
  } catch {
    return false;
  }
}

/**
 * Observes `type` entries where the browser supports it; returns the disconnect. Its users are part of
 * the deferred part, set up after the page's start-up: the observer is buffered, so it still sees the
 * entries made before it.
 */
export function observe(type: string, onEntries: (entries: PerformanceEntry[]) => void): () => void {
  let po: PerformanceObserver | undefined;
  try {
    if (supports(type)) {
      po = new PerformanceObserver((list) => {
        try {
          onEntries(list.getEntries());
        } catch {
          // an observer callback must not throw into the page's task
        }
      });
      po.observe({ type, buffered: true });
    }
  } catch {
    // an entry type the browser rejects: nothing to observe
  }
  return () => po?.disconnect();
}
