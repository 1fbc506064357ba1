import { claimNavigation, getPageloadSpan, startNavigationSpan, type Span, type TransactionSource } from 'tracewire';
import { runAll } from '../hooks/runAll';

/** The parts of a Vue Router route location the hook reads; Vue Router 4 and 5 routes fit it. */
export interface VueRouteLocation {
  path: string;
  name?: string | symbol | null | undefined;
  /** The matched records, outermost first; the last one's `path` is the full pattern. */
  matched: ReadonlyArray<{ path: string }>;
  /** Set by the router when this location is the target of a redirect. */
  redirectedFrom?: unknown;
}

/** The parts of a Vue Router instance (`createRouter()`) the hook uses. */
export interface VueRouterLike {
  beforeEach(guard: (to: VueRouteLocation, from: VueRouteLocation) => void): () => void;
  afterEach(hook: (to: VueRouteLocation, from: VueRouteLocation) => void): () => void;
  readonly currentRoute: { readonly value: VueRouteLocation };
}

export interface VueRouterOptions {
  /**
   * `'path'` (default): transactions are named after the matched route's pattern, e.g.
   * `/users/:id` (source `route`). `'name'`: after the route's `name` (source `custom`), falling
   * back to the pattern for routes without one.
   */
  routeLabel?: 'path' | 'name' | undefined;
}

const ORIGIN = 'auto.navigation.vue';

function transactionName(to: VueRouteLocation, label: VueRouterOptions['routeLabel']): [string, TransactionSource] {
  const record = to.matched[to.matched.length - 1];
  // No matched record: the router resolved nothing, so the URL is all there is.
  if (!record) return [to.path, 'url'];
  const name = to.name;
  if (label === 'name' && name != null && name !== '') {
    return [typeof name === 'symbol' ? (name.description ?? String(name)) : String(name), 'custom'];
  }
  return [record.path, 'route'];
}

/**
 * Names pageload and navigation transactions after Vue Router routes (Vue Router 4 and 5). Call it
 * after `init()` and before the app is mounted (`app.use(router)`), so the initial navigation is
 * seen:
 *
 * - the router's first navigation renames the open pageload transaction;
 * - every later navigation to another path starts a `navigation` transaction when the router
 *   starts navigating, so its guards' and components' requests belong to it (query- and hash-only
 *   changes start nothing); history changes no longer start navigations by themselves while the
 *   hook is installed;
 * - a redirect (a `redirect` record or a guard returning another location) renames the navigation
 *   in progress, so it is named after where it lands.
 *
 * Returns the uninstall function: it removes the router hooks and gives navigation back to
 * browserTracingIntegration's history instrumentation. Never throws: given something that is not a
 * Vue Router, it installs nothing.
 */
export function instrumentVueRouter(router: VueRouterLike, options: VueRouterOptions = {}): () => void {
  const label = options?.routeLabel;
  const undo: (() => void)[] = [claimNavigation()];
  const uninstall = (): void => runAll(undo);
  // The transaction named after `target`, the navigation in progress (undefined once it settled).
  let span: Span | undefined;
  let target: VueRouteLocation | undefined;
  const rename = (s: Span | undefined, to: VueRouteLocation): void => {
    const [name, source] = transactionName(to, label);
    s?.updateName(name, source);
  };

  try {
    // The router has not navigated yet: its first navigation resolves the page's initial route.
    let initial = router.currentRoute.value.matched.length === 0;
    // Installed after the router resolved its first route: the pageload is named after it.
    if (!initial) rename(getPageloadSpan(), router.currentRoute.value);

    undo.push(
      router.beforeEach((to, from) => {
        try {
          if (target && to.redirectedFrom) {
            // Vue Router runs the guards again for a redirect's target, marked `redirectedFrom`.
            target = to;
            return rename(span, to);
          }
          // Query- and hash-only changes start nothing (docs/contract.md §3 Navigation).
          if (!initial && to.path === from.path) return;
          target = to;
          if (initial) {
            span = getPageloadSpan()?.setAttribute('sentry.origin', 'auto.pageload.vue');
            return rename(span, to);
          }
          const [name, source] = transactionName(to, label);
          span = startNavigationSpan({ name, attributes: { 'sentry.origin': ORIGIN } }, source);
        } catch {
          // Never break the app's navigation (docs/contract.md §3 Safety).
        }
      }),
      router.afterEach((to) => {
        // A navigation superseded by a newer one settles later, as a failure: only ours counts.
        if (to !== target) return;
        target = span = undefined;
        initial = false;
      }),
    );
  } catch {
    // Not a Vue Router instance: nothing stays installed.
    uninstall();
  }
  return uninstall;
}
