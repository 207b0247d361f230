import type { Task } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { deferred, problem, startApiServer, type ApiAnswer, type ApiServer, type Deferred } from './api-server';

export type TasksApi = ApiServer & {
  /** The task as the server holds it; the project's only one. */
  stored: Task;
  /** The answer to the next PATCH of the task, held until the test gives it. */
  patchAnswer: Deferred<ApiAnswer>;
  /** While set, the project's task list is not answered until the test resolves it. */
  listGate: Deferred | null;
};

/** Answers like the tasks service for the project of `stored`: its board's list and a change to the task. */
export async function startTasksApi(stored: Task): Promise<TasksApi> {
  const state = { stored, patchAnswer: deferred<ApiAnswer>(), listGate: null as Deferred | null };
  const server = await startApiServer(async ({ method, path }) => {
    if (method === 'GET' && path === `/api/projects/${state.stored.projectId}/tasks`) {
      await state.listGate?.promise;
      return { status: 200, body: { items: [state.stored], nextCursor: null } };
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
