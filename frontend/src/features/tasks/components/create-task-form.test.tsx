import { afterEach, beforeEach, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateTaskBody } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { problem, startApiServer, type ApiServer } from '../../../../test/api-server';
import { makeTask } from '../../../../test/fixtures';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { CreateTaskForm } from './create-task-form';

const projectId = crypto.randomUUID();
let server: ApiServer;

beforeEach(async () => {
  server = await startApiServer(({ method, path, body }) => {
    if (method === 'POST' && path === `/api/projects/${projectId}/tasks`) {
      const { title, dueAt, reminders } = body as CreateTaskBody;
      return { status: 201, body: makeTask({ projectId, title, dueAt: dueAt ?? null, reminders: reminders ?? [] }) };
    }
    if (method === 'GET') return { status: 200, body: { items: [], nextCursor: null } };
    return problem(404, ErrorCode.routeNotFound, 'No such route');
  });
  render(
    <TestProviders client={createTestQueryClient()}>
      <CreateTaskForm projectId={projectId} members={[]} />
    </TestProviders>,
  );
});

afterEach(() => server.close());

const DUE = '2030-03-04T15:30';
const posted = () => server.requests.filter((r) => r.method === 'POST').map((r) => r.body as CreateTaskBody);
const preset = (name: string) => screen.getByRole('button', { name });
const pressed = (name: string) => preset(name).getAttribute('aria-pressed');
const chosen = () =>
  within(screen.getByRole('list', { name: 'Chosen reminders' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent?.replace('×', ''));

async function fillIn(title: string) {
  await userEvent.type(screen.getByLabelText('Title'), title);
  // A datetime-local input is set as a whole, as the browser's picker does.
  fireEvent.change(screen.getByLabelText('Due'), { target: { value: DUE } });
}

async function addCustom(amount: string, unit: string) {
  await userEvent.clear(screen.getByLabelText('Remind me'));
  await userEvent.type(screen.getByLabelText('Remind me'), amount);
  await userEvent.selectOptions(screen.getByLabelText('Unit'), unit);
  await userEvent.click(screen.getByRole('button', { name: 'Add reminder' }));
}

it('offers reminders only once there is a due date, and sends none without one', async () => {
  expect(screen.queryByRole('group', { name: 'Reminders' })).toBeNull();
  await userEvent.type(screen.getByLabelText('Title'), 'No deadline');
  await userEvent.click(screen.getByRole('button', { name: 'Add task' }));
  await waitFor(() => expect(posted()).toHaveLength(1));
  expect(posted()[0]).toEqual({ title: 'No deadline', priority: 'medium', assigneeId: null, dueAt: null });
});

it('sends the chosen presets and custom reminders in minutes, earliest first', async () => {
  await fillIn('Ship it');
  // The server's defaults are chosen to begin with.
  expect(pressed('1 day before')).toBe('true');
  expect(pressed('1 hour before')).toBe('true');
  expect(pressed('At due time')).toBe('false');
  expect(chosen()).toEqual(['1 day before', '1 hour before']);

  await userEvent.click(preset('1 day before'));
  await userEvent.click(preset('At due time'));
  await userEvent.click(screen.getByRole('button', { name: 'Custom…' }));
  await addCustom('90', 'minutes');
  await addCustom('2', 'days');
  expect(chosen()).toEqual(['2 days before', '90 minutes before', '1 hour before', 'At due time']);

  await userEvent.click(screen.getByRole('button', { name: 'Remove reminder 1 hour before' }));
  expect(pressed('1 hour before')).toBe('false');
  await userEvent.click(screen.getByRole('button', { name: 'Add task' }));

  await waitFor(() => expect(posted()).toHaveLength(1));
  expect(posted()[0]).toMatchObject({ title: 'Ship it', dueAt: new Date(DUE).toISOString(), reminders: [2880, 90, 0] });
});

it('stops at five reminders and explains a custom time it cannot take', async () => {
  await fillIn('Many reminders');
  await userEvent.click(screen.getByRole('button', { name: 'Custom…' }));
  await addCustom('31', 'days');
  expect(screen.getByText('At most 30 days before.')).toBeTruthy();
  // Enter adds the custom reminder; it does not submit the task.
  await userEvent.selectOptions(screen.getByLabelText('Unit'), 'minutes');
  await userEvent.clear(screen.getByLabelText('Remind me'));
  await userEvent.type(screen.getByLabelText('Remind me'), '10{Enter}');
  await addCustom('3', 'hours');
  await addCustom('2', 'days');
  expect(chosen()).toHaveLength(5);
  expect(posted()).toHaveLength(0);

  expect((preset('At due time') as HTMLButtonElement).disabled).toBe(true);
  expect((screen.getByRole('button', { name: 'Add reminder' }) as HTMLButtonElement).disabled).toBe(true);
  expect(screen.getByText('5 reminders is the most a task can have.')).toBeTruthy();

  await userEvent.click(screen.getByRole('button', { name: 'Add task' }));
  await waitFor(() => expect(posted()).toHaveLength(1));
  expect(posted()[0]?.reminders).toEqual([2880, 1440, 180, 60, 10]);
});
