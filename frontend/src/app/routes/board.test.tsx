import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { makeTask } from '../../../test/fixtures';
import { giveElementsASize } from '../../../test/layout';
import { createTestQueryClient, TestProviders } from '../../../test/providers';
import { startTasksApi, type TasksApi } from '../../../test/tasks-api';
import { BoardRoute } from './board';

const projectId = crypto.randomUUID();
let server: TasksApi;
let restoreLayout: () => void;

beforeAll(() => {
  restoreLayout = giveElementsASize(1280, 800);
});
afterAll(() => restoreLayout());

beforeEach(async () => {
  server = await startTasksApi(makeTask({ projectId, title: 'Write the report', priority: 'low', position: 'a0' }), [
    makeTask({ projectId, title: 'Call the printer', priority: 'urgent', position: 'a1' }),
    makeTask({ projectId, title: 'Book the room', priority: 'medium', status: 'done', position: 'a0' }),
  ]);
});

afterEach(() => server.close());

/** The address bar, as the page would show it. */
function Address() {
  const { search } = useLocation();
  return <output data-testid="address">{search}</output>;
}

function openBoard(search: string) {
  render(
    <MemoryRouter initialEntries={[`/projects/${projectId}${search}`]}>
      <TestProviders client={createTestQueryClient()}>
        <Routes>
          <Route path="/projects/:projectId" element={<BoardRoute />} />
        </Routes>
        <Address />
      </TestProviders>
    </MemoryRouter>,
  );
}

const address = () => new URLSearchParams(screen.getByTestId('address').textContent ?? '');
const listGets = () =>
  server.requests.filter((r) => r.method === 'GET' && r.path === `/api/projects/${projectId}/tasks`);
const lastListQuery = () => listGets().at(-1)?.query;

it('reads the filters from the address, asks the server for them, and writes changes back', async () => {
  openBoard('?priority=high&q=report&assignee=none&dueFrom=2030-01-10&label=ops');

  await waitFor(() => expect(listGets()).toHaveLength(3));
  for (const { query } of listGets()) {
    expect(query.get('priority')).toBe('high');
    expect(query.get('q')).toBe('report');
    expect(query.get('assigneeId')).toBe('none');
    expect(query.get('label')).toBe('ops');
    // "Due from" a day: after the moment before it starts, in the viewer's time zone.
    expect(query.get('dueAfter')).toBe(new Date(new Date('2030-01-10T00:00').getTime() - 1).toISOString());
  }
  expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search tasks' }).value).toBe('report');
  expect(screen.getByRole('button', { name: /^Filters/ }).getAttribute('aria-expanded')).toBe('true');
  const filters = within(screen.getByRole('group', { name: 'Filters' }));
  expect(filters.getByLabelText<HTMLSelectElement>('Filter by priority').value).toBe('high');
  expect(filters.getByLabelText<HTMLInputElement>('Filter by label').value).toBe('ops');

  await userEvent.selectOptions(filters.getByLabelText('Filter by priority'), 'urgent');
  await waitFor(() => expect(address().get('priority')).toBe('urgent'));
  await waitFor(() => expect(lastListQuery()?.get('priority')).toBe('urgent'));

  const search = screen.getByRole('searchbox', { name: 'Search tasks' });
  await userEvent.clear(search);
  await userEvent.type(search, 'printer ');
  // Written once typing pauses, trimmed.
  await waitFor(() => expect(address().get('q')).toBe('printer'));
  await waitFor(() => expect(lastListQuery()?.get('q')).toBe('printer'));
  expect(address().get('assignee')).toBe('none');

  await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
  await waitFor(() => expect(address().toString()).toBe(''));
  await waitFor(() => expect(lastListQuery()?.get('q')).toBeNull());
  expect(lastListQuery()?.get('priority')).toBeNull();
  expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search tasks' }).value).toBe('');
  expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
});

it('ignores what it cannot use in the address instead of sending it', async () => {
  openBoard('?priority=extreme&assignee=bob&dueBy=2030-02-31');
  await waitFor(() => expect(listGets()).toHaveLength(3));
  for (const { query } of listGets()) {
    expect([...query.keys()].sort()).toEqual(['limit', 'status']);
  }
});

it('shows the list view from the address and sorts it by a column, kept in the address', async () => {
  openBoard('?view=list');
  const table = await screen.findByRole('table');
  const titles = () =>
    within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[0]?.textContent);
  // Board order: column, then position.
  await waitFor(() => expect(titles()).toEqual(['Write the report', 'Call the printer', 'Book the room']));

  await userEvent.click(within(table).getByRole('button', { name: /Priority/ }));
  expect(address().get('sort')).toBe('priority');
  expect(titles()).toEqual(['Write the report', 'Book the room', 'Call the printer']);
  expect(
    within(table)
      .getByRole('columnheader', { name: /Priority/ })
      .getAttribute('aria-sort'),
  ).toBe('ascending');

  await userEvent.click(within(table).getByRole('button', { name: /Priority/ }));
  expect(address().get('sort')).toBe('-priority');
  expect(titles()).toEqual(['Call the printer', 'Book the room', 'Write the report']);

  await userEvent.click(screen.getByRole('button', { name: 'Board' }));
  expect(address().get('view')).toBeNull();
  expect(await screen.findByRole('region', { name: 'To do' })).toBeTruthy();
});

it('answers n, / and ? — but not while typing in a field', async () => {
  openBoard('');
  await screen.findByRole('article', { name: 'Write the report' });

  await userEvent.keyboard('/');
  const search = screen.getByRole('searchbox', { name: 'Search tasks' });
  expect(document.activeElement).toBe(search);
  // Typed into the search box, these are letters, not shortcuts.
  await userEvent.keyboard('n?');
  expect((search as HTMLInputElement).value).toBe('n?');
  expect(screen.queryByRole('dialog')).toBeNull();

  search.blur();
  await userEvent.keyboard('n');
  expect(document.activeElement).toBe(screen.getByLabelText('Title', { selector: 'input' }));
  (document.activeElement as HTMLElement).blur();

  await userEvent.keyboard('?');
  const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
  expect(within(dialog).getByText('Search tasks')).toBeTruthy();
  await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
});
