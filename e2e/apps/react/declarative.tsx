// A small declarative React Router app (<BrowserRouter> + <Routes>) for the router e2e tests, under
// the basename /app, with <TracewireRoutes> (or useTracewireRoutes) in place of <Routes>
// (or useRoutes). Built against React Router 8 and 7 (see router-react.spec.ts).
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Navigate, Outlet, Route, useParams, type RouteObject } from 'react-router';
import { browserTracingIntegration, init } from 'tracewire';
import { TracewireRoutes, useTracewireRoutes } from 'tracewire/react';

interface Config {
  dsn: string;
  idleTimeout?: number;
  /** 'hook': the routes as objects through useTracewireRoutes instead of <TracewireRoutes>. */
  mode?: 'component' | 'hook';
}
const config = (window as unknown as { APP: Config }).APP;

init({
  dsn: config.dsn,
  tracesSampleRate: 1,
  integrations: [browserTracingIntegration({ idleTimeout: config.idleTimeout ?? 500 })],
});

// The route's data loading: a request made by the component once it shows a user.
function useUser(id: string | undefined): string {
  const [data, setData] = useState('');
  useEffect(() => {
    let live = true;
    setData('');
    fetch(`/api/delay?ms=50&load=user-${id}`)
      .then((res) => res.json())
      .then((body) => live && setData(`user-${id}:${body.ms}`));
    return () => {
      live = false;
    };
  }, [id]);
  return data;
}

const links = ['/', '/users/1', '/users/2', '/users/2/settings', '/old-profile/7', '/nope/deep'];
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
  const data = useUser(useParams().id);
  return (
    <section>
      <p id="user">user {data}</p>
      <Outlet />
    </section>
  );
}
const OldProfile = () => <Navigate to={`/users/${useParams().id}`} replace />;

const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <View text="home" /> },
      {
        path: 'users/:id',
        element: <User />,
        children: [
          { index: true, element: <View text="profile" /> },
          { path: 'settings', element: <View text="settings" /> },
        ],
      },
      { path: 'old-profile/:id', element: <OldProfile /> },
      { path: '*', element: <View text="not found" /> },
    ],
  },
];

function HookRoutes() {
  return useTracewireRoutes(routes);
}

function ComponentRoutes() {
  return (
    <TracewireRoutes>
      <Route path="/" element={<Layout />}>
        <Route index element={<View text="home" />} />
        <Route path="users/:id" element={<User />}>
          <Route index element={<View text="profile" />} />
          <Route path="settings" element={<View text="settings" />} />
        </Route>
        <Route path="old-profile/:id" element={<OldProfile />} />
        <Route path="*" element={<View text="not found" />} />
      </Route>
    </TracewireRoutes>
  );
}

createRoot(document.getElementById('app')!).render(
  <BrowserRouter basename="/app">{config.mode === 'hook' ? <HookRoutes /> : <ComponentRoutes />}</BrowserRouter>,
);
