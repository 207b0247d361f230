import { randomUUID } from 'node:crypto';
import type { Comment, Member, Project, Task } from '@taskflow/contracts/api';
import type { AnyEvent } from '@taskflow/contracts/events';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { waitFor } from '@taskflow/service-kit/testing';
import { startHarness, type Harness } from './harness';

/** A board page as the API answers it. */
export interface BoardPage {
  items: Task[];
  nextCursor: string | null;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
  personalProjectId: string;
}

let counter = 0;

export interface UserOverrides {
  userId?: string;
  email?: string;
  name?: string;
  timezone?: string;
}

export function userRegisteredEvent(overrides: UserOverrides = {}): AnyEvent {
  const userId = overrides.userId ?? randomUUID();
  counter += 1;
  return buildEvent(
    'auth',
    'user.registered',
    {
      userId,
      email: overrides.email ?? `user-${counter}-${userId.slice(0, 8)}@example.test`,
      name: overrides.name ?? `User ${counter}`,
      timezone: overrides.timezone ?? 'UTC',
    },
    null,
  );
}

export async function personalProjectOf(h: Harness, token: string): Promise<Project | undefined> {
  const res = await h.request<{ items: Project[] }>('GET', '/api/projects', { token });
  return res.body.items?.find((p) => p.personal);
}

/** Registers a user the way auth does (a `user.registered` event) and waits for their personal project. */
export async function registerUser(h: Harness, overrides: UserOverrides = {}): Promise<TestUser> {
  const event = userRegisteredEvent(overrides);
  if (event.type !== 'user.registered') throw new Error('unreachable');
  await h.broker.publish(event);
  const token = h.tokens.sign(event.data.userId);
  const personal = await waitFor(() => personalProjectOf(h, token), { timeoutMs: 5000, what: 'personal project' });
  return {
    id: event.data.userId,
    email: event.data.email,
    name: event.data.name,
    token,
    personalProjectId: personal.id,
  };
}

export async function createProject(h: Harness, owner: TestUser, name = `Project ${++counter}`): Promise<Project> {
  const res = await h.request<Project>('POST', '/api/projects', { token: owner.token, body: { name } });
  if (res.status !== 201) throw new Error(`createProject: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function addMember(
  h: Harness,
  by: TestUser,
  projectId: string,
  user: TestUser,
  role: 'admin' | 'member' = 'member',
): Promise<Member> {
  const res = await h.request<Member>('POST', `/api/projects/${projectId}/members`, {
    token: by.token,
    body: { email: user.email, role },
  });
  if (res.status !== 201) throw new Error(`addMember: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createTask(
  h: Harness,
  by: TestUser,
  projectId: string,
  body: Record<string, unknown> = {},
): Promise<Task> {
  const res = await h.request<Task>('POST', `/api/projects/${projectId}/tasks`, {
    token: by.token,
    body: { title: `Task ${++counter}`, ...body },
  });
  if (res.status !== 201) throw new Error(`createTask: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function addComment(h: Harness, by: TestUser, taskId: string, body: string): Promise<Comment> {
  const res = await h.request<Comment>('POST', `/api/tasks/${taskId}/comments`, { token: by.token, body: { body } });
  if (res.status !== 201) throw new Error(`addComment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A started harness with an owner and a mate sharing one project, and a stranger to it. */
export async function startTeam() {
  const h = await startHarness();
  const [owner, mate, stranger] = await Promise.all([
    registerUser(h, { name: 'Owner' }),
    registerUser(h, { name: 'Mate' }),
    registerUser(h),
  ]);
  const projectId = (await createProject(h, owner, 'Board')).id;
  await addMember(h, owner, projectId, mate);
  return { h, owner, mate, stranger, projectId };
}
