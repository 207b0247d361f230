import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { PageSpinner } from '@/components/ui/spinner';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { LoginRoute } from './routes/login';
import { RegisterRoute } from './routes/register';

// Login and register are in the first chunk; everything behind sign-in loads on demand.
const AppLayout = lazy(() => import('./layout/app-layout').then((m) => ({ default: m.AppLayout })));
const ProjectsRoute = lazy(() => import('./routes/projects'));
const ProjectLayoutRoute = lazy(() => import('./routes/project-layout'));
const BoardRoute = lazy(() => import('./routes/board'));
const MembersRoute = lazy(() => import('./routes/members'));
const TaskDrawerRoute = lazy(() => import('./routes/task-drawer'));
const ProjectSettingsRoute = lazy(() => import('./routes/project-settings'));
const MyTasksRoute = lazy(() => import('./routes/my-tasks'));
const NotificationsRoute = lazy(() => import('./routes/notifications'));
const NotificationSettingsRoute = lazy(() => import('./routes/notification-settings'));
const NotFoundRoute = lazy(() => import('./routes/not-found'));
const AccountRoute = lazy(() => import('./routes/account'));
const ForgotPasswordRoute = lazy(() =>
  import('./routes/forgot-password').then((m) => ({ default: m.ForgotPasswordRoute })),
);
const ResetPasswordRoute = lazy(() =>
  import('./routes/reset-password').then((m) => ({ default: m.ResetPasswordRoute })),
);

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSpinner />}>{children}</Suspense>;
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute /> },
  { path: '/register', element: <RegisterRoute /> },
  {
    path: '/forgot-password',
    element: (
      <Loading>
        <ForgotPasswordRoute />
      </Loading>
    ),
  },
  {
    // Where the emailed reset link lands (APP_URL/reset-password?token=…).
    path: '/reset-password',
    element: (
      <Loading>
        <ResetPasswordRoute />
      </Loading>
    ),
  },
  {
    element: (
      <RequireAuth>
        <Loading>
          <AppLayout />
        </Loading>
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/projects" replace /> },
      { path: 'projects', element: <ProjectsRoute /> },
      {
        path: 'projects/:projectId',
        element: <ProjectLayoutRoute />,
        children: [
          {
            // The board, and a task's drawer over it (a link or a notification opens it; Back closes it).
            // An index route cannot have children, so the board is a pathless parent of both.
            element: <BoardRoute />,
            children: [
              { index: true, element: null },
              {
                path: 'tasks/:taskId',
                // The board stays in view while the drawer's code loads.
                element: (
                  <Suspense fallback={null}>
                    <TaskDrawerRoute />
                  </Suspense>
                ),
              },
            ],
          },
          { path: 'members', element: <MembersRoute /> },
          { path: 'settings', element: <ProjectSettingsRoute /> },
        ],
      },
      {
        path: 'my-tasks',
        element: <MyTasksRoute />,
        // The same drawer over My tasks; closing it comes back here.
        children: [
          {
            path: 'tasks/:taskId',
            element: (
              <Suspense fallback={null}>
                <TaskDrawerRoute />
              </Suspense>
            ),
          },
        ],
      },
      { path: 'notifications', element: <NotificationsRoute /> },
      { path: 'settings', element: <Navigate to="/settings/notifications" replace /> },
      { path: 'settings/notifications', element: <NotificationSettingsRoute /> },
      { path: 'account', element: <AccountRoute /> },
    ],
  },
  {
    path: '*',
    element: (
      <Loading>
        <NotFoundRoute />
      </Loading>
    ),
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
