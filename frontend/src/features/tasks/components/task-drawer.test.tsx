import { afterEach, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Comment, Member } from '@taskflow/contracts/api';
import { makeTask } from '../../../../test/fixtures';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { startTaskDrawerApi, type TaskDrawerApi } from '../../../../test/task-drawer-api';
import { TaskDrawer } from './task-drawer';

const member = (name: string, role: Member['role'] = 'member'): Member => ({
  userId: crypto.randomUUID(),
  name,
  email: `${name.toLowerCase()}@example.test`,
  role,
  joinedAt: '2030-01-01T00:00:00.000Z',
});

const ana = member('Ana', 'owner');
const bo = member('Bo');
const members = [ana, bo];
let server: TaskDrawerApi | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

async function openDrawer({ as = ana, canModerate = false, comments = [] as Comment[], onClose = () => {} } = {}) {
  const task = makeTask({ title: 'Plan the launch', description: 'First draft', createdBy: ana.userId });
  server = await startTaskDrawerApi(task, as);
  server.comments.push(...comments);
  render(
    <TestProviders client={createTestQueryClient()}>
      <TaskDrawer
        taskId={task.id}
        members={members}
        userId={as.userId}
        timeZone="Europe/Paris"
        canModerate={canModerate}
        onClose={onClose}
      />
    </TestProviders>,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Task: Plan the launch' });
  return { task, dialog };
}

const commentBy = (author: Member, body: string, taskId: string): Comment => ({
  id: crypto.randomUUID(),
  taskId,
  projectId: crypto.randomUUID(),
  author: { id: author.userId, name: author.name },
  body,
  createdAt: '2030-01-15T09:00:00.000Z',
  mentions: [],
});

it('on a 412 names who changed the task and shows their value, keeps the typed text, and takes the latest on request', async () => {
  const { dialog } = await openDrawer();
  const title = within(dialog).getByRole('textbox', { name: 'Title' });
  expect(title).toHaveProperty('value', 'Plan the launch');

  // Bo renames the task on the server while Ana is looking at version 1.
  server!.task = { ...server!.task, title: 'Launch plan, final', version: 2 };
  server!.activity.unshift({
    id: crypto.randomUUID(),
    type: 'updated',
    actor: { id: bo.userId, name: bo.name },
    changes: { title: ['Plan the launch', 'Launch plan, final'] },
    at: '2031-01-01T00:00:00.000Z',
  });

  await userEvent.clear(title);
  await userEvent.type(title, 'Ana’s title{Enter}');

  const alert = await within(dialog).findByRole('alert');
  await waitFor(() => expect(alert.textContent).toContain('Bo changed this task while you were editing it'));
  expect(within(alert).getByRole('list', { name: 'Their changes' }).textContent).toBe(
    'Title is now “Launch plan, final”',
  );
  expect(within(alert).getByRole('list', { name: 'Your unsaved change' }).textContent).toBe('Title: “Ana’s title”');
  const patches = server!.requests.filter((r) => r.method === 'PATCH');
  expect(patches.map((r) => [r.headers['if-match'], r.body])).toEqual([['1', { title: 'Ana’s title' }]]);
  // Nothing typed is lost while the person decides.
  expect(title).toHaveProperty('value', 'Ana’s title');

  await userEvent.click(within(alert).getByRole('button', { name: 'Take the latest' }));
  expect(within(dialog).queryByRole('alert')).toBeNull();
  expect(title).toHaveProperty('value', 'Launch plan, final');
  expect(server!.task.title).toBe('Launch plan, final');
  expect(server!.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
});

it('saves the person’s change over the other one only when asked, on top of the latest version', async () => {
  const { dialog } = await openDrawer();
  server!.task = { ...server!.task, priority: 'urgent', version: 2 };
  // A select is what the person saw: their change to the status is refused too (the drawer had not heard of v2).
  await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Status' }), 'done');
  const alert = await within(dialog).findByRole('alert');
  await waitFor(() => expect(alert.textContent).toContain('Priority is now Urgent'));
  expect(within(alert).getByRole('list', { name: 'Your unsaved change' }).textContent).toBe('Status: Done');
  // The drawer shows the latest meanwhile.
  expect(within(dialog).getByRole('combobox', { name: 'Priority' })).toHaveProperty('value', 'urgent');

  await userEvent.click(within(alert).getByRole('button', { name: 'Save mine over it' }));
  await waitFor(() => expect(server!.task).toMatchObject({ status: 'done', priority: 'urgent', version: 3 }));
  expect(server!.requests.filter((r) => r.method === 'PATCH').map((r) => r.headers['if-match'])).toEqual(['1', '2']);
  await waitFor(() => expect(within(dialog).getByRole('combobox', { name: 'Status' })).toHaveProperty('value', 'done'));
  expect(within(dialog).queryByRole('alert')).toBeNull();
});

it('previews Markdown without any raw HTML, script or javascript: link, and saves the description with If-Match', async () => {
  const { dialog } = await openDrawer();
  const description = within(dialog).getByRole('group', { name: 'Description' });
  await userEvent.click(within(description).getByRole('tab', { name: 'Write' }));
  const text = within(description).getByRole('textbox', { name: 'Description' });
  await userEvent.clear(text);
  const markdown =
    '**Bold** and <b>raw</b>\n\n<script>window.hacked = 1</script>\n\n<img src="x" onerror="window.hacked = 2">\n\n[click](javascript:alert(1)) [ok](https://example.test)';
  // user-event reads [ and { as key descriptors; a paste is taken as it is.
  await userEvent.click(text);
  await userEvent.paste(markdown);
  await userEvent.click(within(description).getByRole('tab', { name: 'Preview' }));

  const preview = within(description).getByRole('tabpanel');
  expect(within(preview).getByText('Bold').tagName).toBe('STRONG');
  expect(preview.querySelector('script, img, b, [onerror]')).toBeNull();
  expect(preview.innerHTML).not.toContain('javascript:');
  expect(within(preview).getByText('click').closest('a')?.getAttribute('href') ?? null).toBeNull();
  expect(within(preview).getByRole('link', { name: 'ok' }).getAttribute('href')).toBe('https://example.test');
  expect((window as { hacked?: number }).hacked).toBeUndefined();

  await userEvent.click(within(dialog).getByRole('button', { name: 'Save description' }));
  await waitFor(() => expect(server!.task.description).toBe(markdown));
  expect(server!.requests.find((r) => r.method === 'PATCH')?.headers['if-match']).toBe('1');
});

const twoComments = () => {
  const taskId = crypto.randomUUID();
  return [commentBy(ana, `Mine, mentioning @[Bo](${bo.userId})`, taskId), commentBy(bo, 'Theirs', taskId)];
};
const deleteButtons = (list: HTMLElement) =>
  within(list)
    .queryAllByRole('button', { name: /^Delete comment/ })
    .map((b) => b.getAttribute('aria-label'));

it('shows a member a Delete button on their own comments only, and deletes one after asking', async () => {
  const comments = twoComments();
  const { dialog } = await openDrawer({ as: bo, comments });
  const list = await within(dialog).findByRole('list', { name: 'Comments' });
  expect(deleteButtons(list)).toEqual(['Delete comment by Bo']);
  // A mention reads as the name, never as its syntax.
  expect(within(list).getByText('@Bo').tagName).toBe('SPAN');
  expect(list.textContent).not.toContain(bo.userId);

  const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
  await userEvent.click(within(list).getByRole('button', { name: 'Delete comment by Bo' }));
  expect(confirm).toHaveBeenCalledTimes(1);
  expect(server!.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  confirm.mockReturnValue(true);
  await userEvent.click(within(list).getByRole('button', { name: 'Delete comment by Bo' }));
  await waitFor(() => expect(within(list).queryByText('Theirs')).toBeNull());
  expect(server!.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
    `/api/comments/${comments[1]!.id}`,
  ]);
});

it('shows the project’s owners and admins a Delete button on every comment', async () => {
  const { dialog } = await openDrawer({ as: bo, canModerate: true, comments: twoComments() });
  const list = await within(dialog).findByRole('list', { name: 'Comments' });
  expect(deleteButtons(list)).toEqual(['Delete comment by Ana', 'Delete comment by Bo']);
});

it('deletes the task only after the person confirms, then closes', async () => {
  const onClose = vi.fn();
  const { dialog } = await openDrawer({ onClose });
  const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
  await userEvent.click(within(dialog).getByRole('button', { name: 'Delete task' }));
  expect(confirm).toHaveBeenCalledWith('Delete “Plan the launch”? This cannot be undone.');
  expect(server!.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  expect(onClose).not.toHaveBeenCalled();

  confirm.mockReturnValue(true);
  await userEvent.click(within(dialog).getByRole('button', { name: 'Delete task' }));
  await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
  expect(server!.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
    `/api/tasks/${server!.task.id}`,
  ]);
});

it('closes with its close button and with Escape', async () => {
  const onClose = vi.fn();
  const { dialog } = await openDrawer({ onClose });
  await userEvent.click(within(dialog).getByRole('button', { name: 'Close task' }));
  expect(onClose).toHaveBeenCalledTimes(1);
  await userEvent.keyboard('{Escape}');
  expect(onClose).toHaveBeenCalledTimes(2);
});
