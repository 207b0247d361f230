import { z } from 'zod';

/** Shared primitives ------------------------------------------------------------------------ */

export const uuid = z.uuid();

/**
 * Free text a user types. PostgreSQL cannot store the NUL character in text, and no one types it, so
 * it is refused here — with the field's name — rather than failing in the database.
 */
export const text = () => z.string().refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');
export const isoDateTime = z.iso.datetime({ offset: true });

const isIanaTimezone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
export const timezone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isIanaTimezone, { message: 'must be an IANA time zone name such as Europe/Berlin' });

/** Normalised (trimmed, lower-case) before it is checked, so lookups are case-insensitive. */
export const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.email({ message: 'must be a valid email address' }).max(254, 'must be at most 254 characters'),
);
export const password = z.string().min(8, 'must be at least 8 characters').max(128, 'must be at most 128 characters');
export const personName = text().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

export const listLimit = z.coerce.number().int().min(1).max(100).default(50);
export const cursorQuery = z.object({ limit: listLimit, cursor: z.string().max(200).optional() });

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Auth ------------------------------------------------------------------------------------- */

export const User = z.object({
  id: uuid,
  email: z.string(),
  name: z.string(),
  timezone: z.string(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const RegisterBody = z.object({
  email,
  password,
  name: personName,
  timezone: timezone.optional(),
});
export type RegisterBody = z.input<typeof RegisterBody>;

export const LoginBody = z.object({
  email,
  password: z.string().min(1, 'is required').max(128, 'must be at most 128 characters'),
});
export type LoginBody = z.input<typeof LoginBody>;

export const UpdateMeBody = z.object({ name: personName.optional(), timezone: timezone.optional() }).strict();

export const ChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1, 'is required').max(128, 'must be at most 128 characters'),
    newPassword: password,
  })
  .strict();
export type ChangePasswordBody = z.input<typeof ChangePasswordBody>;

export const PasswordResetBody = z.object({ email }).strict();
export type PasswordResetBody = z.input<typeof PasswordResetBody>;

/** The one-time token from the reset link: 256 random bits, base64url. */
export const PasswordResetConfirmBody = z
  .object({ token: z.string().min(1, 'is required').max(200, 'is not a reset token'), newPassword: password })
  .strict();
export type PasswordResetConfirmBody = z.input<typeof PasswordResetConfirmBody>;

/** How long a password reset link works. */
export const PASSWORD_RESET_TTL_MINUTES = 30;

/** A signed-in browser or device: one refresh-token session. */
export const Session = z.object({
  id: uuid,
  createdAt: z.string(),
  lastUsedAt: z.string(),
  userAgent: z.string(),
  /** A readable name for the user agent, such as "Firefox on Windows". */
  device: z.string(),
  /** The session of the access token that asked. */
  current: z.boolean(),
});
export type Session = z.infer<typeof Session>;
export const SessionList = z.object({ items: z.array(Session) });
export type SessionList = z.infer<typeof SessionList>;

export const AuthResponse = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int(),
  user: User,
});
export type AuthResponse = z.infer<typeof AuthResponse>;

/** Projects --------------------------------------------------------------------------------- */

export const ProjectRole = z.enum(['owner', 'admin', 'member']);
export type ProjectRole = z.infer<typeof ProjectRole>;
/** The roles a member can be given; there is exactly one owner, the creator. */
export const AssignableRole = ProjectRole.exclude(['owner']);
export type AssignableRole = z.infer<typeof AssignableRole>;
export const DEFAULT_MEMBER_ROLE: AssignableRole = 'member';
/** Who may manage members and edit the project. */
export const MANAGER_ROLES: readonly ProjectRole[] = ['owner', 'admin'];

export const Project = z.object({
  id: uuid,
  name: z.string(),
  description: z.string(),
  role: ProjectRole,
  memberCount: z.number().int(),
  personal: z.boolean(),
  createdAt: z.string(),
});
export type Project = z.infer<typeof Project>;

