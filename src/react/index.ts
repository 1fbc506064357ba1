// tracewire/react: React Router hooks. They import only the main entry, so they share its client.
export { instrumentReactRouter, type DataRouterLike, type DataRouterState, type RouterLocation } from './instrumentReactRouter';
export type { RouteLike, RouteMatchLike } from './routeName';
export { TracewireRoutes, useTracewireRoutes, type TracewireRoutesProps } from './TracewireRoutes';
