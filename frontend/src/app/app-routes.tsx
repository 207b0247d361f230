import type { ComponentType } from 'react';
import { Navigate, Outlet, type RouteObject } from 'react-router';
import { PageSpinner } from '@/components/ui/spinner';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { RouteError } from './route-error';
import { prefetchBoard, prefetchProject } from './route-prefetch';
import { LoginRoute } from './routes/login';
import { RegisterRoute } from './routes/register';

/**
 * A route whose code loads on demand (login and register are in the first chunk; everything else is not).
 * The router's own `lazy`, not React.lazy: the router loads the code of every route an address matches at
 * once, side by side, and renders them when all have arrived. React.lazy finds a route's code only once its
 * parent has rendered, one chunk after another, and React holds back the content of a Suspense boundary
 * until 300 ms after its fallback was shown — the board paid that twice, 0.6 s, on every load.
 */
function onDemand<M extends Record<K, ComponentType>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return async () => ({ Component: (await load())[name] });
}

// Over the board and over My tasks; while its code loads, the page under it stays in view.
const taskDrawer = onDemand(() => import('./routes/task-drawer'), 'TaskDrawerRoute');

/** Every page of the app; router.tsx serves them from the browser's address, tests from memory. */
export const appRoutes: RouteObject[] = [
  {
    // Shown while the first address's code loads.
    hydrateFallbackElement: <PageSpinner />,
    // Whatever fails below and is not caught nearer: a page's code that cannot be loaded, a loader, a render.
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginRoute /> },
      { path: '/register', element: <RegisterRoute /> },
      { path: '/forgot-password', lazy: onDemand(() => import('./routes/forgot-password'), 'ForgotPasswordRoute') },
      {
        // Where the emailed reset link lands (APP_URL/reset-password?token=…).
        path: '/reset-password',
        lazy: onDemand(() => import('./routes/reset-password'), 'ResetPasswordRoute'),
      },
      {
        element: (
          <RequireAuth>
            <Outlet />
          </RequireAuth>
        ),
        children: [
          {
            lazy: onDemand(() => import('./layout/app-layout'), 'AppLayout'),
            children: [
              {
                // A page that fails shows its error under the header, which stays usable.
                errorElement: <RouteError insideLayout />,
                children: [
                  { index: true, element: <Navigate to="/projects" replace /> },
                  { path: 'projects', lazy: onDemand(() => import('./routes/projects'), 'ProjectsRoute') },
                  {
                    path: 'projects/:projectId',
                    lazy: onDemand(() => import('./routes/project-layout'), 'ProjectLayoutRoute'),
                    loader: prefetchProject,
                    children: [
                      {
                        // The board, and a task's drawer over it (a link or a notification opens it; Back closes it).
                        // An index route cannot have children, so the board is a pathless parent of both.
                        lazy: onDemand(() => import('./routes/board'), 'BoardRoute'),
                        loader: prefetchBoard,
                        children: [
                          { index: true, element: null },
                          { path: 'tasks/:taskId', lazy: taskDrawer },
                        ],
                      },
                      { path: 'members', lazy: onDemand(() => import('./routes/members'), 'MembersRoute') },
                      {
                        path: 'settings',
                        lazy: onDemand(() => import('./routes/project-settings'), 'ProjectSettingsRoute'),
                      },
                    ],
                  },
                  {
                    path: 'my-tasks',
                    lazy: onDemand(() => import('./routes/my-tasks'), 'MyTasksRoute'),
                    // The same drawer over My tasks; closing it comes back here.
                    children: [{ path: 'tasks/:taskId', lazy: taskDrawer }],
                  },
                  {
                    path: 'notifications',
                    lazy: onDemand(() => import('./routes/notifications'), 'NotificationsRoute'),
                  },
                  { path: 'settings', element: <Navigate to="/settings/notifications" replace /> },
                  {
                    path: 'settings/notifications',
                    lazy: onDemand(() => import('./routes/notification-settings'), 'NotificationSettingsRoute'),
                  },
                  { path: 'account', lazy: onDemand(() => import('./routes/account'), 'AccountRoute') },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', lazy: onDemand(() => import('./routes/not-found'), 'NotFoundRoute') },
    ],
  },
];
