import type { TaskStatus } from '@taskflow/contracts/api';
import type { AnyEvent } from '@taskflow/contracts/events';
import type { TaskChanged } from '@taskflow/contracts/socket';

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

/** The SPA route that opens one task. */
export const taskLink = (projectId: string, taskId: string) => `/projects/${projectId}/tasks/${taskId}`;
export const projectLink = (projectId: string) => `/projects/${projectId}`;

/** A draft whose title still needs the actor's display name, which only the caller can look up. */
export type NotificationPlan = Omit<NotificationDraft, 'title'> & { title: (actorName: string) => string };

/**
 * Who is told what about an event. Pure, and evaluated once per event: the caller looks the actor
 * up only when the plan tells someone, then fills the titles in with `withActor`. Never tells the
 * actor about their own action.
 */
export function planNotifications(event: AnyEvent): NotificationPlan[] {
  const drafts: NotificationPlan[] = [];
  switch (event.type) {
    case 'task.assigned': {
      const { task, assigneeId } = event.data;
      if (assigneeId) {
        drafts.push({
          recipientId: assigneeId,
          type: event.type,
          title: (actorName) => `${actorName} assigned you a task`,
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
          title: (actorName) => `${actorName} moved ${task.title} to ${statusLabel(to)}`,
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
        title: (actorName) => `${actorName} added you to ${projectName}`,
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

export const withActor = (plans: NotificationPlan[], actorName: string): NotificationDraft[] =>
  plans.map((plan) => ({ ...plan, title: plan.title(actorName) }));

/**
 * The one `task_changed` push a task change causes in its project's room, or null. The tasks
 * service emits `task.assigned` only beside the `task.created` or `task.updated` of the same write
 * (same version), so it pushes nothing itself: an assignment makes open boards refetch once.
 */
export function taskChangeOf(event: AnyEvent): TaskChanged | null {
  switch (event.type) {
    case 'task.created':
    case 'task.updated':
    case 'task.deleted':
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
