import { patchOnce, safely } from './patch';

type Listener = () => void;

function wrapAfter(original: History['pushState'], handlers: Set<Listener>): History['pushState'] {
  return function (this: History, ...args: Parameters<History['pushState']>) {
    const result = original.apply(this, args);
    handlers.forEach((h) => safely(h));
    return result;
  };
}

/** A hash that is a hash router's route (`#/users/1`, `#!/users/1`), not a plain anchor (`#section`). */
const isHashRoute = (hash: string): boolean => hash.startsWith('#/') || hash.startsWith('#!/');

/**
 * The route name of a URL (docs/contract.md §3 Route names): its path, followed by the hash when the
 * hash is a hash router's route, without the route's query: `/app/#/users/1` for
 * `/app/#/users/1?tab=2`. A plain anchor is not part of it.
 */
export function routeName(pathname: string, hash: string): string {
  if (!isHashRoute(hash)) return pathname;
  const query = hash.indexOf('?');
  return pathname + (query < 0 ? hash : hash.slice(0, query));
}

/** The route name of the document's current URL. */
export const currentRoute = (): string => routeName(location.pathname, location.hash);

/**
 * Calls `onRouteChange` with the new route name whenever the document's route changes without a
 * load: `pushState`, `replaceState`, `popstate`, `hashchange` (a hash router's route set through
 * `location.hash` or a link), and the Navigation API's same-document navigations
 * (`navigation.navigate()` with `intercept()` does not go through history). Several sources report
 * the same change, so a change is reported only when the route differs from the last one seen;
 * query-only changes and plain anchors are not route changes (docs/contract.md §3 Navigation).
 */
export function instrumentHistory(onRouteChange: (route: string) => void): () => void {
  let last = currentRoute();
  const check: Listener = () => {
    const route = currentRoute();
    if (route === last) return;
    last = route;
    onRouteChange(route);
  };
  const undo = [patchOnce(history, 'pushState', wrapAfter, check), patchOnce(history, 'replaceState', wrapAfter, check)];
  addEventListener('popstate', check);
  addEventListener('hashchange', check);
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  nav?.addEventListener('currententrychange', check);
  return () => {
    undo.forEach((u) => u());
    removeEventListener('popstate', check);
    removeEventListener('hashchange', check);
    nav?.removeEventListener('currententrychange', check);
  };
}
