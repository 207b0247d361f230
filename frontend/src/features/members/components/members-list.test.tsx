import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Member, ProjectRole } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { problem, startApiServer, type ApiAnswer, type ApiServer } from '../../../../test/api-server';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { useMembers } from '../api/get-members';
import { MembersList } from './members-list';

const projectId = crypto.randomUUID();
const member = (name: string, role: ProjectRole): Member => ({
  userId: crypto.randomUUID(),
  name,
  email: `${name.toLowerCase()}@example.test`,
  role,
  joinedAt: '2030-01-01T00:00:00.000Z',
});
const owner = member('Olga', 'owner');
const admin = member('Adam', 'admin');
const plain = member('Mia', 'member');
const other = member('Noor', 'member');

let server: ApiServer;
let stored: Member[];
/** What the next PATCH or DELETE of a member answers instead of succeeding. */
let refusal: ApiAnswer | null;

beforeEach(async () => {
  stored = [owner, admin, plain, other];
  refusal = null;
  server = await startApiServer(({ method, path, body }) => {
    if (method === 'GET' && path === `/api/projects/${projectId}/members`)
      return { status: 200, body: { items: stored } };
    const target = new RegExp(`^/api/projects/${projectId}/members/([^/]+)$`).exec(path)?.[1];
    if (target && refusal) return refusal;
    if (target && method === 'PATCH') {
      const { role } = body as { role: ProjectRole };
      stored = stored.map((m) => (m.userId === target ? { ...m, role } : m));
      return { status: 200, body: stored.find((m) => m.userId === target) };
    }
    if (target && method === 'DELETE') {
      stored = stored.filter((m) => m.userId !== target);
      return { status: 204 };
    }
    return problem(404, ErrorCode.routeNotFound, 'No such route');
  });
});

afterEach(() => server.close());

function Page({ viewer, onLeft = () => {} }: { viewer: Member; onLeft?: () => void }) {
  const members = useMembers(projectId);
  return members.data ? (
    <MembersList
      projectId={projectId}
      projectName="Launch"
      members={members.data}
      viewer={{ userId: viewer.userId, role: viewer.role }}
      onLeft={onLeft}
    />
  ) : null;
}

async function renderAs(viewer: Member, onLeft?: () => void) {
  render(
    <TestProviders client={createTestQueryClient()}>
      <Page viewer={viewer} onLeft={onLeft} />
    </TestProviders>,
  );
  await screen.findByRole('list', { name: 'Members' });
}

const row = (person: Member) => within(screen.getByRole('listitem', { name: person.name }));
/** The controls a row offers: its role select and its buttons, by accessible name. */
function controlsOf(person: Member): string[] {
  const r = row(person);
  return [
    ...r.queryAllByRole('combobox').map((c) => c.getAttribute('aria-label') ?? ''),
    ...r.queryAllByRole('button').map((b) => b.textContent ?? ''),
  ];
}

describe('the members page offers what the viewer’s role allows, and nothing more', () => {
  it.each([
    { viewer: owner, rows: { Olga: [], Adam: ['Role of Adam', 'Remove Adam'], Mia: ['Role of Mia', 'Remove Mia'] } },
    { viewer: admin, rows: { Olga: [], Adam: ['Leave project'], Mia: ['Role of Mia', 'Remove Mia'] } },
    { viewer: plain, rows: { Olga: [], Adam: [], Mia: ['Leave project'] } },
  ])('as $viewer.role', async ({ viewer, rows }) => {
    await renderAs(viewer);
    for (const person of [owner, admin, plain]) {
      expect(controlsOf(person), person.name).toEqual(rows[person.name as keyof typeof rows]);
    }
  });
});

describe('member changes', () => {
  it('changes a role, and shows the new one after the server agreed', async () => {
    await renderAs(owner);
    await userEvent.selectOptions(screen.getByLabelText('Role of Mia'), 'admin');
    await waitFor(() => expect(server.requests.some((r) => r.method === 'PATCH')).toBe(true));
    expect(server.requests.find((r) => r.method === 'PATCH')).toMatchObject({
      path: `/api/projects/${projectId}/members/${plain.userId}`,
      body: { role: 'admin' },
    });
    await waitFor(() => expect(screen.getByLabelText('Role of Mia')).toHaveProperty('value', 'admin'));
    expect(stored.find((m) => m.userId === plain.userId)?.role).toBe('admin');
  });

  it('removes a member only after the confirmation, and Cancel removes no one', async () => {
    await renderAs(admin);
    await userEvent.click(row(other).getByRole('button', { name: 'Remove Noor' }));
    expect(screen.getByRole('group', { name: 'Confirm removing Noor' }).textContent).toContain(
      'Remove Noor from Launch?',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);

    await userEvent.click(row(other).getByRole('button', { name: 'Remove Noor' }));
    await userEvent.click(within(screen.getByRole('group', { name: 'Confirm removing Noor' })).getByText('Remove'));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Noor' })).toBeNull());
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      `/api/projects/${projectId}/members/${other.userId}`,
    ]);
  });

  it('leaves after the confirmation and tells the page', async () => {
    const onLeft = vi.fn();
    await renderAs(plain, onLeft);
    await userEvent.click(screen.getByRole('button', { name: 'Leave project' }));
    await userEvent.click(within(screen.getByRole('group', { name: 'Confirm leaving' })).getByText('Leave'));
    await waitFor(() => expect(onLeft).toHaveBeenCalledOnce());
    expect(stored.map((m) => m.name)).toEqual(['Olga', 'Adam', 'Noor']);
  });

  it.each([
    {
      answer: problem(403, ErrorCode.forbidden, 'Only a project owner or admin may remove other members'),
      shown: /Only the owner or an admin can do this; your role may have changed/,
    },
    {
      answer: problem(409, ErrorCode.ownerImmutable, 'The project owner cannot be removed or demoted'),
      shown: /The project owner cannot be removed or given another role/,
    },
    { answer: problem(404, ErrorCode.notFound, 'Member not found'), shown: /no longer a member/ },
  ])('says why the server refused ($answer.status) and keeps the member', async ({ answer, shown }) => {
    await renderAs(owner);
    refusal = answer;
    await userEvent.click(row(plain).getByRole('button', { name: 'Remove Mia' }));
    await userEvent.click(within(screen.getByRole('group', { name: 'Confirm removing Mia' })).getByText('Remove'));
    expect((await row(plain).findByRole('alert')).textContent).toMatch(shown);
    expect(screen.getByRole('listitem', { name: 'Mia' })).toBeTruthy();
  });

  it('says why a role change was refused and shows the role the server still has', async () => {
    await renderAs(owner);
    refusal = problem(403, ErrorCode.forbidden, 'Only a project owner or admin may change roles');
    await userEvent.selectOptions(screen.getByLabelText('Role of Mia'), 'admin');
    expect((await row(plain).findByRole('alert')).textContent).toMatch(/your role may have changed/);
    expect(screen.getByLabelText('Role of Mia')).toHaveProperty('value', 'member');
  });
});
