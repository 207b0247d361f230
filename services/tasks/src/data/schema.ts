import { sql } from 'drizzle-orm';
import {
  ActivityType,
  DEFAULT_TASK_PRIORITY,
  DEFAULT_TASK_STATUS,
  type FieldChanges,
  ProjectRole,
  TaskPriority,
  TaskStatus,
} from '@taskflow/contracts/api';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export { outbox, processedEvents } from '@taskflow/service-kit/outbox';

/** Millisecond precision: JavaScript dates round-trip exactly, so keyset cursors never skip a row. */
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Fractional-index keys compare byte-wise in the library; COLLATE "C" makes Postgres agree. */
const positionKey = customType<{ data: string }>({
  dataType: () => 'text COLLATE "C"',
});

/** zod types an enum's `options` as a plain array; pgEnum wants the non-empty tuple it is. */
const valuesOf = <T extends string>(zodEnum: { options: T[] }) => zodEnum.options as [T, ...T[]];

/**
 * The values come from the API's enumerations, so the database and the API cannot disagree.
 * TaskStatus is declared in board order, so ORDER BY status walks the columns todo → in_progress → done.
 */
export const taskStatus = pgEnum('task_status', valuesOf(TaskStatus));
export const taskPriority = pgEnum('task_priority', valuesOf(TaskPriority));
export const projectRole = pgEnum('project_role', valuesOf(ProjectRole));
export const activityType = pgEnum('activity_type', valuesOf(ActivityType));

/** The user directory, a projection of auth's `user.*` events. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    ownerId: uuid('owner_id').notNull(),
    personal: boolean('personal').notNull().default(false),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    /**
     * Moves on whenever anything a board page shows changes: a task of the project is added,
     * changed or deleted, or an assignee's name changes. Kept by triggers (migration 0005), so every
     * writer counts — any instance, any code path, SQL by hand. Board pages are cached against it.
     */
    boardVersion: bigint('board_version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    uniqueIndex('projects_one_personal_per_owner')
      .on(t.ownerId)
      .where(sql`${t.personal}`),
  ],
);

export const projectMembers = pgTable(
  'project_members',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    role: projectRole('role').notNull(),
    joinedAt: timestamptz('joined_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('project_members_user_idx').on(t.userId)],
);

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: taskStatus('status').notNull().default(DEFAULT_TASK_STATUS),
    priority: taskPriority('priority').notNull().default(DEFAULT_TASK_PRIORITY),
    dueAt: timestamptz('due_at'),
    assigneeId: uuid('assignee_id'),
    labels: text('labels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    reminders: integer('reminders')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    position: positionKey('position').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    completedAt: timestamptz('completed_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // The board query filters on project, orders by (status, position, id): one index range scan.
    index('tasks_board_idx').on(t.projectId, t.status, t.position, t.id),
    index('tasks_assignee_idx').on(t.assigneeId),
    // Text search (`q`) is a substring match, ILIKE '%…%': only trigram indexes serve it (pg_trgm).
    index('tasks_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('tasks_description_trgm_idx').using('gin', t.description.op('gin_trgm_ops')),
  ],
);

/**
 * One row per (task, offset) for open tasks with a due date, re-planned whenever the due date,
 * reminders or status change (sent rows of offsets that stay are kept, so nothing fires twice). The scheduler claims due unsent rows through the partial index,
 * so its cost follows the number of due reminders, not the number of tasks.
 */
export const taskReminders = pgTable(
  'task_reminders',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    offsetMinutes: integer('offset_minutes').notNull(),
    remindAt: timestamptz('remind_at').notNull(),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.offsetMinutes] }),
    index('task_reminders_due_idx')
      .on(t.remindAt)
      .where(sql`${t.sentAt} IS NULL`),
  ],
);

/**
 * The daily overdue digest, one row per (user, local date): the primary key is what makes it once
 * a day. Each user has at most one pending row (the partial unique index); the scheduler claims due
 * pending rows through the partial index on fire_at, marks them sent in the transaction that
 * writes the event, and plans the next day's row. The last sent row of a user is kept, so a change
 * of time zone cannot plan that local date again.
 */
export const overdueDigests = pgTable(
  'overdue_digests',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    /** The zone the row was planned in; a user whose zone changes is re-planned. */
    timezone: text('timezone').notNull(),
    fireAt: timestamptz('fire_at').notNull(),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.localDate] }),
    index('overdue_digests_due_idx')
      .on(t.fireAt)
      .where(sql`${t.sentAt} IS NULL`),
    uniqueIndex('overdue_digests_one_pending_per_user')
      .on(t.userId)
      .where(sql`${t.sentAt} IS NULL`),
  ],
);

/**
 * Each user's calendar feed. The feed's token is derived from `nonce` with the service's calendar
 * secret, which never enters the database; what is stored is the token's SHA-256, for the lookup.
 * Rotating draws a new nonce, so the old token stops matching.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  // No foreign key to users: a user may ask for their feed before their registration event is projected.
  userId: uuid('user_id').primaryKey(),
  nonce: text('nonce').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

/**
 * Comments on a task, oldest first by (created_at, id). `project_id` is the task's, kept here so a
 * comment's rights are checked without the task; a task's deletion deletes its comments.
 */
export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').notNull(),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    /** Members the body mentions, resolved when it was written. */
    mentions: uuid('mentions')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('comments_task_idx').on(t.taskId, t.createdAt, t.id)],
);

/**
 * A task's history, written in the transaction of each change: who (`actor_id`, null when no
 * person did it), what (`changes`, `{field: [old, new]}`, the same object the change's event
 * carries) and when. Read newest first by (at, id).
 */
export const taskActivity = pgTable(
  'task_activity',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id'),
    type: activityType('type').notNull(),
    changes: jsonb('changes').$type<FieldChanges>().notNull().default({}),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('task_activity_task_idx').on(t.taskId, t.at, t.id)],
);
