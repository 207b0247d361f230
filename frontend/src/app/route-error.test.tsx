import { afterEach, beforeEach, expect, it, vi, type Mock } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, data, RouterProvider, type RouteObject } from 'react-router';
import { RELOAD_GUARD_MS, RELOADED_AT_KEY } from '@/lib/new-version-reload';
import { startApiServer } from '../../test/api-server';
import { makeAuthResponse } from '../../test/fixtures';
import { createTestQueryClient } from '../../test/providers';

const staleChunk = (message = 'Failed to fetch dynamically imported module') =>
  new TypeError(`${message}: http://localhost/assets/notification-settings-BvjLv0so.js`);
const failingLazy = () => Promise.reject(staleChunk());

const realLocation = window.location;
let reload: Mock<() => void>;
let consoleError: Mock<(...args: unknown[]) => void>;

beforeEach(async () => {
  // Each test starts as a fresh tab: no reload remembered, the app's modules not yet run.
  vi.resetModules();
  sessionStorage.clear();
  // jsdom cannot navigate, and its location.reload cannot be spied on in place: the spy stands in for it.
  reload = vi.fn();
  Object.defineProperty(window, 'location', { configurable: true, value: { ...realLocation, reload } });
  consoleError = vi.fn();
  vi.spyOn(console, 'error').mockImplementation(consoleError);
});
afterEach(() => {
  Object.defineProperty(window, 'location', { configurable: true, value: realLocation });
  vi.restoreAllMocks();
});

/**
 * Opens `path` in a freshly loaded page of the app: its own routes, with `extra` routes of the test's
 * beside its pages under the same root (so the app's own error handling is what catches their errors).
 */
async function openPage(path: string, extra: RouteObject[] = []) {
  const { appRoutes } = await import('./app-routes');
  const root = appRoutes[0];
  if (!root || root.index) throw new Error('The app’s routes start with their root');
  const routes: RouteObject[] = [{ ...root, children: [...extra, ...(root.children ?? [])] }, ...appRoutes.slice(1)];
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
}

/** The same tab after `location.reload()`: sessionStorage kept, the app's code run again. */
function reloadTheTab() {
  cleanup();
  vi.resetModules();
}

const expectNoDeveloperPage = () => {
  expect(document.body.textContent).not.toMatch(/Hey developer|Unexpected Application Error/);
};

it('reloads once when a page’s code is gone after a deploy, and offers a reload when it is still missing', async () => {
  await openPage('/stale', [{ path: '/stale', lazy: failingLazy }]);
  expect(await screen.findByRole('status', { name: 'Loading the new version of TaskFlow' })).toBeTruthy();
  await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
  expect(consoleError).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ name: 'TypeError' }));
  expectNoDeveloperPage();

  // The reloaded page fails the same way within the guard window: no second reload, no loop.
  reloadTheTab();
  await openPage('/stale', [{ path: '/stale', lazy: failingLazy }]);
  const heading = await screen.findByRole('heading', { name: 'TaskFlow was updated' });
  await vi.waitFor(() => expect(document.activeElement).toBe(heading));
  expect(screen.getByText('TaskFlow was updated — reload to get the new version.')).toBeTruthy();
  expect(reload).toHaveBeenCalledTimes(1);
  expectNoDeveloperPage();

  // The person's own reload is theirs to ask for.
  await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
  expect(reload).toHaveBeenCalledTimes(2);
});

it.each([
  ['Chrome', 'Failed to fetch dynamically imported module'],
  ['Safari', 'Importing a module script failed.'],
  ['Firefox', 'error loading dynamically imported module'],
])('knows %s’s words for code that cannot be loaded', async (_browser, message) => {
  await openPage('/stale', [{ path: '/stale', lazy: () => Promise.reject(staleChunk(message)) }]);
  await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
});

it('reloads again for a later deploy, once the guard window has passed', async () => {
  sessionStorage.setItem(RELOADED_AT_KEY, String(Date.now() - RELOAD_GUARD_MS - 1));
  await openPage('/stale', [{ path: '/stale', lazy: failingLazy }]);
  await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
});

