import { patchOnce, safely } from './patch';

type Listener = () => void;

function wrapAfter(original: History['pushState'], handlers: Set<Listener>): History['pushState'] {
  return function (this: History, ...args: Parameters<History['pushState']>) {
    const result = original.apply(this, args);
    handlers.forEach((h) => safely(h));
    return result;
  };
}

/**
 * Calls `onPathChange` with the new path whenever the document's path changes without a load:
 * `pushState`, `replaceState`, `popstate`, and the Navigation API's same-document navigations
 * (`navigation.navigate()` with `intercept()` does not go through history). Both sources report
 * the same change, so a change is reported only when the path differs from the last one seen;
 * hash- and query-only changes are not reported (SPEC §3 Navigation).
 */
export function instrumentHistory(onPathChange: (path: string) => void): () => void {
  let last = location.pathname;
  const check: Listener = () => {
    const path = location.pathname;
    if (path === last) return;
    last = path;
    onPathChange(path);
  };
  const undo = [patchOnce(history, 'pushState', wrapAfter, check), patchOnce(history, 'replaceState', wrapAfter, check)];
  addEventListener('popstate', check);
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  nav?.addEventListener('currententrychange', check);
  return () => {
    undo.forEach((u) => u());
    removeEventListener('popstate', check);
    nav?.removeEventListener('currententrychange', check);
  };
}
