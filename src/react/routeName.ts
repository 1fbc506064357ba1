import type { TransactionSource } from 'tracewire';

/** A route object as React Router keeps it; only `path` is read. */
export interface RouteLike {
  path?: string | undefined;
  index?: boolean | undefined;
  children?: RouteLike[] | undefined;
}

/** One entry of a React Router match, outermost route first. */
export interface RouteMatchLike {
  route: RouteLike;
}

/** `pathname` without `basename` (React Router's rule: case-insensitive, on a segment boundary). */
export function stripBasename(pathname: string, basename = '/'): string {
  if (!basename || basename === '/') return pathname;
  const base = basename.replace(/\/+$/, '');
  if (!pathname.toLowerCase().startsWith(base.toLowerCase())) return pathname;
  const rest = pathname.slice(base.length);
  if (rest && !rest.startsWith('/')) return pathname;
  return rest || '/';
}

/**
 * The transaction name for a match: the matched routes' patterns joined (`/users/:id/settings`;
 * index and pathless layout routes add nothing), source `route`. Without a match, the URL path
 * without the basename, source `url`.
 */
export function routeName(matches: RouteMatchLike[] | null | undefined, pathname: string, basename?: string): [string, TransactionSource] {
  if (!matches || matches.length === 0) return [stripBasename(pathname, basename), 'url'];
  let name = '';
  for (const { route } of matches) {
    const path = route.path;
    if (!path) continue;
    // Child paths are relative unless they repeat the parent's full path (React Router allows both).
    name = path.startsWith('/') ? path : `${name.replace(/\/+$/, '')}/${path}`;
  }
  return [name.replace(/(.)\/+$/, '$1') || '/', 'route'];
}
