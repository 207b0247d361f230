import { randomUUID } from 'node:crypto';
import type { EventData } from '@taskflow/contracts/events';
import type { TaskSnapshot } from '@taskflow/contracts/events';
import { newNotificationId, type StoredNotification } from '../src/data/notification.repository';

/** Small builders of event payloads as the auth and tasks services produce them. */

export interface TestUser {
  id: string;
  name: string;
  email: string;
}

let seq = 0;

export function aUser(name = `User ${++seq}`): TestUser {
  const id = randomUUID();
  return { id, name, email: `${id}@example.test` };
}

export const userRegistered = (user: TestUser): EventData<'user.registered'> => ({
  userId: user.id,
  email: user.email,
  name: user.name,
  timezone: 'UTC',
});

export function aTask(overrides: Partial<TaskSnapshot> & { createdBy: string }): TaskSnapshot {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    projectId: randomUUID(),
    title: `Task ${++seq}`,
    description: '',
    status: 'todo',
    priority: 'medium',
    dueAt: null,
    assigneeId: null,
    labels: [],
    reminders: [],
    position: 'a0',
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    version: 1,
    ...overrides,
  };
}

export const taskAssigned = (task: TaskSnapshot, assigneeId: string | null): EventData<'task.assigned'> => ({
  task: { ...task, assigneeId },
  assigneeId,
  previousAssigneeId: task.assigneeId,
});

export const memberAdded = (
  projectId: string,
  userId: string,
  projectName = 'Launch',
): EventData<'project.member_added'> => ({
  projectId,
  projectName,
  userId,
  role: 'member',
});

export function projectCreated(ownerId: string, name = `Project ${++seq}`): EventData<'project.created'> {
  return {
    project: { id: randomUUID(), name, description: '', ownerId, personal: false, createdAt: new Date().toISOString() },
  };
}

/** A task's status change as the tasks service emits it (task.updated with `changes.status`). */
export const statusChanged = (
  task: TaskSnapshot,
  from: TaskSnapshot['status'],
  to: TaskSnapshot['status'],
): EventData<'task.updated'> => ({ task: { ...task, status: to }, changes: { status: [from, to] } });

export const reminderDue = (
  task: TaskSnapshot,
  recipientId: string,
  offsetMinutes: number,
  late = false,
): EventData<'task.reminder_due'> => ({ task, recipientId, offsetMinutes, late });

/** A comment on `task` by `authorId`, as the tasks service announces it. */
export const commented = (
  task: TaskSnapshot,
  authorId: string,
  { excerpt = 'Looks good to me', mentionedIds = [] as string[] } = {},
): EventData<'task.commented'> => ({
  taskId: task.id,
  projectId: task.projectId,
  commentId: randomUUID(),
  authorId,
  excerpt,
  taskTitle: task.title,
  assigneeId: task.assigneeId,
  createdBy: task.createdBy,
  mentionedIds,
  taskVersion: task.version,
});

/** The deletion of comment `commentId` (written by `authorId`) on `task`, as the tasks service announces it. */
export const commentDeleted = (
  task: TaskSnapshot,
  commentId: string,
  authorId: string,
): EventData<'task.comment_deleted'> => ({
  taskId: task.id,
  projectId: task.projectId,
  commentId,
  authorId,
  taskVersion: task.version,
});

/** A notification as the store keeps it, created at `createdAtMs`, with a unique id and body. */
export function aStoredNotification(createdAtMs = Date.now()): StoredNotification {
  const n = ++seq;
  return {
    id: newNotificationId(createdAtMs, n.toString(16).padStart(12, '0')),
    type: 'task.assigned',
    title: 't',
    body: String(n),
    link: '/',
    projectId: null,
    taskId: null,
    actor: null,
    createdAt: new Date(createdAtMs).toISOString(),
  };
}

type DigestTask = EventData<'user.overdue_digest_due'>['tasks'][number];

/** An overdue task as the digest lists it. */
export const anOverdueTask = (overrides: Partial<DigestTask> & Pick<DigestTask, 'dueAt'>): DigestTask => ({
  id: randomUUID(),
  projectId: randomUUID(),
  projectName: `Project ${++seq}`,
  title: `Task ${++seq}`,
  ...overrides,
});

export const overdueDigest = (
  userId: string,
  tasks: DigestTask[],
  { localDate = '2026-03-03', timezone = 'UTC' } = {},
): EventData<'user.overdue_digest_due'> => ({ userId, localDate, timezone, tasks });
