import { OVERDUE_DIGEST_MAX_TASKS, type AnyEvent, type EventEnvelope } from '@taskflow/contracts/events';
import type { OverdueDigest } from './email.port';
import {
  formatDueAt,
  KIND_OF_EVENT,
  overduePhrase,
  projectLink,
  taskLink,
  type NotificationPlan,
} from './notification.rules';

type DigestEvent = EventEnvelope<'user.overdue_digest_due'>;

/** "Tue 3 March": the day a digest is for, as its subject names it (a calendar date, so no zone). */
export function digestDay(localDate: string): string {
  const date = new Date(`${localDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return localDate;
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    date,
  );
}

const tasksPhrase = (n: number) => `${n} overdue task${n === 1 ? '' : 's'}`;

/**
 * The digest's tasks grouped by project, projects in the order their first task comes (the producer
 * sends the most overdue first), how long each is overdue counted from when the digest was made.
 */
function groupTasks({ data, occurredAt }: DigestEvent): OverdueDigest['projects'] {
  const at = Date.parse(occurredAt);
  const projects = new Map<string, OverdueDigest['projects'][number]>();
  for (const task of data.tasks) {
    let project = projects.get(task.projectId);
    if (!project) {
      project = { name: task.projectName, link: projectLink(task.projectId), tasks: [] };
      projects.set(task.projectId, project);
    }
    project.tasks.push({
      title: task.title,
      link: taskLink(task.projectId, task.id),
      due: `Due ${formatDueAt(task.dueAt, data.timezone)}`,
      overdue: overduePhrase(at - Date.parse(task.dueAt)),
    });
  }
  return [...projects.values()];
}

/**
 * The one email an overdue digest makes for its user, or nothing when it lists no task (the
 * producer sends none such, but an empty digest would be an email about nothing). Sent by the
 * scheduler, so there is no actor.
 */
export function planOverdueDigest(event: DigestEvent): NotificationPlan[] {
  const { userId, localDate, tasks } = event.data;
  if (tasks.length === 0) return [];
  const subject = `${tasksPhrase(tasks.length)} — ${digestDay(localDate)}`;
  return [
    {
      recipientId: userId,
      type: event.type,
      kind: KIND_OF_EVENT[event.type],
      title: () => subject,
      body: tasks.length === 1 ? 'This task is past its due time.' : 'These tasks are past their due time.',
      link: '/projects',
      projectId: null,
      taskId: null,
      digest: { projects: groupTasks(event), capped: tasks.length >= OVERDUE_DIGEST_MAX_TASKS },
    },
  ];
}

/**
 * What one notification is stored once for, with its recipient: the event, except for a digest,
 * which is once per (user, local date) whatever event carries it, so that even a digest published
 * twice under two ids (a producer retrying after a crash) makes one email.
 */
export const deliveryKeyOf = (event: AnyEvent): string =>
  event.type === 'user.overdue_digest_due' ? `overdue-digest:${event.data.localDate}` : event.id;
