import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationKind, type TaskStatus } from '@taskflow/contracts/api';
import type { AnyEvent, EventData, EventType } from '@taskflow/contracts/events';
import type { TaskChanged } from '@taskflow/contracts/socket';
import { isAccountEmail } from './account-email.rules';
import type { ChannelSetting } from '../data/notification.repository';
import type { OverdueDigest } from './email.port';

/** A notification to create, before it gets an id, a time and its actor. */
export interface NotificationDraft {
  recipientId: string;
  type: AnyEvent['type'];
  /** The preference that governs it; null: always sent on both channels. */
  kind: NotificationKind | null;
  title: string;
  body: string;
  link: string;
  projectId: string | null;
  taskId: string | null;
  /** The overdue digest's task list (that notification only). */
  digest?: OverdueDigest;
}

const statusLabels: Record<TaskStatus, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done' };

const statusLabel = (value: unknown): string =>
  typeof value === 'string' && value in statusLabels ? statusLabels[value as TaskStatus] : String(value);

/** The SPA route that opens one task. */
export const taskLink = (projectId: string, taskId: string) => `/projects/${projectId}/tasks/${taskId}`;
export const projectLink = (projectId: string) => `/projects/${projectId}`;

/**
 * Which preference governs the notifications of each event type that tells anyone. Being added to
 * a project has none: it is rare, it changes what someone can see, and it is how they learn the
 * project exists, so it always goes to the bell and by email.
 */
export const KIND_OF_EVENT = {
  'task.assigned': 'assigned',
  'task.updated': 'statusChanges',
  'task.commented': 'comments',
  'task.reminder_due': 'reminders',
  'user.overdue_digest_due': 'overdueDigest',
  'project.member_added': null,
} as const satisfies Partial<Record<EventType, NotificationKind | null>>;

/**
 * A draft whose title still needs the actor's display name, and whose body may need the recipient's
 * time zone: only the caller can look either up.
 */
export type NotificationPlan = Omit<NotificationDraft, 'title' | 'body'> & {
  title: (actorName: string) => string;
  body: string | ((recipientTimeZone: string) => string);
  /**
   * Told only if the recipient is (still) a member of this project, as the membership projection
   * knows: for someone the event names who may have left since (a task's creator).
   */
  onlyIfMemberOf?: string;
};

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
          kind: KIND_OF_EVENT[event.type],
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
          kind: KIND_OF_EVENT[event.type],
          title: (actorName) => `${actorName} moved ${task.title} to ${statusLabel(to)}`,
          body: `${statusLabel(from)} → ${statusLabel(to)}`,
          link: taskLink(task.projectId, task.id),
          projectId: task.projectId,
          taskId: task.id,
        });
      }
      break;
    }
    case 'task.commented': {
      drafts.push(...planComment(event.data));
      break;
    }
    case 'project.member_added': {
      const { projectId, projectName, userId, role } = event.data;
      drafts.push({
        recipientId: userId,
        type: event.type,
        kind: KIND_OF_EVENT[event.type],
        title: (actorName) => `${actorName} added you to ${projectName}`,
        body: `You are ${role === 'admin' ? 'an admin' : 'a member'} of ${projectName}`,
        link: projectLink(projectId),
        projectId,
        taskId: null,
      });
      break;
    }
    case 'task.reminder_due': {
      // Sent by the scheduler, not by a person: the actor is null, so the filter below keeps it.
      const { task, recipientId, offsetMinutes, late } = event.data;
      drafts.push({
        recipientId,
        type: event.type,
        kind: KIND_OF_EVENT[event.type],
        title: () =>
          `${duePhrase(late ? minutesLeft(task.dueAt, event.occurredAt, offsetMinutes) : offsetMinutes)}: ${task.title}`,
        body: (timeZone) => (task.dueAt ? `Due ${formatDueAt(task.dueAt, timeZone)}` : task.title),
        link: taskLink(task.projectId, task.id),
        projectId: task.projectId,
        taskId: task.id,
      });
      break;
    }
    default:
      break;
  }
  return drafts.filter((d) => d.recipientId !== event.actorId);
}

/**
 * A comment tells the task's assignee and creator and every member it mentions, each once and never
 * its author; a mention says so in the title. The tasks service resolved the mentions against the
 * members and keeps assignees members, but the creator may have left the project since: they are
 * told only while the projection still counts them in (unless the comment names them too).
 */
function planComment(data: EventData<'task.commented'>): NotificationPlan[] {
  const { taskId, projectId, taskTitle, excerpt, authorId, assigneeId, createdBy, mentionedIds } = data;
  const mentioned = new Set(mentionedIds);
  const recipients = new Set([assigneeId, createdBy, ...mentionedIds]);
  return [...recipients]
    .filter((id): id is string => id !== null && id !== authorId)
    .map((recipientId) => ({
      recipientId,
      type: 'task.commented' as const,
      kind: KIND_OF_EVENT['task.commented'],
      title: (actorName: string) =>
        mentioned.has(recipientId)
          ? `${actorName} mentioned you on ${taskTitle}`
          : `${actorName} commented on ${taskTitle}`,
      body: excerpt,
      link: taskLink(projectId, taskId),
      projectId,
      taskId,
      ...(recipientId === createdBy && recipientId !== assigneeId && !mentioned.has(recipientId)
        ? { onlyIfMemberOf: projectId }
        : {}),
    }));
}

