import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { ErrorCode } from '@taskflow/contracts/errors';
import { problem } from '../../../../test/api-server';
import { makeTask } from '../../../../test/fixtures';
import { giveElementsASize, layOutBoard } from '../../../../test/layout';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { startTasksApi, type TasksApi } from '../../../../test/tasks-api';
import { useProjectTasks } from '../api/get-tasks';
import { Board } from './board';

const projectId = crypto.randomUUID();
const title = 'Write the report';

let server: TasksApi;
let restoreLayout: () => void;

beforeAll(() => {
  restoreLayout = giveElementsASize();
});
afterAll(() => restoreLayout());

beforeEach(async () => {
  server = await startTasksApi(makeTask({ projectId, title, position: 'a1' }), [
    makeTask({ projectId, title: 'Book the room', position: 'a0' }),
    makeTask({ projectId, title: 'Ship it', status: 'in_progress', position: 'a0' }),
  ]);
});

afterEach(() => server.close());

function ProjectBoard() {
  const tasks = useProjectTasks(projectId);
  return tasks.data ? <Board projectId={projectId} tasks={tasks.data} members={[]} /> : null;
}

const column = (name: string) => screen.getByRole('region', { name });
const card = (columnName: string) => within(column(columnName)).queryByRole('article', { name: title });
const requests = (method: string) => server.requests.filter((r) => r.method === method);
const listRequests = () => requests('GET').filter((r) => r.path.endsWith('/tasks'));
const taskRequests = () => requests('GET').filter((r) => r.path === `/api/tasks/${server.stored.id}`);

async function renderBoard() {
  render(
    <MemoryRouter>
      <TestProviders client={createTestQueryClient()}>
        <ProjectBoard />
      </TestProviders>
    </MemoryRouter>,
  );
  await screen.findByRole('article', { name: title });
}

async function moveToInProgress() {
  await renderBoard();
  expect(card('To do')).not.toBeNull();
  // One request per column, side by side.
  expect(listRequests().map((r) => r.query.get('status'))).toEqual(['todo', 'in_progress', 'done']);

  await userEvent.selectOptions(screen.getByLabelText(`Status of ${title}`), 'in_progress');
  // The server has the change but has not answered: only the optimistic update can move the card.
  await waitFor(() => expect(requests('PATCH')).toHaveLength(1));
  await waitFor(() => expect(card('In progress')).not.toBeNull());
  expect(card('To do')).toBeNull();
  // At the end of its new column, as the server will put it.
  const inProgress = within(column('In progress')).getAllByRole('article');
  expect(inProgress.map((a) => a.getAttribute('aria-label'))).toEqual(['Ship it', title]);
  expect(requests('PATCH')[0]?.body).toEqual({ status: 'in_progress' });
  expect(requests('PATCH')[0]?.headers['if-match']).toBe('1');
}

describe('the board moves a card at once and rolls it back when the server refuses', () => {
  it('refused as stale (412): back, told why, and showing the other person’s version of that task alone', async () => {
    await moveToInProgress();
    // Meanwhile someone else marked it urgent and moved it to Done.
    server.stored = { ...server.stored, status: 'done', priority: 'urgent', version: 3, position: 'a0' };
    server.patchAnswer.resolve(problem(412, ErrorCode.versionConflict, 'The task has changed since version 1'));

    const shown = await screen.findByTestId('toast');
    expect(shown.textContent).toContain('This task was changed by someone else');
    expect(shown.textContent).toContain(`“${title}” now shows the latest version.`);
    await waitFor(() => expect(card('Done')).not.toBeNull());
    expect(card('To do')).toBeNull();
    expect(card('In progress')).toBeNull();
    expect(within(card('Done')!).getByText('Urgent')).toBeTruthy();
    // One task fetched; the board's lists never again.
    expect(taskRequests()).toHaveLength(1);
    expect(listRequests()).toHaveLength(3);
  });

  it('refused because the task is gone (404): the card leaves and the toast says so', async () => {
    await moveToInProgress();
    const gone = server.stored;
    server.stored = makeTask({ projectId, title: 'Someone else’s', position: 'z0' });
    server.patchAnswer.resolve(problem(404, ErrorCode.notFound, 'Task not found'));
    // The PATCH went to the task that is now gone; its refresh finds nothing.
    expect(requests('PATCH')[0]?.path).toBe(`/api/tasks/${gone.id}`);

    const shown = await screen.findByTestId('toast');
    expect(shown.textContent).toContain('This task is gone');
    await waitFor(() => expect(screen.queryByRole('article', { name: title })).toBeNull());
    expect(listRequests()).toHaveLength(3);
  });

  it.each([
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
  ])('refused with $status: the card is back where it was', async ({ answer, toast }) => {
    await moveToInProgress();
    server.patchAnswer.resolve(answer);

    const shown = await screen.findByTestId('toast');
    for (const text of toast) expect(shown.textContent).toContain(text);
    await waitFor(() => expect(card('To do')).not.toBeNull());
    expect(card('In progress')).toBeNull();
    const todo = within(column('To do')).getAllByRole('article');
    expect(todo.map((a) => a.getAttribute('aria-label'))).toEqual(['Book the room', title]);
    expect(listRequests()).toHaveLength(3);
  });

  it('keeps the move and the saved version when the server accepts it, without fetching the board again', async () => {
    await moveToInProgress();
    server.stored = { ...server.stored, status: 'in_progress', position: 'a5', version: 2 };
    server.patchAnswer.resolve({ status: 200, body: server.stored });

    await waitFor(() => expect(within(card('In progress')!).getByRole('link', { name: title })).toBeTruthy());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(card('In progress')).not.toBeNull();
    expect(screen.queryByTestId('toast')).toBeNull();
    expect(listRequests()).toHaveLength(3);
  });
});

