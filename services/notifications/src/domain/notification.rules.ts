import type { TaskStatus } from '@taskflow/contracts/api';
import type { AnyEvent } from '@taskflow/contracts/events';

/** A notification to create, before it gets an id, a time and its actor. */
export interface NotificationDraft {
  recipientId: string;
  type: AnyEvent['type'];
  title: string;
  body: string;
  link: string;
  projectId: string | null;
  taskId: string | null;
}

const statusLabels: Record<TaskStatus, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done' };

const statusLabel = (value: unknown): string =>
  typeof value === 'string' && value in statusLabels ? statusLabels[value as TaskStatus] : String(value);

export const taskLink = (projectId: string, taskId: string) => `/projects/${projectId}?task=${taskId}`;
export const projectLink = (projectId: string) => `/projects/${projectId}`;

/**
 * Who is told what about an event (SPEC §6). Pure: the actor's display name is looked up by the
 * caller. Never tells the actor about their own action.
 */
export function planNotifications(event: AnyEvent, actorName: string): NotificationDraft[] {
  const drafts: NotificationDraft[] = [];
  switch (event.type) {
    case 'task.assigned': {
      const { task, assigneeId } = event.data;
      if (assigneeId) {
        drafts.push({
          recipientId: assigneeId,
          type: event.type,
          title: `${actorName} assigned you a task`,
          body: task.title,
          link: taskLink(task.projectId, task.id),
          projectId: task.projectId,
          taskId: task.id,
        });
      }
      break;
    }
    case 'task.updated': {
      const { task, changes } = event.data;
      const status = changes?.status;
      if (!status) break;
      const [from, to] = status;
      for (const recipientId of new Set([task.assigneeId, task.createdBy])) {
        if (!recipientId) continue;
        drafts.push({
          recipientId,
          type: event.type,
          title: `${actorName} moved ${task.title} to ${statusLabel(to)}`,
          body: `${statusLabel(from)} → ${statusLabel(to)}`,
          link: taskLink(task.projectId, task.id),
          projectId: task.projectId,
          taskId: task.id,
        });
      }
      break;
    }
    case 'project.member_added': {
      const { projectId, projectName, userId, role } = event.data;
      drafts.push({
        recipientId: userId,
        type: event.type,
        title: `${actorName} added you to ${projectName}`,
        body: `You are ${role === 'admin' ? 'an admin' : 'a member'} of ${projectName}`,
        link: projectLink(projectId),
        projectId,
        taskId: null,
      });
      break;
    }
    default:
      break;
  }
  return drafts.filter((d) => d.recipientId !== event.actorId);
}

/** The `task_changed` push every task.* event causes in its project's room, or null. */
export function taskChangeOf(
  event: AnyEvent,
): { projectId: string; taskId: string; type: string; version: number } | null {
  switch (event.type) {
    case 'task.created':
    case 'task.updated':
    case 'task.deleted':
    case 'task.assigned':
      return {
        projectId: event.data.task.projectId,
        taskId: event.data.task.id,
        type: event.type,
        version: event.data.task.version,
      };
    default:
      return null;
  }
}