/** Fills the titles in, and bodies that depend on the recipient's time zone (UTC when unknown). */
export const withActor = (
  plans: NotificationPlan[],
  actorName: string,
  timeZoneOf: (userId: string) => string | undefined = () => undefined,
): NotificationDraft[] =>
  plans.map(({ onlyIfMemberOf: _checked, ...plan }) => ({
    ...plan,
    title: plan.title(actorName),
    body: typeof plan.body === 'string' ? plan.body : plan.body(timeZoneOf(plan.recipientId) ?? 'UTC'),
  }));

/** Whether a plan's body needs the recipient's time zone looked up. */
export const needsTimeZone = (plan: NotificationPlan): boolean => typeof plan.body === 'function';

/**
 * Kinds that are emails and nothing else: a daily list of what is overdue would only repeat, in the
 * bell, what the bell already said task by task. Their `inApp` switch exists for the settings grid.
 */
const EMAIL_ONLY: ReadonlySet<NotificationKind> = new Set(['overdueDigest']);

/**
 * Where one notification goes: each channel on, off, or as the recipient's preference says (read
 * with the insert, in its round trip). Both off means it is not stored at all.
 */
export interface Channels {
  inApp: ChannelSetting;
  email: ChannelSetting;
}

/**
 * Which channels a notification of `kind` goes to: both when no preference governs it; otherwise as
 * the recipient's preferences say (the defaults where they have chosen nothing), read by the insert
 * itself so that no lookup comes before it. Never the bell for an email-only kind.
 */
export function channelsFor(kind: NotificationKind | null): Channels {
  if (kind === null) return { inApp: true, email: true };
  const preference = (channel: 'inApp' | 'email') => ({
    preference: kind,
    otherwise: DEFAULT_NOTIFICATION_PREFERENCES[channel][kind],
  });
  return { inApp: EMAIL_ONLY.has(kind) ? false : preference('inApp'), email: preference('email') };
}

/**
 * A reminder is about time running out, and a digest is already the summary of a day: their email
 * goes at once instead of waiting for a batch.
 */
export const emailsAtOnce = (kind: NotificationKind | null, type?: string): boolean =>
  kind === 'reminders' || kind === 'overdueDigest' || (type !== undefined && isAccountEmail(type));

/**
 * The overdue digest is an email of its own ("3 overdue tasks — Tue 3 March"), never one line of an
 * "updates" batch: its subject is the point, and it would drown the batch's other lines.
 */
export const emailsAlone = (type: string): boolean => type === 'user.overdue_digest_due' || isAccountEmail(type);

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * "Due now", "Due in 1 hour", "Due in 2 days", "Due in 1 h 30 min" (a whole unit is spelled out,
 * a mix of units abbreviated), or "Overdue" for a time already past.
 */
export function duePhrase(offsetMinutes: number): string {
  if (offsetMinutes < 0) return 'Overdue';
  const total = Math.round(offsetMinutes);
  if (total === 0) return 'Due now';
  const parts: [number, string, string][] = [
    [Math.floor(total / 1440), 'day', 'd'],
    [Math.floor((total % 1440) / 60), 'hour', 'h'],
    [total % 60, 'minute', 'min'],
  ];
  const present = parts.filter(([n]) => n > 0);
  if (present.length === 1) {
    const [n, unit] = present[0]!;
    return `Due in ${plural(n, unit)}`;
  }
  return `Due in ${present.map(([n, , short]) => `${n} ${short}`).join(' ')}`;
}

/** "2 days overdue", "3 hours overdue", "1 minute overdue": the largest whole unit, for a list. */
export function overduePhrase(overdueMs: number): string {
  const minutes = Math.max(1, Math.floor(overdueMs / 60_000));
  if (!Number.isFinite(minutes)) return 'overdue';
  if (minutes >= 1440) return `${plural(Math.floor(minutes / 1440), 'day')} overdue`;
  if (minutes >= 60) return `${plural(Math.floor(minutes / 60), 'hour')} overdue`;
  return `${plural(minutes, 'minute')} overdue`;
}

/**
 * A late reminder (sent after its time, the service having been down across it) says how long is
 * really left when it goes out, not how long was left when it should have.
 */
function minutesLeft(dueAt: string | null, at: string, fallback: number): number {
  const left = Date.parse(dueAt ?? '') - Date.parse(at);
  return Number.isFinite(left) ? Math.round(left / 60_000) : fallback;
}

/** A due time as the recipient reads it: "Tue, 14 Jan 2025, 15:00 CET". */
export function formatDueAt(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const format = (tz: string) =>
    new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: tz,
      timeZoneName: 'short',
    }).format(date);
  try {
    return format(timeZone);
  } catch {
    return format('UTC');
  }
}

/**
 * The one `task_changed` push a task change causes in its project's room, or null. The tasks
 * service emits `task.assigned` only beside the `task.created` or `task.updated` of the same write
 * (same version), so it pushes nothing itself: an assignment makes open boards refetch once. A
 * comment written or deleted leaves the task's version as it was: a board sees nothing newer to
 * fetch, while an open task drawer refetches its comments and history.
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
    case 'task.commented':
    case 'task.comment_deleted':
      return {
        projectId: event.data.projectId,
        taskId: event.data.taskId,
        type: event.type,
        version: event.data.taskVersion,
      };
    default:
      return null;
  }
}
