// Consumer code for scripts/check-package.mjs: tracewire/react with real React Router 8 and 7 routers.
import type { ReactElement } from 'react';
import { createMemoryRouter, MemoryRouter, Route, type RouteObject } from 'react-router';
import { createMemoryRouter as createMemoryRouter7 } from 'react-router-7';
import {
  instrumentReactRouter,
  TracewireRoutes,
  useTracewireRoutes,
  type DataRouterLike,
  type DataRouterState,
  type RouteLike,
  type RouteMatchLike,
  type RouterLocation,
  type TracewireRoutesProps,
} from 'tracewire/react';

const routes: RouteObject[] = [{ path: '/', children: [{ path: 'users/:id', element: null }] }];

const router = createMemoryRouter(routes, { basename: '/app', initialEntries: ['/app/users/1'] });
const uninstall: () => void = instrumentReactRouter(router);
uninstall();
instrumentReactRouter(createMemoryRouter7([{ path: '/users/:id', element: null }]))();

export function App(): ReactElement {
  return (
    <MemoryRouter>
      <TracewireRoutes>
        <Route path="/users/:id" element={null} />
      </TracewireRoutes>
    </MemoryRouter>
  );
}

export function Hooked(): ReactElement | null {
  return useTracewireRoutes(routes);
}

const props: TracewireRoutesProps = { children: null };
const like: DataRouterLike = router;
const state: DataRouterState = router.state;
const location: RouterLocation = state.location;
const route: RouteLike = { path: '/users/:id' };
const match: RouteMatchLike = { route };
export { like, location, match, props };

// @ts-expect-error not a data router
instrumentReactRouter({ state: {} });
