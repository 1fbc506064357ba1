/** Observes `type` entries (buffered), where the browser supports it; returns the disconnect. */
export function observe(type: string, onEntries: (entries: PerformanceEntry[]) => void): () => void {
  try {
    if (!PerformanceObserver.supportedEntryTypes?.includes(type)) return () => undefined;
    const po = new PerformanceObserver((list) => {
      try {
        onEntries(list.getEntries());
      } catch {
        // an observer callback must not throw into the page's task
      }
    });
    po.observe({ type, buffered: true });
    return () => po.disconnect();
  } catch {
    return () => undefined;
  }
}
