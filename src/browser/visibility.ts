/**
 * `onHidden` when the tab goes hidden, `onLeave` when the page is being unloaded or put in the
 * back/forward cache, `onOnline` when the browser is back online. The visibility listener sits on
 * window in the bubble phase, so it runs after web-vitals' capture-phase listeners have reported
 * their final values.
 */
export function instrumentVisibility(onHidden: () => void, onLeave: () => void, onOnline: () => void): () => void {
  const visibility = (): void => {
    if (document.visibilityState === 'hidden') onHidden();
  };
  addEventListener('visibilitychange', visibility);
  addEventListener('pagehide', onLeave);
  addEventListener('online', onOnline);
  return () => {
    removeEventListener('visibilitychange', visibility);
    removeEventListener('pagehide', onLeave);
    removeEventListener('online', onOnline);
  };
}