it('picks a card up from its Move handle with the keyboard, says so, and cancels with Escape', async () => {
  await renderBoard();
  const handle = screen.getByRole('button', { name: `Move ${title}` });
  // The instructions a screen reader reads on the handle.
  const describedBy = handle.getAttribute('aria-describedby') ?? '';
  expect(document.getElementById(describedBy)?.textContent).toContain('press Space or Enter to pick it up');

  // Everything the live region says, in order (each announcement replaces the one before).
  const heard: string[] = [];
  const region = document.querySelector('[id^="DndLiveRegion"]')!;
  const observer = new MutationObserver(() => heard.push(region.textContent ?? ''));
  observer.observe(region, { childList: true, characterData: true, subtree: true });

  handle.focus();
  await userEvent.keyboard('[Space]');
  await waitFor(() => expect(handle.getAttribute('aria-pressed')).toBe('true'));
  // (What is heard after "Picked up" depends on layout, which jsdom has none of: board-dnd.test.ts checks the words.)
  await waitFor(() => expect(heard.join(' ')).toMatch(new RegExp(`task ${title}`, 'i')));
  await userEvent.keyboard('[Escape]');
  await waitFor(() => expect(heard.at(-1)).toBe(`Cancelled. Task ${title} is back where it was.`));
  observer.disconnect();
  expect(requests('PATCH')).toHaveLength(0);
  expect(card('To do')).not.toBeNull();
});

it('links each card’s title to its task, keeping the board’s filters', async () => {
  render(
    <MemoryRouter initialEntries={[`/projects/${projectId}?priority=high`]}>
      <TestProviders client={createTestQueryClient()}>
        <ProjectBoard />
      </TestProviders>
    </MemoryRouter>,
  );
  const link = await screen.findByRole('link', { name: title });
  expect(link.getAttribute('href')).toBe(`/projects/${projectId}/tasks/${server.stored.id}?priority=high`);
});

it('a move within a column that the server refuses puts the card back in its place and says why', async () => {
  const restore = layOutBoard();
  try {
    await renderBoard();
    const order = () =>
      within(column('To do'))
        .getAllByRole('article')
        .map((a) => a.getAttribute('aria-label'));
    expect(order()).toEqual(['Book the room', title]);

    // Picked up with the keyboard, moved up above "Book the room", dropped.
    screen.getByRole('button', { name: `Move ${title}` }).focus();
    await userEvent.keyboard('[Space]');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: `Move ${title}` }).getAttribute('aria-pressed')).toBe('true'),
    );
    await new Promise((resolve) => setTimeout(resolve, 50)); // dnd-kit listens for keys from the next tick
    await userEvent.keyboard('[ArrowUp]');
    await userEvent.keyboard('[Space]');

    await waitFor(() => expect(requests('PATCH')).toHaveLength(1));
    const other = server.others[0]!;
    expect(requests('PATCH')[0]?.body).toEqual({ position: { beforeId: other.id } });
    await waitFor(() => expect(order()).toEqual([title, 'Book the room']));

    server.patchAnswer.resolve(problem(403, ErrorCode.forbidden, 'Only members may move tasks'));
    const shown = await screen.findByTestId('toast');
    expect(shown.textContent).toContain('Not allowed');
    await waitFor(() => expect(order()).toEqual(['Book the room', title]));
    expect(listRequests()).toHaveLength(3);
  } finally {
    restore();
  }
});

it('a keyboard move to the next column takes the place of the card there, and keeps what the server saved', async () => {
  const restore = layOutBoard();
  try {
    await renderBoard();
    const shipIt = server.others[1]!;
    const handle = () => screen.getByRole('button', { name: `Move ${title}` });
    handle().focus();
    await userEvent.keyboard('[Enter]');
    await waitFor(() => expect(handle().getAttribute('aria-pressed')).toBe('true'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await userEvent.keyboard('[ArrowRight]');
    await userEvent.keyboard('[Enter]');

    await waitFor(() => expect(requests('PATCH')).toHaveLength(1));
    expect(requests('PATCH')[0]?.body).toEqual({ status: 'in_progress', position: { beforeId: shipIt.id } });
    const inProgress = () =>
      within(column('In progress'))
        .getAllByRole('article')
        .map((a) => a.getAttribute('aria-label'));
    await waitFor(() => expect(inProgress()).toEqual([title, 'Ship it']));

    server.patchAnswer.resolve({
      status: 200,
      body: { ...server.stored, status: 'in_progress', position: 'Zz', version: 2 },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(inProgress()).toEqual([title, 'Ship it']);
    expect(card('To do')).toBeNull();
    expect(screen.queryByTestId('toast')).toBeNull();
  } finally {
    restore();
  }
});