it('reloads once on Vite’s vite:preloadError, and leaves the error to the page once it has', async () => {
  const preloadError = () => {
    const event = Object.assign(new Event('vite:preloadError', { cancelable: true }), { payload: staleChunk() });
    window.dispatchEvent(event);
    return event;
  };
  let { reloadOnPreloadError } = await import('@/lib/new-version-reload');
  let stop = reloadOnPreloadError();
  // Not cancelled: the import still fails, so the route shows its error rather than a missing component.
  expect(preloadError().defaultPrevented).toBe(false);
  expect(preloadError().defaultPrevented).toBe(false);
  expect(reload).toHaveBeenCalledTimes(1);
  stop();

  reloadTheTab();
  ({ reloadOnPreloadError } = await import('@/lib/new-version-reload'));
  stop = reloadOnPreloadError();
  preloadError();
  expect(reload).toHaveBeenCalledTimes(1);
  stop();
});

it('shows a page that throws as “Something went wrong”, with a reload and the way to the projects', async () => {
  function BrokenPage(): never {
    throw new Error('secret internals at render');
  }
  await openPage('/broken', [
    { path: '/broken', Component: BrokenPage },
    { path: '/projects', element: <h1>Your projects</h1> },
  ]);
  const heading = await screen.findByRole('heading', { name: 'Something went wrong' });
  await vi.waitFor(() => expect(document.activeElement).toBe(heading));
  expect(screen.getByRole('main')).toBeTruthy();
  expect(document.title).toBe('Something went wrong · TaskFlow');
  expect(document.body.textContent).not.toContain('secret internals');
  expectNoDeveloperPage();
  // For developers, in the console.
  expect(consoleError).toHaveBeenCalledWith(
    expect.any(String),
    expect.objectContaining({ message: 'secret internals at render' }),
  );

  await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
  expect(reload).toHaveBeenCalledTimes(1);

  await userEvent.click(screen.getByRole('link', { name: 'Go to your projects' }));
  expect(await screen.findByRole('heading', { name: 'Your projects' })).toBeTruthy();
});

it('shows an address the app does not know as a page that does not exist', async () => {
  await openPage('/no-such-page');
  const heading = await screen.findByRole('heading', { name: 'Page not found' });
  expect(screen.getByText('This page does not exist.')).toBeTruthy();
  await vi.waitFor(() => expect(document.activeElement).toBe(heading));
  expect(screen.getByRole('link', { name: 'Go to your projects' }).getAttribute('href')).toBe('/projects');
  expect(reload).not.toHaveBeenCalled();
});

it('shows a 404 from a loader as the same page', async () => {
  await openPage('/gone', [
    {
      path: '/gone',
      loader: () => {
        throw data(null, { status: 404 });
      },
      element: <p>never shown</p>,
    },
  ]);
  expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  expect(screen.getByText('This page does not exist.')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
  expectNoDeveloperPage();
});

it('keeps the header when a page under it fails, so the rest of the app stays in reach', async () => {
  // Signed in: the refresh cookie starts a session; the header's bell finds nothing.
  const server = await startApiServer(({ path }) =>
    path === '/api/auth/refresh' ? { status: 200, body: makeAuthResponse('token-1') } : { status: 404 },
  );
  try {
    Object.defineProperty(window, 'location', { configurable: true, value: { ...realLocation, reload } });
    const { appRoutes } = await import('./app-routes');
    const { AuthProvider } = await import('@/features/auth/components/auth-provider');
    const { QueryClientProvider } = await import('@tanstack/react-query');
    const { ToastProvider } = await import('@/components/ui/toaster');
    // The app's pages under its header, with one that fails beside them.
    const pages = findRoute(appRoutes, (route) => route.children?.some((child) => child.path === 'account') ?? false);
    pages?.children?.push({ path: 'broken', lazy: failingLazy });
    const router = createMemoryRouter(appRoutes, { initialEntries: ['/broken'] });
    // The tab reloaded a moment ago, so the message shows at once rather than a reload.
    sessionStorage.setItem(RELOADED_AT_KEY, String(Date.now()));
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <ToastProvider>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </ToastProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'TaskFlow was updated' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    // One <main>: the layout's, with the message in it.
    expect(screen.getAllByRole('main')).toHaveLength(1);
    await userEvent.click(screen.getByRole('link', { name: 'My tasks' }));
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/my-tasks'));
  } finally {
    await server.close();
  }
});

function findRoute(routes: RouteObject[], matches: (route: RouteObject) => boolean): RouteObject | undefined {
  for (const route of routes) {
    if (matches(route)) return route;
    const found = route.children && findRoute(route.children, matches);
    if (found) return found;
  }
  return undefined;
}
