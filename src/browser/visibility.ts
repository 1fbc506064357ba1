/**
 * `onHidden` when the tab goes hidden, `onLeave` when the page is being unloaded or put in the
 * back/forward cache, `onOnline` when the browser is back online.
 *
 * The visibility listener sits on `document`, where the browser fires `visibilitychange`: it hears
 * the event whether or not it bubbles (some apps and test tools dispatch it at the document without
 * bubbling, which a window listener in the bubble phase never hears), once either way. It still
 * runs after web-vitals' listeners, which capture on window, so their final values are reported
 * before the transaction ends.
 */
export function instrumentVisibility(onHidden: () => void, onLeave: () => void, onOnline: () => void): () => void {
  const visibility = (): void => {
    if (document.visibilityState === 'hidden') onHidden();
  };
  document.addEventListener('visibilitychange', visibility);
  addEventListener('pagehide', onLeave);
  addEventListener('online', onOnline);
  return () => {
    document.removeEventListener('visibilitychange', visibility);
    removeEventListener('pagehide', onLeave);
    removeEventListener('online', onOnline);
  };
}
