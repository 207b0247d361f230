import { afterEach, beforeEach, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import type { Task } from '@taskflow/contracts/api';
import type { AppSocket } from '@/lib/socket';
import { makeTask } from '../../../../test/fixtures';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { closeSocketPairs, connectedSocketPair } from '../../../../test/socket-server';
import { startTasksApi, type TasksApi } from '../../../../test/tasks-api';
import { useProjectTasks } from '../api/get-tasks';
import { useProjectRoom } from './use-project-live-updates';

const projectId = crypto.randomUUID();
let server: TasksApi;
let other: Task;

beforeEach(async () => {
  other = makeTask({ projectId, title: 'Stays put', position: 'a0' });
  server = await startTasksApi(makeTask({ projectId, title: 'Moved by a teammate', position: 'a1' }), [other]);
});

afterEach(async () => {
  await closeSocketPairs();
  await server.close();
});

const gets = (path: string) => server.requests.filter((r) => r.method === 'GET' && r.path === path);
const listGets = () => gets(`/api/projects/${projectId}/tasks`);

/** A board's tasks (under a filter, when given) with its project room joined over a real Socket.IO connection. */
async function openBoard(query = {}) {
  const { client, serverSide } = await connectedSocketPair();
  const joined = new Promise((resolve) => serverSide.once('subscribe_project', resolve));
  const { result } = renderHook(
    () => {
      useProjectRoom(client as AppSocket, projectId);
      return useProjectTasks(projectId, query);
    },
    { wrapper: ({ children }) => <TestProviders client={createTestQueryClient()}>{children}</TestProviders> },
  );
  await waitFor(() => expect(result.current.data).toHaveLength(2));
  expect(await joined).toEqual({ projectId });
  expect(listGets()).toHaveLength(3);
  const titles = () => result.current.data?.map((t) => `${t.status}:${t.title}`);
  return { serverSide, titles };
}

it('a pushed change fetches that one task and moves it on the board; the board is not fetched again', async () => {
  const { serverSide, titles } = await openBoard();
  expect(titles()).toEqual(['todo:Stays put', 'todo:Moved by a teammate']);

  server.stored = { ...server.stored, status: 'in_progress', version: 2 };
  serverSide.emit('task_changed', { projectId, taskId: server.stored.id, type: 'task.updated', version: 2 });
  await waitFor(() => expect(titles()).toEqual(['todo:Stays put', 'in_progress:Moved by a teammate']));
  expect(gets(`/api/tasks/${server.stored.id}`)).toHaveLength(1);
  expect(listGets()).toHaveLength(3);

  // The same version again (a comment, or the person's own change coming back): nothing to fetch.
  serverSide.emit('task_changed', { projectId, taskId: server.stored.id, type: 'task.commented', version: 2 });
  // A deleted task leaves without a request.
  serverSide.emit('task_changed', { projectId, taskId: other.id, type: 'task.deleted', version: 2 });
  await waitFor(() => expect(titles()).toEqual(['in_progress:Moved by a teammate']));
  expect(gets(`/api/tasks/${server.stored.id}`)).toHaveLength(1);
  expect(gets(`/api/tasks/${other.id}`)).toHaveLength(0);
  expect(listGets()).toHaveLength(3);
});

it('a task the server no longer shows (404) leaves the board, and a new one that fits joins it', async () => {
  const { serverSide, titles } = await openBoard();
  const gone = other;
  server.others = [];
  serverSide.emit('task_changed', { projectId, taskId: gone.id, type: 'task.updated', version: 5 });
  await waitFor(() => expect(titles()).toEqual(['todo:Moved by a teammate']));
  expect(gets(`/api/tasks/${gone.id}`)).toHaveLength(1);

  const added = makeTask({ projectId, title: 'Brand new', position: 'a0' });
  server.others = [added];
  serverSide.emit('task_changed', { projectId, taskId: added.id, type: 'task.created', version: 1 });
  await waitFor(() => expect(titles()).toEqual(['todo:Brand new', 'todo:Moved by a teammate']));
  expect(listGets()).toHaveLength(3);
});

it('a filtered board takes in only what matches its filters', async () => {
  server.stored = { ...server.stored, priority: 'high' };
  other = { ...other, priority: 'high' };
  server.others = [other];
  const { serverSide, titles } = await openBoard({ priority: 'high' });
  expect(listGets().every((r) => r.query.get('priority') === 'high')).toBe(true);

  // Lowered to medium by a teammate: it no longer belongs on this board.
  server.stored = { ...server.stored, priority: 'medium', version: 2 };
  serverSide.emit('task_changed', { projectId, taskId: server.stored.id, type: 'task.updated', version: 2 });
  await waitFor(() => expect(titles()).toEqual(['todo:Stays put']));
  expect(listGets()).toHaveLength(3);
});
