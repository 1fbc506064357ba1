import { matchRoutes } from 'react-router';
import { claimNavigation, getPageloadSpan, startNavigationSpan, type Span, type TransactionSource } from 'tracewire';
import { routeName, type RouteLike, type RouteMatchLike } from './routeName';
import { runAll } from '../hooks/runAll';

/** A location as a data router reports it. */
export interface RouterLocation {
  pathname: string;
  key?: string | undefined;
  /** React Router marks the target of a loader or action `redirect()` with `_isRedirect`. */
  state?: unknown;
}

/** The parts of a data router's state the hook reads. */
export interface DataRouterState {
  location: RouterLocation;
  initialized: boolean;
  navigation: { state: string; location?: RouterLocation | undefined };
}

/** The parts of a data router (`createBrowserRouter()`, React Router 7 and 8) the hook uses. */
export interface DataRouterLike {
  readonly state: DataRouterState;
  readonly routes: RouteLike[];
  readonly basename?: string | undefined;
  subscribe(subscriber: (state: DataRouterState) => void): () => void;
}

const isRedirect = (location: RouterLocation): boolean =>
  (location.state as { _isRedirect?: unknown } | null | undefined)?._isRedirect === true;

/**
 * Names pageload and navigation transactions after React Router routes, for data routers made by
 * `createBrowserRouter` (React Router 7 and 8). Call it after `init()`, right after creating the
 * router:
 *
 * - the pageload transaction is named after the initial route's patterns joined
 *   (`/users/:id/settings`), renamed once the router has initialised (lazy routes resolved);
 * - a navigation to another path starts a `navigation` transaction when the router starts loading
 *   it, so its loaders' requests belong to it, and names it again when it commits (routes added by
 *   `patchRoutesOnNavigation` or `lazy` are then known); history changes no longer start
 *   navigations by themselves while the hook is installed;
 * - a loader or action `redirect()` renames the navigation in progress instead of starting another
 *   (a `<Navigate>` rendered by a route is a navigation of its own);
 * - no matching route: the URL path without the router's basename (source `url`).
 *
 * Returns the uninstall function: it unsubscribes and gives navigation back to
 * browserTracingIntegration's history instrumentation. Never throws: given something that is not a
 * data router, it installs nothing.
 */
export function instrumentReactRouter(router: DataRouterLike): () => void {
  const undo: (() => void)[] = [claimNavigation()];
  const uninstall = (): void => runAll(undo);
  try {
    const basename = router.basename ?? '/';
    // React Router 8 exposes its own matcher (it honours the router's matching flags); 7 does not.
    const own = (router as { match?: (location: RouterLocation) => RouteMatchLike[] | null }).match;
    const nameOf = (location: RouterLocation): [string, TransactionSource] => {
      const matches =
        typeof own === 'function'
          ? own.call(router, location)
          : matchRoutes(router.routes as Parameters<typeof matchRoutes>[0], location, basename);
      return routeName(matches, location.pathname, basename);
    };
    const rename = (s: Span | undefined, location: RouterLocation): void => {
      if (s) s.updateName(...nameOf(location));
    };
    const start = (location: RouterLocation): Span | undefined => {
      const [name, source] = nameOf(location);
      return startNavigationSpan({ name, attributes: { 'sentry.origin': 'auto.navigation.react' } }, source);
    };

    const initial = router.state;
    // The transaction of the latest route, and whether that route has committed yet.
    let span = getPageloadSpan()?.setAttribute('sentry.origin', 'auto.pageload.react');
    let committed = initial.initialized;
    let pendingKey = initial.navigation.location?.key;
    let committedKey = initial.location.key;
    let path = initial.location.pathname;
    rename(span, initial.location);

    undo.push(
      router.subscribe((state) => {
        try {
          const { navigation } = state;
          const to = navigation.location;
          if (navigation.state !== 'idle' && to && to.key !== pendingKey) {
            // The router starts loading a location: its loaders run from now on.
            pendingKey = to.key;
            if (!committed && isRedirect(to)) rename(span, to);
            else if (to.pathname !== state.location.pathname) {
              span = start(to);
              committed = false;
            }
          }
          if (navigation.state !== 'idle' || !state.initialized) return;
          const moved = state.location.key !== committedKey;
          committedKey = state.location.key;
          if (!committed) {
            // Committed (or blocked): the final name, now that lazy and patched routes are known.
            committed = true;
            rename(span, state.location);
          } else if (moved && state.location.pathname !== path) {
            // A navigation without loaders to run commits without a loading state.
            span = start(state.location);
          }
          path = state.location.pathname;
        } catch {
          // Never break the app's navigation (docs/contract.md §3 Safety).
        }
      }),
    );
  } catch {
    // Not a data router: nothing stays installed.
    uninstall();
  }
  return uninstall;
}
