// tracewire/vue: Vue Router hook. It imports only the main entry, so it shares its client.
export { instrumentVueRouter, type VueRouteLocation, type VueRouterLike, type VueRouterOptions } from './instrumentVueRouter';
