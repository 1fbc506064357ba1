// Consumer code for scripts/check-package.mjs: tracewire/vue with real Vue Router 5 and 4 routers.
import { instrumentVueRouter, type VueRouteLocation, type VueRouterLike, type VueRouterOptions } from 'tracewire/vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createMemoryHistory as createMemoryHistory4, createRouter as createRouter4 } from 'vue-router-4';

const component = { render: () => null };
const routes = [{ path: '/users/:id', name: 'user', component }];

const router = createRouter({ history: createMemoryHistory(), routes });
const options: VueRouterOptions = { routeLabel: 'name' };
const uninstall: () => void = instrumentVueRouter(router, options);
uninstall();

const router4 = createRouter4({ history: createMemoryHistory4(), routes });
instrumentVueRouter(router4)();

const like: VueRouterLike = router;
const location: VueRouteLocation = router.currentRoute.value;
export { like, location };

// @ts-expect-error not a router
instrumentVueRouter({ currentRoute: 1 });
// @ts-expect-error routeLabel is 'path' or 'name'
instrumentVueRouter(router, { routeLabel: 'id' });