const projectName = text().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const projectDescription = text().max(2000, 'must be at most 2000 characters');

export const CreateProjectBody = z.object({ name: projectName, description: projectDescription.optional() }).strict();
export type CreateProjectBody = z.input<typeof CreateProjectBody>;
export const UpdateProjectBody = z
  .object({ name: projectName.optional(), description: projectDescription.optional() })
  .strict();

export const Member = z.object({
  userId: uuid,
  name: z.string(),
  email: z.string(),
  role: ProjectRole,
  joinedAt: z.string(),
});
export type Member = z.infer<typeof Member>;

export const AddMemberBody = z.object({ email, role: AssignableRole.default(DEFAULT_MEMBER_ROLE) }).strict();
export type AddMemberBody = z.input<typeof AddMemberBody>;
export const ChangeRoleBody = z.object({ role: AssignableRole }).strict();
export type ChangeRoleBody = z.input<typeof ChangeRoleBody>;

/** Tasks ------------------------------------------------------------------------------------ */

export const TaskStatus = z.enum(['todo', 'in_progress', 'done']);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const TaskPriority = z.enum(['low', 'medium', 'high', 'urgent']);
export type TaskPriority = z.infer<typeof TaskPriority>;
export const DEFAULT_TASK_STATUS: TaskStatus = 'todo';
export const DEFAULT_TASK_PRIORITY: TaskPriority = 'medium';

export const MAX_REMINDER_MINUTES = 43_200;
export const DEFAULT_REMINDERS = [1440, 60];

const title = text().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const description = text().max(10_000, 'must be at most 10000 characters');
const labels = z
  .array(text().trim().min(1, 'must not be empty').max(30, 'must be at most 30 characters'))
  .max(10, 'at most 10 labels');
const reminders = z.array(z.number().int().min(0).max(MAX_REMINDER_MINUTES)).max(5, 'at most 5 reminders');

export const Task = z.object({
  id: uuid,
  projectId: uuid,
  title: z.string(),
  description: z.string(),
  status: TaskStatus,
  priority: TaskPriority,
  dueAt: z.string().nullable(),
  assigneeId: uuid.nullable(),
  assignee: z.object({ id: uuid, name: z.string() }).nullable(),
  labels: z.array(z.string()),
  reminders: z.array(z.number().int()),
  position: z.string(),
  createdBy: uuid,
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Task = z.infer<typeof Task>;

export const CreateTaskBody = z
  .object({
    title,
    description: description.optional(),
    status: TaskStatus.optional(),
    priority: TaskPriority.optional(),
    dueAt: isoDateTime.nullable().optional(),
    assigneeId: uuid.nullable().optional(),
    labels: labels.optional(),
    reminders: reminders.optional(),
  })
  .strict();
export type CreateTaskBody = z.input<typeof CreateTaskBody>;

export const MoveTarget = z.object({ beforeId: uuid.optional(), afterId: uuid.optional() }).strict();

/** Every field of a new task may change, and a task may move between two others. */
export const UpdateTaskBody = CreateTaskBody.partial().extend({ position: MoveTarget.optional() }).strict();
export type UpdateTaskBody = z.input<typeof UpdateTaskBody>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item));

export const TaskFilters = z.object({
  status: csv(TaskStatus).optional(),
  assigneeId: z.union([uuid, z.literal('none')]).optional(),
  priority: csv(TaskPriority).optional(),
  label: text().max(30).optional(),
  q: text().max(200).optional(),
  dueBefore: isoDateTime.optional(),
  dueAfter: isoDateTime.optional(),
  limit: listLimit,
  cursor: z.string().max(200).optional(),
});
export type TaskFilters = z.infer<typeof TaskFilters>;

export const MyTaskFilters = TaskFilters.extend({ assignee: z.literal('me').optional() });

/** Comments and activity ------------------------------------------------------------------- */

export const COMMENT_MAX_LENGTH = 5000;

