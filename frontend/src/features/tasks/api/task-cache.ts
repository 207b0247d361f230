import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { Task } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';
import { matchesQuery, type TaskQuery } from '../board-filters';
import { STATUSES } from '../task-meta';
import { projectTasksQueryKey } from './get-tasks';

/**
 * The cached lists of a project's tasks (one per filter set the board has shown) changed one task at
 * a time: a saved change, a live push or a rollback puts the task where the server would list it,
 * so nothing has to fetch the whole board again.
 */

const STATUS_ORDER = new Map(STATUSES.map(({ value }, index) => [value, index]));
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The server's board order: column, then position (compared byte-wise, as its "C" collation does), then id. */
function compareBoardOrder(a: Task, b: Task): number {
  return (
    (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0) ||
    compareText(a.position, b.position) ||
    compareText(a.id, b.id)
  );
}

/** `list` without the task, then with `task` in board order if it matches the list's filters. */
export function withTask(list: Task[], task: Task, query: TaskQuery): Task[] {
  const rest = list.filter((t) => t.id !== task.id);
  if (!matchesQuery(task, query)) return rest.length === list.length ? list : rest;
  let low = 0;
  let high = rest.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareBoardOrder(rest[mid]!, task) < 0) low = mid + 1;
    else high = mid;
  }
  rest.splice(low, 0, task);
  return rest;
}

const queryOfKey = (key: QueryKey): TaskQuery => (key[3] ?? {}) as TaskQuery;

/** Applies `change` to every cached task list of the project. */
function patchProjectTasks(
  queryClient: QueryClient,
  projectId: string,
  change: (list: Task[], query: TaskQuery) => Task[],
): void {
  for (const [key, list] of queryClient.getQueriesData<Task[]>({ queryKey: projectTasksQueryKey(projectId) })) {
    if (list) queryClient.setQueryData<Task[]>(key, change(list, queryOfKey(key)));
  }
}

export function putTask(queryClient: QueryClient, task: Task): void {
  patchProjectTasks(queryClient, task.projectId, (list, query) => withTask(list, task, query));
}

export function dropTask(queryClient: QueryClient, projectId: string, taskId: string): void {
  patchProjectTasks(queryClient, projectId, (list) =>
    list.some((t) => t.id === taskId) ? list.filter((t) => t.id !== taskId) : list,
  );
}

/** The task as the project's cached lists hold it, if any does. */
export function cachedTask(queryClient: QueryClient, projectId: string, taskId: string): Task | undefined {
  for (const [, list] of queryClient.getQueriesData<Task[]>({ queryKey: projectTasksQueryKey(projectId) })) {
    const task = list?.find((t) => t.id === taskId);
    if (task) return task;
  }
  return undefined;
}

/**
 * For a mutation's onMutate: stops fetches of the project's lists in flight (an older answer must not
 * overwrite the change about to be shown) and returns what puts `taskId` back where it is now. Only
 * that task is put back, so a rollback never undoes another change that arrived meanwhile.
 */
export async function holdTaskForChange(
  queryClient: QueryClient,
  projectId: string,
  taskId: string,
): Promise<{ before: Task | undefined; rollBack: () => void }> {
  await queryClient.cancelQueries({ queryKey: projectTasksQueryKey(projectId) });
  const before = cachedTask(queryClient, projectId, taskId);
  return { before, rollBack: () => (before ? putTask(queryClient, before) : dropTask(queryClient, projectId, taskId)) };
}

/**
 * Fetches one task (GET /api/tasks/:tid) and puts it in the project's lists, or takes it out when it
 * is gone or no longer visible (404). Other failures leave the lists as they are. An answer older
 * than what the lists hold by then (two fetches of one task crossing) is dropped.
 */
export async function refreshTask(queryClient: QueryClient, projectId: string, taskId: string): Promise<void> {
  try {
    const task = await apiRequest(`/api/tasks/${encodeURIComponent(taskId)}`, { schema: Task });
    const held = cachedTask(queryClient, projectId, taskId);
    if (!held || held.version <= task.version) putTask(queryClient, task);
  } catch (error) {
    if (isApiError(error) && error.status === 404) dropTask(queryClient, projectId, taskId);
  }
}

/**
 * Other views of tasks (My tasks, a single task) are marked stale after a change, so they are fresh
 * when next shown; the project's lists are patched above, never fetched again for it.
 */
export function markOtherTaskViewsStale(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['tasks'], predicate: (query) => query.queryKey[1] !== 'project' });
}
