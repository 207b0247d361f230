import { z } from 'zod';
import { FieldChanges, ProjectRole, Task, uuid } from './api';

/**
 * Every event on the `taskflow.events` topic exchange. The routing key is the event `type`.
 * Producers validate before writing to their outbox, consumers validate before handling,
 * so a schema change breaks a test on both sides.
 */

/** Why a session ended early: signed out, ended from another session, a new password, or a stolen refresh token. */
export const SESSION_REVOKED_REASONS = [
  'logout',
  'revoked',
  'password_changed',
  'password_reset',
  'reuse_detected',
] as const;
export type SessionRevokedReason = (typeof SESSION_REVOKED_REASONS)[number];

const userData = z.object({ userId: uuid, email: z.string(), name: z.string(), timezone: z.string() });

const projectSnapshot = z.object({
  id: uuid,
  name: z.string(),
  description: z.string(),
  ownerId: uuid,
  personal: z.boolean(),
  createdAt: z.string(),
});

const memberData = z.object({ projectId: uuid, projectName: z.string(), userId: uuid, role: ProjectRole });

/** The task as events carry it: the API shape minus the joined assignee name. */
export const TaskSnapshot = Task.omit({ assignee: true });
export type TaskSnapshot = z.infer<typeof TaskSnapshot>;

export const eventDataSchemas = {
  'user.registered': userData,
  'user.updated': userData,
  'user.password_reset_requested': z.object({
    userId: uuid,
    email: z.string(),
    name: z.string(),
    resetUrl: z.string(),
    expiresAt: z.string(),
  }),
  /**
   * A session ended before its time: every service refuses its access tokens from now on and the
   * socket gateway disconnects its sockets, instead of waiting for the tokens to expire.
   */
  'session.revoked': z.object({ userId: uuid, sessionId: uuid, reason: z.enum(SESSION_REVOKED_REASONS) }),
  'project.created': z.object({ project: projectSnapshot }),
  'project.updated': z.object({ project: projectSnapshot, changes: FieldChanges.optional() }),
  'project.deleted': z.object({ project: projectSnapshot }),
  'project.member_added': memberData,
  'project.member_removed': memberData,
  'task.created': z.object({ task: TaskSnapshot }),
  'task.updated': z.object({ task: TaskSnapshot, changes: FieldChanges.optional() }),
  'task.deleted': z.object({ task: TaskSnapshot }),
  'task.assigned': z.object({ task: TaskSnapshot, assigneeId: uuid.nullable(), previousAssigneeId: uuid.nullable() }),
  /**
   * A comment was written. It carries who may be told, so a consumer needs nothing else: the task's
   * assignee (always a member) and creator (who may have left the project since), and the members
   * the comment mentions (resolved against the members when it was written). `excerpt` is the start
   * of the body as plain text, at most COMMENT_EXCERPT_LENGTH characters. `taskVersion` is the task's
   * version when it was written (a comment does not change it), so an open board can tell it needs
   * no refetch of the task itself.
   */
  'task.commented': z.object({
    taskId: uuid,
    projectId: uuid,
    commentId: uuid,
    authorId: uuid,
    excerpt: z.string(),
    taskTitle: z.string(),
    assigneeId: uuid.nullable(),
    createdBy: uuid,
    mentionedIds: z.array(uuid),
    taskVersion: z.number().int(),
  }),
  /**
   * A comment was deleted (by `actorId`: its author, or a project owner or admin). It tells nobody;
   * it lets open task drawers drop the comment. Carries ids only, never the deleted words.
   */
  'task.comment_deleted': z.object({
    taskId: uuid,
    projectId: uuid,
    commentId: uuid,
    authorId: uuid,
    taskVersion: z.number().int(),
  }),
  /** `late`: dispatched well after its time (the service was down across it); it fires once, never twice. */
  'task.reminder_due': z.object({
    task: TaskSnapshot,
    recipientId: uuid,
    offsetMinutes: z.number().int(),
    late: z.boolean(),
  }),
  /**
   * Once a day at 09:00 in the user's own time zone, only when they have open assigned tasks past
   * their due time (`tasks`, soonest due first, at most OVERDUE_DIGEST_MAX_TASKS of them).
   * `localDate` is that day (YYYY-MM-DD) in `timezone`; one event per user and local date.
   */
  'user.overdue_digest_due': z.object({
    userId: uuid,
    localDate: z.iso.date(),
    timezone: z.string(),
    tasks: z.array(
      z.object({ id: uuid, projectId: uuid, projectName: z.string(), title: z.string(), dueAt: z.string() }),
    ),
  }),
} as const;

/** The longest `excerpt` of a `task.commented` event (an ellipsis ends a shortened one). */
export const COMMENT_EXCERPT_LENGTH = 200;

/** The most tasks one overdue digest lists; the email links to the full list. */
export const OVERDUE_DIGEST_MAX_TASKS = 100;

export type EventType = keyof typeof eventDataSchemas;
export const eventTypes = Object.keys(eventDataSchemas) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;

export const producers = ['auth', 'tasks', 'notifications'] as const;
export type Producer = (typeof producers)[number];

const envelopeBase = z.object({
  id: uuid,
  type: z.enum(eventTypes as [EventType, ...EventType[]]),
  version: z.literal(1),
  occurredAt: z.string(),
  producer: z.enum(producers),
  actorId: uuid.nullable(),
  correlationId: z.string(),
  data: z.unknown(),
});

export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  version: 1;
  occurredAt: string;
  producer: Producer;
  actorId: string | null;
  correlationId: string;
  data: EventData<T>;
}

export type AnyEvent = { [K in EventType]: EventEnvelope<K> }[EventType];

/** Parses an envelope and its type-specific data; throws a ZodError if either is off. */
export function parseEvent(raw: unknown): AnyEvent {
  const envelope = envelopeBase.parse(raw);
  const data = eventDataSchemas[envelope.type].parse(envelope.data);
  return { ...envelope, data } as AnyEvent;
}

export const DEFAULT_EXCHANGE = 'taskflow.events';
