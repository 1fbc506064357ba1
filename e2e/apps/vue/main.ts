// A small Vue Router app for the router e2e tests. Render functions only: the runtime-only Vue
// build needs no template compiler. Built twice, against Vue Router 5 and 4 (see router-vue.spec.ts).
import { browserTracingIntegration, init } from 'tracewire';
import { instrumentVueRouter } from 'tracewire/vue';
import { createApp, defineComponent, h, ref } from 'vue';
import { createRouter, createWebHistory, RouterLink, RouterView, useRoute, type RouteRecordRaw } from 'vue-router';

interface Config {
  dsn: string;
  idleTimeout?: number;
  routeLabel?: 'path' | 'name';
  /** false: no catch-all route, so unknown paths match nothing. */
  catchAll?: boolean;
}
const config = (window as unknown as { APP: Config }).APP;

init({
  dsn: config.dsn,
  tracesSampleRate: 1,
  integrations: [browserTracingIntegration({ idleTimeout: config.idleTimeout ?? 500 })],
});

// What the route's data loading fetched; the views show it so the tests know the route is ready.
const loaded = ref('');

const page = (text: () => string) => defineComponent({ setup: () => () => h('h1', { id: 'view' }, text()) });

const UserLayout = defineComponent({
  setup() {
    const route = useRoute();
    return () => h('section', [h('p', { id: 'user' }, `user ${String(route.params.id)}`), h(RouterView)]);
  },
});

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: page(() => 'home') },
  { path: '/about', component: page(() => 'about') },
  {
    path: '/users/:id',
    component: UserLayout,
    meta: { load: true },
    children: [
      { path: '', name: 'user', component: page(() => `profile ${loaded.value}`) },
      { path: 'settings', name: 'user-settings', component: page(() => `settings ${loaded.value}`) },
    ],
  },
  // A redirect record, and a guard that redirects: both inside the router.
  { path: '/old-profile/:id', redirect: (to) => `/users/${String(to.params.id)}` },
  { path: '/admin', name: 'admin', component: page(() => 'admin'), beforeEnter: () => '/login' },
  { path: '/login', name: 'login', component: page(() => 'login') },
];
if (config.catchAll !== false) routes.push({ path: '/:pathMatch(.*)*', name: 'not-found', component: page(() => 'not found') });

const router = createRouter({ history: createWebHistory(), routes });

// The route's data loading: a request made while the navigation is being resolved.
router.beforeResolve(async (to) => {
  if (!to.meta.load) return;
  const res = await fetch(`/api/delay?ms=50&user=${String(to.params.id)}`);
  loaded.value = `${String(to.params.id)}:${(await res.json()).ms}`;
});

const uninstall = instrumentVueRouter(router, { routeLabel: config.routeLabel });
Object.assign(window, { router, uninstallRouterHook: uninstall, instrumentVueRouter });

const links = ['/', '/about', '/users/1', '/users/2', '/users/2/settings', '/old-profile/7', '/admin', '/nope/deep'];
const App = defineComponent({
  setup: () => () =>
    h('div', [
      h('nav', links.map((to) => h(RouterLink, { to, id: `link${to.replace(/\//g, '-')}` }, () => to))),
      h(RouterView),
    ]),
});

createApp(App).use(router).mount('#app');
