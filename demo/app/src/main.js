import { createApp } from 'vue';
import { browserTracingIntegration, init } from 'tracewire';
import { instrumentVueRouter } from 'tracewire/vue';
import App from './App.vue';
import { router } from './router.js';

init({
  // The backend renders the sidecar's URL into the page; every envelope is posted there.
  spotlight: document.querySelector('meta[name="demo-spotlight"]')?.content,
  tracesSampleRate: 1,
  // Only our own API gets the sentry-trace and baggage headers.
  tracePropagationTargets: [/^\/api\//],
  release: 'tracewire-demo@0.0.0',
  environment: 'demo',
  integrations: [browserTracingIntegration()],
});

// Before the router is installed, so the first navigation is already seen.
// Navigation transactions are named after the route pattern: /products/:id, not /products/3.
instrumentVueRouter(router);

createApp(App).use(router).mount('#app');
