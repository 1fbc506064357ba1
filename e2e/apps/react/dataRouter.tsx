// A small React Router data-router app (createBrowserRouter) for the router e2e tests, under the
// basename /app. Built against React Router 8 and 7 (see router-react.spec.ts).
import { createRoot } from 'react-dom/client';
import {
  createBrowserRouter,
  Link,
  Outlet,
  redirect,
  RouterProvider,
  useLoaderData,
  useParams,
  type RouteObject,
} from 'react-router';
import { browserTracingIntegration, init } from 'tracewire';
import { instrumentReactRouter } from 'tracewire/react';

interface Config {
  dsn: string;
  idleTimeout?: number;
  /** false: no catch-all route, so unknown paths match nothing. */
  catchAll?: boolean;
}
const config = (window as unknown as { APP: Config }).APP;

init({
  dsn: config.dsn,
  tracesSampleRate: 1,
  integrations: [browserTracingIntegration({ idleTimeout: config.idleTimeout ?? 500 })],
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The routes' data loading: requests made by loaders while the router navigates.
const load = async (what: string): Promise<string> => {
  const res = await fetch(`/api/delay?ms=50&load=${encodeURIComponent(what)}`);
  return `${what}:${(await res.json()).ms}`;
};

const links = ['/', '/users/1', '/users/2', '/users/2/settings', '/old-profile/7', '/lazy/intro', '/reports/2024', '/nope/deep'];
function Layout() {
  return (
    <div>
      <nav>
        {links.map((to) => (
          <Link key={to} to={to} id={`link${to.replace(/\//g, '-')}`}>
            {to}
          </Link>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
const View = ({ text }: { text: string }) => <h1 id="view">{text}</h1>;
function User() {
  return (
    <section>
      <p id="user">user {useLoaderData() as string}</p>
      <Outlet />
    </section>
  );
}
const Settings = () => <View text={`settings ${useLoaderData() as string}`} />;
const Report = () => <View text={`report ${useParams().year} ${useLoaderData() as string}`} />;

const children: RouteObject[] = [
  { index: true, element: <View text="home" /> },
  {
    path: 'users/:id',
    loader: ({ params }) => load(`user-${params.id}`),
    element: <User />,
    children: [
      { index: true, element: <View text="profile" /> },
      { path: 'settings', loader: ({ params }) => load(`settings-${params.id}`), element: <Settings /> },
    ],
  },
  // A redirect inside the router: a loader's redirect().
  { path: 'old-profile/:id', loader: ({ params }) => redirect(`/users/${params.id}`) },
  // A lazy route: its loader and component arrive when it is first visited.
  {
    path: 'lazy/:slug',
    lazy: async () => {
      await sleep(30);
      return { loader: ({ params }: { params: { slug?: string } }) => load(`lazy-${params.slug}`), Component: () => <View text={`lazy ${useLoaderData() as string}`} /> };
    },
  },
];
if (config.catchAll !== false) children.push({ path: '*', element: <View text="not found" /> });

let reportsAdded = false;
const router = createBrowserRouter([{ id: 'root', path: '/', element: <Layout />, hydrateFallbackElement: <p>loading</p>, children }], {
  basename: '/app',
  // Routes discovered on navigation: /reports/:year exists only once the router asked for it.
  async patchRoutesOnNavigation({ path, patch }) {
    // `path` is the whole URL path, basename included.
    if (!path.startsWith('/app/reports/') || reportsAdded) return;
    await sleep(30);
    reportsAdded = true;
    patch('root', [{ path: 'reports/:year', loader: ({ params }) => load(`report-${params.year}`), element: <Report /> }]);
  },
});

const uninstall = instrumentReactRouter(router);
Object.assign(window, { router, uninstallRouterHook: uninstall, instrumentReactRouter });

createRoot(document.getElementById('app')!).render(<RouterProvider router={router} />);
