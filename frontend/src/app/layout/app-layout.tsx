import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@taskflow/contracts/api';
import { Link, NavLink, Outlet } from 'react-router';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { headerIconClass, SettingsIcon } from '@/components/ui/icons';
import { ThemeToggle } from '@/components/ui/theme-toggle';
import { useLogout } from '@/features/auth/api/logout';
import { useCurrentUser } from '@/features/auth/components/auth-provider';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { useLiveNotifications } from '@/features/notifications/hooks/use-live-notifications';
import { projectsQueryKey } from '@/features/projects/api/get-projects';

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    'h-8 items-center rounded-md px-2.5 text-sm font-medium whitespace-nowrap',
    'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500',
    isActive
      ? 'bg-gray-100 text-gray-900 dark:bg-gray-800 dark:text-gray-100'
      : 'text-gray-600 hover:bg-gray-100 hover:text-gray-900 dark:text-gray-300 dark:hover:bg-gray-800 dark:hover:text-gray-100',
  );

export function AppLayout() {
  const user = useCurrentUser();
  const logout = useLogout();
  const queryClient = useQueryClient();
  // Being added to a project changes what the projects page lists.
  const onNotification = useCallback(
    (notification: Notification) => {
      if (notification.type === 'project.member_added')
        void queryClient.invalidateQueries({ queryKey: projectsQueryKey });
    },
    [queryClient],
  );
  useLiveNotifications(onNotification);

  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow dark:focus:bg-gray-900"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-gray-200 bg-white/90 backdrop-blur dark:border-gray-800 dark:bg-gray-950/90">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4">
          <Link
            to="/projects"
            className="flex shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
          >
            <img src="/favicon.svg" alt="" className="size-7" />
            <span className="sr-only sm:not-sr-only">TaskFlow</span>
          </Link>
          <nav aria-label="Main" className="ml-1 flex items-center gap-1 sm:ml-4">
            {/* On a phone the logo is the way to the projects. */}
            <NavLink to="/projects" className={(state) => cn(navLinkClass(state), 'hidden sm:inline-flex')}>
              Projects
            </NavLink>
            <NavLink to="/my-tasks" className={(state) => cn(navLinkClass(state), 'inline-flex')}>
              My tasks
            </NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-1 sm:gap-2">
            <NotificationBell />
            <ThemeToggle />
            <Link
              to="/settings/notifications"
              aria-label="Notification settings"
              title="Notification settings"
              className={headerIconClass}
            >
              <SettingsIcon />
            </Link>
            <Link
              to="/account"
              title="Your account: profile, password, where you are signed in"
              className="hidden max-w-40 truncate rounded-md text-sm text-gray-600 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 sm:inline dark:text-gray-400"
              data-testid="current-user"
            >
              {user.name}
            </Link>
            <Button variant="ghost" size="sm" loading={logout.isPending} onClick={() => logout.mutate()}>
              Log out
            </Button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="outline-none">
        <Outlet />
      </main>
    </div>
  );
}
