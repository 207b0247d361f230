import type { ActivityEntry, Comment, Member, Task, UpdateTaskBody } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { problem, startApiServer, type ApiServer } from './api-server';

export type TaskDrawerApi = ApiServer & {
  /** The task as the server holds it now; change it (and its version) to play another person. */
  task: Task;
  comments: Comment[];
  activity: ActivityEntry[];
};

/**
 * Answers like the tasks service for one task: read it, change it with If-Match (412 on any other
 * version, as the service does), delete it, its comments (list, write, delete) and its history.
 */
export async function startTaskDrawerApi(task: Task, author: Pick<Member, 'userId' | 'name'>): Promise<TaskDrawerApi> {
  const state = { task, comments: [] as Comment[], activity: [] as ActivityEntry[] };
  const base = `/api/tasks/${task.id}`;
  const server = await startApiServer(({ method, path, headers, body }) => {
    if (method === 'GET' && path === base) return { status: 200, body: state.task };
    if (method === 'PATCH' && path === base) {
      if (headers['if-match'] !== String(state.task.version)) {
        return problem(412, ErrorCode.versionConflict, `The task has changed since version ${headers['if-match']}`);
      }
      state.task = {
        ...state.task,
        ...(body as UpdateTaskBody as Partial<Task>),
        position: state.task.position,
        version: state.task.version + 1,
      };
      return { status: 200, body: state.task };
    }
    if (method === 'DELETE' && path === base) return { status: 204 };
    if (method === 'GET' && path === `${base}/comments`) {
      return { status: 200, body: { items: state.comments, nextCursor: null } };
    }
    if (method === 'POST' && path === `${base}/comments`) {
      const comment: Comment = {
        id: crypto.randomUUID(),
        taskId: task.id,
        projectId: task.projectId,
        author: { id: author.userId, name: author.name },
        body: (body as { body: string }).body,
        createdAt: new Date().toISOString(),
        mentions: [],
      };
      state.comments.push(comment);
      return { status: 201, body: comment };
    }
    if (method === 'DELETE' && path.startsWith('/api/comments/')) {
      const id = path.slice('/api/comments/'.length);
      state.comments = state.comments.filter((c) => c.id !== id);
      return { status: 204 };
    }
    if (method === 'GET' && path === `${base}/activity`) {
      return { status: 200, body: { items: state.activity, nextCursor: null } };
    }
    return problem(404, ErrorCode.routeNotFound, 'No such route');
  });
  return Object.assign(state, server);
}