/** A person as lists show them: who wrote a comment, who changed a task. */
const personRef = z.object({ id: uuid, name: z.string() });

/**
 * Markdown as written: not trimmed (leading spaces can mean code), but never blank. Mentions are
 * `@[Name](userId)` tokens, `@email` or `@Full Name` of a project member (docs/comments-and-activity.md).
 */
const commentBody = text()
  .max(COMMENT_MAX_LENGTH, `must be at most ${COMMENT_MAX_LENGTH} characters`)
  .refine((v) => v.trim().length > 0, 'must not be empty');

export const CreateCommentBody = z.object({ body: commentBody }).strict();
export type CreateCommentBody = z.input<typeof CreateCommentBody>;

export const Comment = z.object({
  id: uuid,
  taskId: uuid,
  projectId: uuid,
  author: personRef,
  body: z.string(),
  createdAt: z.string(),
  /** The project members the body mentions, resolved when it was written. */
  mentions: z.array(uuid),
});
export type Comment = z.infer<typeof Comment>;

/** `{field: [old, new]}`: what a change did, as task events and activity entries carry it. */
export const FieldChanges = z.record(z.string(), z.tuple([z.unknown(), z.unknown()]));
export type FieldChanges = z.infer<typeof FieldChanges>;

/**
 * What happened to a task, and who did it (`actor`, null when no person did). `updated` carries every
 * changed field in `changes`; `commented` and `comment_deleted` carry `{comment: [null, id]}` and
 * `{comment: [id, null]}`; `created` carries none.
 */
export const ActivityType = z.enum(['created', 'updated', 'commented', 'comment_deleted']);
export type ActivityType = z.infer<typeof ActivityType>;

export const ActivityEntry = z.object({
  id: uuid,
  type: ActivityType,
  actor: personRef.nullable(),
  changes: FieldChanges,
  at: z.string(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

/** Notifications ---------------------------------------------------------------------------- */

export const Notification = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  projectId: uuid.nullable(),
  taskId: uuid.nullable(),
  actor: z.object({ id: uuid, name: z.string() }).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const UnreadCount = z.object({ count: z.number().int() });

/** Notification preferences ----------------------------------------------------------------- */

/**
 * What a person can switch on or off, per channel. `overdueDigest` is an email-only digest: the
 * in-app key exists so both channels have one shape (the settings page is a grid), and is ignored.
 */
export const NotificationKind = z.enum(['assigned', 'statusChanges', 'comments', 'reminders', 'overdueDigest']);
export type NotificationKind = z.infer<typeof NotificationKind>;
export const NOTIFICATION_KINDS: readonly NotificationKind[] = NotificationKind.options;

/** One boolean per kind, every kind required, nothing else: a PUT replaces the whole object. */
export const ChannelPreferences = z.strictObject(
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, z.boolean()])) as Record<NotificationKind, z.ZodBoolean>,
);
export type ChannelPreferences = z.infer<typeof ChannelPreferences>;

export const NotificationPreferences = z.strictObject({ email: ChannelPreferences, inApp: ChannelPreferences });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

const everyKind = (on: boolean) =>
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, on])) as ChannelPreferences;

/** Everything on: emails are batched, so the default is "tell me", and each kind can be turned off. */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  email: everyKind(true),
  inApp: everyKind(true),
};

/** Calendar feed ----------------------------------------------------------------------------- */

/** The caller's private iCalendar subscription address: GET creates it on first use, POST rotates it. */
export const CalendarFeed = z.object({ url: z.string() });
export type CalendarFeed = z.infer<typeof CalendarFeed>;

/** The most tasks one calendar feed lists: those due nearest to now. */
export const CALENDAR_FEED_MAX_TASKS = 1000;

/** Notification list ------------------------------------------------------------------------- */

/** GET /api/notifications: a page, newest first; `unread=true` lists only the unread ones. */
export const NotificationListQuery = cursorQuery.extend({ unread: z.stringbool().optional() });
