import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { Task } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { problem, startApiServer, type ApiServer } from '../../../../test/api-server';
import { makeTask } from '../../../../test/fixtures';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { useMyTasks } from '../api/get-my-tasks';
import { MyTasksList } from './my-tasks-list';

// Thursday 3 December 2026, 08:00 in Tokyo (UTC+9).
const now = new Date('2026-12-02T23:00:00Z');
const projectId = crypto.randomUUID();

const tasks: Task[] = [
  makeTask({ projectId, title: 'Send the invoice', dueAt: '2026-12-02T20:00:00Z', priority: 'urgent' }),
  makeTask({ projectId, title: 'Call the printer', dueAt: '2026-12-03T05:00:00Z' }),
  makeTask({ projectId, title: 'Plan the offsite', dueAt: '2026-12-05T01:00:00Z' }),
  makeTask({ projectId, title: 'Quarterly review', dueAt: '2027-01-10T01:00:00Z', priority: 'low' }),
  makeTask({ projectId, title: 'Tidy the wiki' }),
];

let server: ApiServer;

beforeEach(async () => {
  // Answers GET /api/tasks two tasks a page, as the tasks service pages by cursor.
  server = await startApiServer(({ method, path, query }) => {
    if (method !== 'GET' || path !== '/api/tasks') return problem(404, ErrorCode.routeNotFound, 'No such route');
    const start = Number(query.get('cursor') ?? 0);
    const items = tasks.slice(start, start + 2);
    return { status: 200, body: { items, nextCursor: start + 2 < tasks.length ? String(start + 2) : null } };
  });
});

afterEach(() => server.close());

function MyTasks() {
  const mine = useMyTasks();
  if (!mine.data) return null;
  return (
    <MyTasksList
      tasks={mine.data}
      timezone="Asia/Tokyo"
      now={now}
      projectName={(id) => (id === projectId ? 'Office' : '?')}
      taskHref={(task) => `/my-tasks/tasks/${task.id}`}
    />
  );
}

describe('My tasks', () => {
  it('asks for my open tasks page by page and lists them by due date in my zone, each linking to its drawer', async () => {
    render(
      <TestProviders client={createTestQueryClient()}>
        <MemoryRouter>
          <MyTasks />
        </MemoryRouter>
      </TestProviders>,
    );
    await screen.findByRole('list', { name: 'Overdue' });
    expect(server.requests.map((r) => Object.fromEntries(r.query))).toEqual([
      { assignee: 'me', status: 'todo,in_progress', limit: '100' },
      { assignee: 'me', status: 'todo,in_progress', limit: '100', cursor: '2' },
      { assignee: 'me', status: 'todo,in_progress', limit: '100', cursor: '4' },
    ]);

    const titles = (group: string) =>
      within(screen.getByRole('list', { name: group }))
        .getAllByRole('link')
        .map((link) => link.textContent);
    const lists = screen.getAllByRole('list').map((list) => list.getAttribute('aria-label'));
    expect(lists).toEqual(['Overdue', 'Today', 'This week', 'Later', 'No due date']);
    expect(titles('Overdue')).toEqual([expect.stringContaining('Send the invoice')]);
    expect(titles('Today')).toEqual([expect.stringContaining('Call the printer')]);
    expect(titles('This week')).toEqual([expect.stringContaining('Plan the offsite')]);
    expect(titles('Later')).toEqual([expect.stringContaining('Quarterly review')]);
    expect(titles('No due date')).toEqual([expect.stringContaining('Tidy the wiki')]);

    const row = within(screen.getByRole('list', { name: 'Today' })).getByRole('link');
    expect(row.getAttribute('href')).toBe(`/my-tasks/tasks/${tasks[1]!.id}`);
    expect(row.textContent).toContain('Office');
    expect(row.textContent).toMatch(/Today, 14:00|Today, 2:00/);
    expect(row.textContent).toContain('Medium');
  });

  it('says so when nothing is assigned to me', () => {
    render(
      <MemoryRouter>
        <MyTasksList tasks={[]} timezone="Asia/Tokyo" now={now} projectName={() => ''} taskHref={() => '/'} />
      </MemoryRouter>,
    );
    expect(screen.getByText('Nothing assigned to you')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
