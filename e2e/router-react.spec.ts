// tracewire/react in real Chromium: small React apps built from this repository against React
// Router 8 and 7 (a data router and a declarative one, both under the basename /app), with the
// hooks from dist/react and the SDK from dist/esm (run `npm run build` first).
import type { Page } from '@playwright/test';
import { appOpener, bundleApp, click, expectDataRequestIn, summary, transactions, view, waitForTransactions } from './apps/harness';
import { expect, test, type RecordingServer } from './fixtures';

const paths = [
  '/app', '/app/users/1', '/app/users/2', '/app/users/2/settings', '/app/old-profile/3', '/app/lazy/intro',
  '/app/reports/1999', '/app/nope/deep', '/app/nowhere',
].flatMap((p) => [p, `${p}/`]);

const user = (page: Page) => page.locator('#user');
const expectLoadIn = (server: RecordingServer, tx: any, load: string): void => expectDataRequestIn(server, tx, { load });

for (const [label, alias] of [
  ['React Router 8', {}],
  ['React Router 7', { 'react-router': 'react-router-7' }],
] as const) {
  test.describe(`${label}, data router`, () => {
    let script = '';
    test.beforeAll(async () => {
      script = await bundleApp('react/dataRouter.tsx', alias);
    });
    const open = appOpener('data-router', () => script, paths);

    test('pageload and navigations are named after joined route patterns; loaders belong to them', async ({ page, server, pageProblems }) => {
      await open(page, server, '/app/users/1');
      await expect(user(page)).toHaveText('user user-1:50');
      const pageload = await waitForTransactions(server, 1);
      expect(pageload.contexts.trace.op).toBe('pageload');
      expect(pageload.transaction).toBe('/users/:id');
      expect(pageload.transaction_info.source).toBe('route');

      // A parameter-only change: a new navigation with the same name; the loader's request is in it.
      await click(page, '/users/2');
      await expect(user(page)).toHaveText('user user-2:50');
      const nav = await waitForTransactions(server, 2);
      expect(nav.contexts.trace.op).toBe('navigation');
      expect(nav.contexts.trace.origin).toBe('auto.navigation.react');
      expect(nav.contexts.trace.trace_id).not.toBe(pageload.contexts.trace.trace_id);
      expectLoadIn(server, nav, 'user-2');

      // A query-only change is no navigation (docs/contract.md §3), though the loaders run again.
      await page.evaluate(() => (window as any).router.navigate('/users/2?tab=posts'));
      await expect.poll(() => new URL(page.url()).search).toBe('?tab=posts');
      await expect.poll(() => server.requests((r) => r.query.load === 'user-2').length).toBe(2);

      // A nested route with its own loader, then the index route.
      await click(page, '/users/2/settings');
      await expect(view(page)).toHaveText('settings settings-2:50');
      expectLoadIn(server, await waitForTransactions(server, 3), 'settings-2');
      await click(page, '/');
      await expect(view(page)).toHaveText('home');
      await waitForTransactions(server, 4);

      await page.goBack();
      await expect(view(page)).toHaveText('settings settings-2:50');
      await waitForTransactions(server, 5);
      await page.goBack();
      await expect(view(page)).toHaveText('profile');
      await waitForTransactions(server, 6);
      await page.goForward();
      await expect(view(page)).toHaveText('settings settings-2:50');
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

    test("a loader's redirect gives one transaction named after where it lands", async ({ page, server, pageProblems }) => {
      await open(page, server, '/app/old-profile/3');
      await expect(user(page)).toHaveText('user user-3:50');
      expect(new URL(page.url()).pathname).toBe('/app/users/3');
      await waitForTransactions(server, 1);
      await click(page, '/old-profile/7');
      await expect(user(page)).toHaveText('user user-7:50');
      expect(new URL(page.url()).pathname).toBe('/app/users/7');
      const nav = await waitForTransactions(server, 2);
      expect(summary(server)).toEqual(['pageload /users/:id (route)', 'navigation /users/:id (route)']);
      expectLoadIn(server, nav, 'user-7');
      expect(transactions(server).map((t) => t.contexts.trace.status)).toEqual(['ok', 'ok']);
      expect(pageProblems).toEqual([]);
    });

    test('lazy and discovered routes are named once they resolve', async ({ page, server, pageProblems }) => {
      // On the first load, /reports/:year does not exist until patchRoutesOnNavigation adds it.
      await open(page, server, '/app/reports/1999');
      await expect(view(page)).toHaveText('report 1999 report-1999:50');
      await waitForTransactions(server, 1);
      await click(page, '/lazy/intro');
      await expect(view(page)).toHaveText('lazy lazy-intro:50');
      expectLoadIn(server, await waitForTransactions(server, 2), 'lazy-intro');
      await click(page, '/');
      await expect(view(page)).toHaveText('home');
      await waitForTransactions(server, 3);
      await click(page, '/reports/2024');
      await expect(view(page)).toHaveText('report 2024 report-2024:50');
      await waitForTransactions(server, 4);
      expect(summary(server)).toEqual([
        'pageload /reports/:year (route)',
        'navigation /lazy/:slug (route)',
        'navigation / (route)',
        'navigation /reports/:year (route)',
      ]);
      expect(pageProblems).toEqual([]);
    });

    test('a catch-all 404 route is named by its pattern; without one, by the URL without the basename', async ({ page, server }) => {
      await open(page, server, '/app');
      await expect(view(page)).toHaveText('home');
      await waitForTransactions(server, 1);
      await click(page, '/nope/deep');
      await expect(view(page)).toHaveText('not found');
      await waitForTransactions(server, 2);
      expect(summary(server)).toEqual(['pageload / (route)', 'navigation /* (route)']);

      server.clear();
      await open(page, server, '/app/nowhere', { catchAll: false });
      await waitForTransactions(server, 1);
      await page.evaluate(() => (window as any).router.navigate('/missing/page'));
      await expect.poll(() => new URL(page.url()).pathname).toBe('/app/missing/page');
      await waitForTransactions(server, 2);
      expect(summary(server)).toEqual(['pageload /nowhere (url)', 'navigation /missing/page (url)']);
    });

    test('uninstalling gives navigations back to the history instrumentation', async ({ page, server }) => {
      await open(page, server, '/app');
      await expect(view(page)).toHaveText('home');
      await waitForTransactions(server, 1);
      // Something that is not a router installs nothing, throws nothing, and keeps no claim.
      const bogus = await page.evaluate(() => [null, {}, { currentRoute: {}, state: {} }].map((r) => typeof (window as any).instrumentReactRouter(r)));
      expect(bogus).toEqual(['function', 'function', 'function']);
      await page.evaluate(() => (window as any).uninstallRouterHook());
      await click(page, '/users/1');
      await expect(user(page)).toHaveText('user user-1:50');
      await waitForTransactions(server, 2);
      expect(summary(server)).toEqual(['pageload / (route)', 'navigation /app/users/1 (url)']);
    });
  });

  test.describe(`${label}, declarative routes`, () => {
    let script = '';
    test.beforeAll(async () => {
      script = await bundleApp('react/declarative.tsx', alias);
    });
    const open = appOpener('declarative', () => script, paths);

    test('<TracewireRoutes>: pageload and navigations by pattern; effects\' requests belong to them', async ({ page, server, pageProblems }) => {
      await open(page, server, '/app/users/1');
      await expect(user(page)).toHaveText('user user-1:50');
      const pageload = await waitForTransactions(server, 1);
      expect(pageload.contexts.trace.op).toBe('pageload');
      expect(pageload.transaction).toBe('/users/:id');

      await click(page, '/users/2');
      await expect(user(page)).toHaveText('user user-2:50');
      const nav = await waitForTransactions(server, 2);
      expect(nav.contexts.trace.origin).toBe('auto.navigation.react');
      expectLoadIn(server, nav, 'user-2');

      await click(page, '/users/2/settings');
      await expect(view(page)).toHaveText('settings');
      await waitForTransactions(server, 3);
      await click(page, '/');
      await expect(view(page)).toHaveText('home');
      await waitForTransactions(server, 4);
      await page.goBack();
      await expect(view(page)).toHaveText('settings');
      await waitForTransactions(server, 5);
      await page.goBack();
      await expect(view(page)).toHaveText('profile');
      await waitForTransactions(server, 6);
      await page.goForward();
      await expect(view(page)).toHaveText('settings');
      await waitForTransactions(server, 7);
      await click(page, '/nope/deep');
      await expect(view(page)).toHaveText('not found');
      await waitForTransactions(server, 8);

      expect(summary(server)).toEqual([
        'pageload /users/:id (route)',
        'navigation /users/:id (route)',
        'navigation /users/:id/settings (route)',
        'navigation / (route)',
        'navigation /users/:id/settings (route)',
        'navigation /users/:id (route)',
        'navigation /users/:id/settings (route)',
        'navigation /* (route)',
      ]);
      const all = transactions(server);
      expect(all.map((t) => t.contexts.trace.status)).toEqual(all.map(() => 'ok'));
      expect(new Set(all.map((t) => t.contexts.trace.trace_id)).size).toBe(all.length);
      expect(pageProblems).toEqual([]);
    });

    test('a <Navigate replace> redirect gives one transaction named after where it lands', async ({ page, server, pageProblems }) => {
      await open(page, server, '/app/old-profile/3');
      await expect(user(page)).toHaveText('user user-3:50');
      expect(new URL(page.url()).pathname).toBe('/app/users/3');
      await waitForTransactions(server, 1);
      await click(page, '/old-profile/7');
      await expect(user(page)).toHaveText('user user-7:50');
      const nav = await waitForTransactions(server, 2);
      expect(summary(server)).toEqual(['pageload /users/:id (route)', 'navigation /users/:id (route)']);
      expectLoadIn(server, nav, 'user-7');
      expect(transactions(server).map((t) => t.contexts.trace.status)).toEqual(['ok', 'ok']);
      expect(pageProblems).toEqual([]);
    });

    test('useTracewireRoutes names transactions like <TracewireRoutes>', async ({ page, server, pageProblems }) => {
      await open(page, server, '/app/users/2/settings', { mode: 'hook' });
      await expect(view(page)).toHaveText('settings');
      await waitForTransactions(server, 1);
      await click(page, '/users/1');
      await expect(user(page)).toHaveText('user user-1:50');
      expectLoadIn(server, await waitForTransactions(server, 2), 'user-1');
      expect(summary(server)).toEqual(['pageload /users/:id/settings (route)', 'navigation /users/:id (route)']);
      expect(pageProblems).toEqual([]);
    });
  });
}
