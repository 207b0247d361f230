import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ErrorCode } from '@taskflow/contracts/errors';
import { deferred, problem } from '../../../../test/api-server';
import { makeTask } from '../../../../test/fixtures';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { startTasksApi, type TasksApi } from '../../../../test/tasks-api';
import { useProjectTasks } from '../api/get-tasks';
import { Board } from './board';

const projectId = crypto.randomUUID();
const title = 'Write the report';

let server: TasksApi;

beforeEach(async () => {
  server = await startTasksApi(makeTask({ projectId, title }));
});

afterEach(() => server.close());

function ProjectBoard() {
  const tasks = useProjectTasks(projectId);
  return tasks.data ? <Board projectId={projectId} tasks={tasks.data} members={[]} /> : null;
}

const column = (name: string) => screen.getByRole('region', { name });
const card = (columnName: string) => within(column(columnName)).queryByRole('article', { name: title });
const requests = (method: string) => server.requests.filter((r) => r.method === method);

async function moveToInProgress() {
  render(
    <TestProviders client={createTestQueryClient()}>
      <ProjectBoard />
    </TestProviders>,
  );
  await screen.findByRole('article', { name: title });
  expect(card('To do')).not.toBeNull();

  await userEvent.selectOptions(screen.getByLabelText(`Status of ${title}`), 'in_progress');
  // The server has the change but has not answered: only the optimistic update can move the card.
  await waitFor(() => expect(requests('PATCH')).toHaveLength(1));
  await waitFor(() => expect(card('In progress')).not.toBeNull());
  expect(card('To do')).toBeNull();
  expect(requests('PATCH')[0]?.body).toEqual({ status: 'in_progress' });
  expect(requests('PATCH')[0]?.headers['if-match']).toBe('1');
}

describe('the board moves a card at once and rolls it back when the server refuses', () => {
  it.each([
    {
      status: 412,
      answer: problem(412, ErrorCode.versionConflict, 'The task has changed since version 1; reload it'),
      toast: ['This task was changed by someone else', `“${title}” now shows the latest version.`],
    },
    {
      status: 409,
      answer: problem(409, ErrorCode.notAMember, 'The assignee is not a member of this project'),
      toast: ['Could not update the task', 'The assignee is not a member of this project'],
    },
    {
      status: 500,
      answer: { status: 500, body: 'upstream failed' },
      toast: ['Could not update the task', 'The server is unavailable. Please try again shortly.'],
    },
  ])('refused with $status', async ({ answer, toast }) => {
    await moveToInProgress();

    // Hold the refetch that follows the refusal: what shows until it lands is the rollback's doing.
    const listGate = (server.listGate = deferred());
    server.patchAnswer.resolve(answer);

    const shown = await screen.findByTestId('toast');
    for (const text of toast) expect(shown.textContent).toContain(text);
    // The refetch has been asked for and is held, so the card is back by the rollback alone.
    await waitFor(() => expect(requests('GET')).toHaveLength(2));
    expect(card('To do')).not.toBeNull();
    expect(card('In progress')).toBeNull();

    listGate.resolve();
    await waitFor(() => expect(card('To do')).not.toBeNull());
  });

  it('keeps the move and the saved version when the server accepts it', async () => {
    await moveToInProgress();
    server.stored = { ...server.stored, status: 'in_progress', version: 2 };
    server.patchAnswer.resolve({ status: 200, body: server.stored });

    await waitFor(() => expect(requests('GET')).toHaveLength(2));
    expect(card('In progress')).not.toBeNull();
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});
