import { createElement, useEffect, useLayoutEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { createRoutesFromChildren, matchRoutes, Routes, useLocation, useRoutes } from 'react-router';
import { claimNavigation, getPageloadSpan, popActivity, pushActivity, startNavigationSpan, type Span } from 'tracewire';
import { routeName, type RouteLike } from './routeName';

type Location = Parameters<typeof useRoutes>[1];
type RouteObjects = Parameters<typeof useRoutes>[0];

/** The props of `<Routes>`. */
export interface TracewireRoutesProps {
  children?: ReactNode;
  location?: Location | undefined;
}

const pathOf = (location: Location, current: string): string =>
  typeof location === 'string' ? location.split(/[?#]/)[0] || '/' : (location?.pathname ?? current);

// How long a redirect may take to render before its transaction is let go anyway: a safety net
// for a path changed behind the router's back, which the router never renders.
const REDIRECT_HOLD_MS = 5000;

interface Seen {
  /** The path last named, and its transaction. */
  path?: string;
  span?: Span;
  /** The document's path when `path` rendered (it includes the basename). */
  url?: string;
  /** The route just rendered navigated from its own effects: the next path is a redirect. */
  redirecting?: boolean;
  hold?: number;
  timer?: ReturnType<typeof setTimeout>;
}

function letGo(seen: Seen): void {
  if (seen.hold !== undefined) popActivity(seen.hold);
  clearTimeout(seen.timer);
  seen.hold = seen.timer = undefined;
}

/**
 * Names transactions for declarative routing: called on each render with the route objects and the
 * path being rendered (already without the basename). The pageload is renamed on the first render;
 * each later change of path starts a `navigation` transaction, in a layout effect, which runs before
 * any effect of the new route's components, so their requests belong to it. A route that navigates
 * from its own effects while it mounts (`<Navigate>`) redirects: the navigation it makes renames the
 * transaction, which is held open until then.
 */
function useRouteTransactions(getRoutes: () => RouteLike[], pathname: string): void {
  const seen = useRef<Seen>({}).current;
  useLayoutEffect(() => claimNavigation(), []);
  useLayoutEffect(() => {
    if (seen.path === pathname) return; // StrictMode runs effects twice
    const first = seen.path === undefined;
    const redirected = seen.redirecting && seen.span?.isRecording();
    seen.path = pathname;
    seen.url = globalThis.location?.pathname;
    seen.redirecting = false;
    letGo(seen);
    try {
      const [name, source] = routeName(matchRoutes(getRoutes() as RouteObjects, pathname), pathname);
      if (first) {
        seen.span = getPageloadSpan()?.setAttribute('sentry.origin', 'auto.pageload.react').updateName(name, source);
      } else if (redirected) {
        seen.span!.updateName(name, source);
      } else {
        seen.span = startNavigationSpan({ name, attributes: { 'sentry.origin': 'auto.navigation.react' } }, source);
      }
    } catch {
      // Never break the app's rendering (docs/contract.md §3 Safety).
    }
    // Only a change of path starts or renames a transaction (docs/contract.md §3 Navigation).
  }, [pathname]);
  useEffect(() => {
    // Passive effects run children first: the new route's own effects have run, and a <Navigate>
    // among them has already changed the document's path, though the router has not rendered it yet.
    if (seen.redirecting || seen.url === undefined || globalThis.location?.pathname === seen.url) return;
    seen.redirecting = true;
    seen.hold = pushActivity('route redirect');
    seen.timer = setTimeout(() => letGo(seen), REDIRECT_HOLD_MS);
  }, [pathname]);
  useEffect(() => () => letGo(seen), []);
}

/**
 * A drop-in for React Router's `<Routes>` (declarative `<BrowserRouter>` apps, React Router 7 and
 * 8) that names pageload and navigation transactions after the matched route patterns joined
 * (`/users/:id/settings`); no match: the URL path without the basename (source `url`). A
 * `<Navigate>` rendered by a route redirects: one transaction, named after where it lands. Use it
 * for the top-level `<Routes>`; history changes no longer start navigations by themselves while it
 * is mounted.
 */
export function TracewireRoutes(props: TracewireRoutesProps): ReactElement {
  const current = useLocation().pathname;
  useRouteTransactions(() => createRoutesFromChildren(props.children), pathOf(props.location, current));
  return createElement(Routes, props);
}

/** A drop-in for React Router's `useRoutes(routes, location?)` that names transactions like {@link TracewireRoutes}. */
export function useTracewireRoutes(routes: RouteObjects, location?: Location): ReturnType<typeof useRoutes> {
  const current = useLocation().pathname;
  useRouteTransactions(() => routes, pathOf(location, current));
  return useRoutes(routes, location);
}
