import type { Task } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { deferred, problem, startApiServer, type ApiAnswer, type ApiServer, type Deferred } from './api-server';

export type TasksApi = ApiServer & {
  /** The task as the server holds it: the one a test changes. */
  stored: Task;
  /** More tasks of the same project, listed beside `stored`. */
  others: Task[];
  /** The answer to the next PATCH of `stored`, held until the test gives it. */
  patchAnswer: Deferred<ApiAnswer>;
  /** While set, the project's task list is not answered until the test resolves it. */
  listGate: Deferred | null;
};

const byBoardOrder = (a: Task, b: Task) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0);

/**
 * Answers like the tasks service for the project of `stored`: its board's list (one column per
 * request when `status` is given, in position order), one task by id (404 once it is not there), and
 * a change to `stored`.
 */
export async function startTasksApi(stored: Task, others: Task[] = []): Promise<TasksApi> {
  const state = { stored, others, patchAnswer: deferred<ApiAnswer>(), listGate: null as Deferred | null };
  const all = () => [state.stored, ...state.others];
  const server = await startApiServer(async ({ method, path, query }) => {
    if (method === 'GET' && path === `/api/projects/${state.stored.projectId}/tasks`) {
      await state.listGate?.promise;
      const status = query.get('status');
      const items = all()
        .filter((task) => !status || status.split(',').includes(task.status))
        .sort(byBoardOrder);
      return { status: 200, body: { items, nextCursor: null } };
    }
    const task = all().find((t) => path === `/api/tasks/${t.id}`);
    if (method === 'GET' && path.startsWith('/api/tasks/')) {
      return task ? { status: 200, body: task } : problem(404, ErrorCode.notFound, 'Task not found');
    }
    if (method === 'PATCH' && path === `/api/tasks/${state.stored.id}`) return state.patchAnswer.promise;
    return problem(404, ErrorCode.routeNotFound, 'No such route');
  });
  return Object.assign(state, {
    origin: server.origin,
    requests: server.requests,
    close: () => {
      // Nothing held may keep a connection open past the test.
      state.listGate?.resolve();
      state.patchAnswer.resolve({ status: 500 });
      return server.close();
    },
  });
}
