import type { Notification } from '@taskflow/contracts/api';

/** `count` notifications, newest first, one minute apart; every third one already read. */
export function makeNotifications(count: number, now = Date.now()): Notification[] {
  return Array.from({ length: count }, (_, index) => {
    const createdAt = new Date(now - index * 60_000).toISOString();
    const projectId = crypto.randomUUID();
    const taskId = crypto.randomUUID();
    return {
      id: String(count - index).padStart(6, '0'),
      type: 'task.assigned',
      title: `Notification ${index + 1}`,
      body: `Task ${index + 1}`,
      link: `/projects/${projectId}/tasks/${taskId}`,
      projectId,
      taskId,
      actor: null,
      createdAt,
      readAt: index % 3 === 2 ? createdAt : null,
    };
  });
}
