// tracewire/vue in real Chromium: a small Vue app built from this repository against Vue Router 5
// and 4, with the hook from dist/vue and the SDK from dist/esm (run `npm run build` first).
import { appOpener, bundleApp, click, expectDataRequestIn, summary, transactions, view, waitForTransactions } from './apps/harness';
import { expect, test } from './fixtures';

const paths = ['/', '/about', '/users/1', '/users/2', '/users/2/settings', '/old-profile/3', '/admin', '/nope/deep', '/nowhere'];

for (const [label, alias] of [
  ['Vue Router 5', {}],
  ['Vue Router 4', { 'vue-router': 'vue-router-4' }],
] as const) {
  test.describe(label, () => {
    let script = '';
    test.beforeAll(async () => {
      script = await bundleApp('vue/main.ts', alias);
    });

    const open = appOpener('vue-app', () => script, paths);

    test('pageload and navigations are named after route patterns, one per route change', async ({ page, server, pageProblems }) => {
      await open(page, server, '/users/1');
      await expect(view(page)).toHaveText('profile 1:50');
      const pageload = await waitForTransactions(server, 1);
      expect(pageload.transaction).toBe('/users/:id');
      expect(pageload.transaction_info.source).toBe('route');
      expect(pageload.contexts.trace.op).toBe('pageload');

      // A parameter-only change: a new navigation, in a new trace, with the same name.
      await click(page, '/users/2');
      await expect(view(page)).toHaveText('profile 2:50');
      const nav = await waitForTransactions(server, 2);
      expect(nav.contexts.trace.op).toBe('navigation');
      expect(nav.transaction).toBe('/users/:id');
      expect(nav.transaction_info.source).toBe('route');
      expect(nav.contexts.trace.origin).toBe('auto.navigation.vue');
      expect(nav.contexts.trace.status).toBe('ok');
      expect(nav.contexts.trace.trace_id).not.toBe(pageload.contexts.trace.trace_id);

      // The route's data loading belongs to this navigation: its span, and the headers it carried.
      expectDataRequestIn(server, nav, { user: '2' });

      // A query-only change is no navigation (docs/contract.md §3): the list below has nothing for it.
      await page.evaluate(() => (window as any).router.push('/users/2?tab=posts'));
      await expect.poll(() => new URL(page.url()).search).toBe('?tab=posts');

      await click(page, '/users/2/settings');
      await expect(view(page)).toHaveText('settings 2:50');
      await waitForTransactions(server, 3);
      await click(page, '/');
      await expect(view(page)).toHaveText('home');
      await waitForTransactions(server, 4);

      // Back and forward: the router's popstate navigations, again one each.
      await page.goBack();
      await expect(view(page)).toHaveText('settings 2:50');
      await waitForTransactions(server, 5);
      await page.goBack();
      await expect(view(page)).toHaveText('profile 2:50');
      await waitForTransactions(server, 6);
      await page.goForward();
      await expect(view(page)).toHaveText('settings 2:50');
      await waitForTransactions(server, 7);

      expect(summary(server)).toEqual([
        'pageload /users/:id (route)',
        'navigation /users/:id (route)',
        'navigation /users/:id/settings (route)',
        'navigation / (route)',
        'navigation /users/:id/settings (route)',
        'navigation /users/:id (route)',
        'navigation /users/:id/settings (route)',
      ]);
      const all = transactions(server);
      expect(all.map((t) => t.contexts.trace.status)).toEqual(all.map(() => 'ok'));
      expect(new Set(all.map((t) => t.contexts.trace.trace_id)).size).toBe(all.length);
      expect(pageProblems).toEqual([]);
    });

    test('redirects give one transaction named after where they land', async ({ page, server, pageProblems }) => {
      // A redirect record on the initial route: the pageload gets the target's name.
      await open(page, server, '/old-profile/3');
      await expect(view(page)).toHaveText('profile 3:50');
      expect(new URL(page.url()).pathname).toBe('/users/3');
      await waitForTransactions(server, 1);

      // A redirect record, then a guard returning another location.
      await click(page, '/old-profile/7');
      await expect(view(page)).toHaveText('profile 7:50');
      await waitForTransactions(server, 2);
      await click(page, '/admin');
      await expect(view(page)).toHaveText('login');
      expect(new URL(page.url()).pathname).toBe('/login');
      await waitForTransactions(server, 3);

      expect(summary(server)).toEqual(['pageload /users/:id (route)', 'navigation /users/:id (route)', 'navigation /login (route)']);
      expect(transactions(server).map((t) => t.contexts.trace.status)).toEqual(['ok', 'ok', 'ok']);
      expect(pageProblems).toEqual([]);
    });

    test('a catch-all 404 route is named by its pattern; without one, by the URL', async ({ page, server }) => {
      await open(page, server, '/');
      await expect(view(page)).toHaveText('home');
      await waitForTransactions(server, 1);
      await click(page, '/nope/deep');
      await expect(view(page)).toHaveText('not found');
      await waitForTransactions(server, 2);
      expect(summary(server)).toEqual(['pageload / (route)', 'navigation /:pathMatch(.*)* (route)']);

      server.clear();
      await open(page, server, '/nowhere', { catchAll: false });
      await expect(page.locator('#link-about')).toBeVisible();
      await waitForTransactions(server, 1);
      await page.evaluate(() => (window as any).router.push('/missing/page'));
      await expect.poll(() => new URL(page.url()).pathname).toBe('/missing/page');
      await waitForTransactions(server, 2);
      expect(summary(server)).toEqual(['pageload /nowhere (url)', 'navigation /missing/page (url)']);
    });

    test("routeLabel 'name' names transactions after route names, else the pattern", async ({ page, server }) => {
      await open(page, server, '/users/1', { routeLabel: 'name' });
      await expect(view(page)).toHaveText('profile 1:50');
      await waitForTransactions(server, 1);
      await click(page, '/users/2/settings');
      await expect(view(page)).toHaveText('settings 2:50');
      await waitForTransactions(server, 2);
      await click(page, '/about');
      await expect(view(page)).toHaveText('about');
      await waitForTransactions(server, 3);
      expect(summary(server)).toEqual(['pageload user (custom)', 'navigation user-settings (custom)', 'navigation /about (route)']);
    });

    test('uninstalling gives navigations back to the history instrumentation', async ({ page, server }) => {
      await open(page, server, '/about');
      await expect(view(page)).toHaveText('about');
      await waitForTransactions(server, 1);
      // Something that is not a router installs nothing, throws nothing, and keeps no claim.
      const bogus = await page.evaluate(() => [null, {}, { currentRoute: {}, state: {} }].map((r) => typeof (window as any).instrumentVueRouter(r)));
      expect(bogus).toEqual(['function', 'function', 'function']);
      await page.evaluate(() => (window as any).uninstallRouterHook());
      await click(page, '/users/1');
      await expect(view(page)).toHaveText('profile 1:50');
      await waitForTransactions(server, 2);
      expect(summary(server)).toEqual(['pageload /about (route)', 'navigation /users/1 (url)']);
    });
  });
}
