import type { LoaderFunctionArgs } from 'react-router';
import { membersQueryOptions } from '@/features/members/api/get-members';
import { projectQueryOptions } from '@/features/projects/api/get-project';
import { projectTasksQueryOptions } from '@/features/tasks/api/get-tasks';
import { readFilters, toTaskQuery } from '@/features/tasks/board-filters';
import { getSession, restoreSession, subscribeSession } from '@/lib/auth-session';
import { queryClient } from '@/lib/query-client';

/**
 * Runs `start` once someone is signed in: at once after the first page; on the first, the moment the
 * refresh cookie's answer starts the session — inside that moment, so the requests go out before React
 * renders the signed-in page rather than after. Nothing when the page loads signed out.
 */
function whenSignedIn(start: () => void): void {
  if (getSession()) return start();
  const stop = subscribeSession((session) => {
    stop();
    if (session) start();
  });
  void restoreSession()
    .catch(() => null)
    .then(stop);
}

/**
 * Route loaders that only start a page's requests and return at once: the router runs them beside
 * loading the page's code, so the requests go out as soon as the session is known instead of after
 * the code has arrived and rendered. The page's own queries then find the answers on their way;
 * nothing waits for these.
 */
function prefetchWhenSignedIn(start: (args: LoaderFunctionArgs) => void) {
  return (args: LoaderFunctionArgs) => {
    whenSignedIn(() => start(args));
    return null;
  };
}

/** A project's pages: the project itself. */
export const prefetchProject = prefetchWhenSignedIn(({ params }) => {
  void queryClient.prefetchQuery(projectQueryOptions(params.projectId ?? ''));
});

/** The board: its task lists with the filters in the address (again when they change), and the members. */
export const prefetchBoard = prefetchWhenSignedIn(({ params, request }) => {
  const projectId = params.projectId ?? '';
  const query = toTaskQuery(readFilters(new URL(request.url).searchParams));
  void queryClient.prefetchQuery(projectTasksQueryOptions(projectId, query));
  void queryClient.prefetchQuery(membersQueryOptions(projectId));
});
