import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { Task } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { ApiError, UnexpectedResponseError } from '@/lib/api-error';
import { problem } from '../../../../test/api-server';
import { makeTask } from '../../../../test/fixtures';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { startTasksApi, type TasksApi } from '../../../../test/tasks-api';
import { boardTasksQueryKey, useProjectTasks } from './get-tasks';
import { useUpdateTask, type UpdateTaskVariables } from './update-task';

const projectId = crypto.randomUUID();
const queryKey = boardTasksQueryKey(projectId);
let server: TasksApi;
let stored: Task;

beforeEach(async () => {
  stored = makeTask({ projectId, title: 'Plan the launch' });
  server = await startTasksApi(stored);
});

afterEach(() => server.close());

it('shows the change at once, rolls it back on refusal, then hands the error to the caller', async () => {
  const client = createTestQueryClient();
  const cachedStatus = () => client.getQueryData<Task[]>(queryKey)?.[0]?.status;
  // What the cache held when the caller's callback ran.
  const seenByCaller: Array<Task['status'] | undefined> = [];
  const onError = vi.fn((_error: Error, _variables: UpdateTaskVariables) => {
    seenByCaller.push(cachedStatus());
  });

  const { result } = renderHook(
    () => ({ tasks: useProjectTasks(projectId), update: useUpdateTask(projectId, { mutationConfig: { onError } }) }),
    { wrapper: ({ children }) => <TestProviders client={client}>{children}</TestProviders> },
  );
  await waitFor(() => expect(result.current.tasks.data).toHaveLength(1));

  act(() => result.current.update.mutate({ task: stored, changes: { status: 'done' } }));
  await waitFor(() => expect(cachedStatus()).toBe('done'));
  expect(server.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);

  server.patchAnswer.resolve(problem(412, ErrorCode.versionConflict, 'The task has changed since version 1'));
  await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
  expect(seenByCaller).toEqual(['todo']);
  const [error, variables] = onError.mock.calls[0] ?? [];
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 412, code: ErrorCode.versionConflict });
  expect(variables?.task.id).toBe(stored.id);
  await waitFor(() => expect(result.current.update.isError).toBe(true));
});

it('refuses an answer that is not a task, and rolls back', async () => {
  const client = createTestQueryClient();
  const onError = vi.fn();
  const { result } = renderHook(() => useUpdateTask(projectId, { mutationConfig: { onError } }), {
    wrapper: ({ children }) => <TestProviders client={client}>{children}</TestProviders>,
  });
  client.setQueryData<Task[]>(queryKey, [stored]);

  act(() => result.current.mutate({ task: stored, changes: { status: 'done' } }));
  server.patchAnswer.resolve({ status: 200, body: { ...stored, status: 'archived' } });

  await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
  expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(UnexpectedResponseError);
  expect(client.getQueryData<Task[]>(queryKey)?.[0]?.status).toBe('todo');
});
