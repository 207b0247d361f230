import type { ProjectRole } from '@taskflow/contracts/api';
import { outboxInsertFromJson } from '@taskflow/service-kit/outbox';
import type { TasksDb } from './database';
import type { FoundTask, TaskRow } from './task.repository';

/**
 * The update of a task's own fields (title, description, priority, labels, assignee) as two
 * hand-written named statements, without a transaction around them: the task read with the caller's
 * and the new assignee's roles, then one statement that applies the change at the version read and
 * writes its activity entry and outbox rows. PostgreSQL runs a statement on its own as a transaction,
 * so the change, its history and its events still commit together; BEGIN and COMMIT were two round
 * trips of an assignment's five, and building each statement with drizzle cost more CPU than pg and
 * Express together. Named statements are parsed once per connection.
 *
 * Columns are read as `TaskRow` names them; pg's own parsers give the same values as drizzle's
 * mapping (timestamps as Date, arrays as arrays, enums as text).
 */
const taskRowColumns = `tasks.id, tasks.project_id AS "projectId", tasks.title, tasks.description, tasks.status,
  tasks.priority, tasks.due_at AS "dueAt", tasks.assignee_id AS "assigneeId", tasks.labels, tasks.reminders,
  tasks.position, tasks.created_by AS "createdBy", tasks.created_at AS "createdAt",
  tasks.updated_at AS "updatedAt", tasks.completed_at AS "completedAt", tasks.version,
  (SELECT u.name FROM users u WHERE u.id = tasks.assignee_id) AS "assigneeName"`;

const roleIn = (userParam: string) =>
  `(SELECT m.role FROM project_members m WHERE m.project_id = tasks.project_id AND m.user_id = ${userParam})`;

const findText = `SELECT ${taskRowColumns}, ${roleIn('$2::uuid')} AS "callerRole", ${roleIn('$3::uuid')} AS "otherRole"
  FROM tasks WHERE tasks.id = $1`;

/**
 * $1 task, $2 the version read, $3–$7 the fields, $8 completed_at, $9 the time of the change, $10 the
 * caller, $11 the activity entry's changes, $12 the events. Applied only at the version read, while
 * the caller is a member and the assignee, if it changes, is one too; otherwise nothing at all is
 * written (no row comes back) and the caller reads again.
 */
const updateText = `WITH updated AS (
  UPDATE tasks SET title = $3, description = $4, priority = $5, labels = $6, assignee_id = $7,
         completed_at = $8, updated_at = $9, version = tasks.version + 1
   WHERE tasks.id = $1 AND tasks.version = $2
     AND ${roleIn('$10::uuid')} IS NOT NULL
     AND ($7::uuid IS NULL OR $7::uuid IS NOT DISTINCT FROM tasks.assignee_id OR ${roleIn('$7::uuid')} IS NOT NULL)
  RETURNING ${taskRowColumns}
), activity AS (
  INSERT INTO task_activity (task_id, actor_id, type, changes, at)
  SELECT updated.id, $10::uuid, 'updated', $11::jsonb, $9 FROM updated
), events AS (
  ${outboxInsertFromJson('$12', 'updated')}
)
SELECT * FROM updated`;

/** The task, the caller's role and `otherId`'s (the assignee a body asks for) in one round trip. */
export async function findTaskToUpdate(
  db: TasksDb,
  taskId: string,
  userId: string,
  otherId: string | undefined,
): Promise<FoundTask | undefined> {
  type Role = ProjectRole | null;
  const { rows } = await db.$client.query<TaskRow & { callerRole: Role; otherRole: Role }>({
    name: 'tasks_find_to_update',
    text: findText,
    values: [taskId, userId, otherId ?? null],
  });
  const row = rows[0];
  if (!row) return undefined;
  const { callerRole, otherRole, ...task } = row;
  return { task, callerRole: callerRole ?? undefined, otherRole: otherRole ?? undefined };
}

/** The fields the statement writes; every other column stays as it was at `version`. */
export type TaskFields = Pick<
  TaskRow,
  'title' | 'description' | 'priority' | 'labels' | 'assigneeId' | 'completedAt' | 'updatedAt'
>;

/**
 * Writes `fields` at `version` with the activity entry and the outbox rows (`outboxJson`) in one
 * statement; the task as written, or undefined when nothing was (see updateText).
 */
export async function updateTaskFields(
  db: TasksDb,
  change: { taskId: string; version: number; actorId: string; fields: TaskFields; changes: object; outboxJson: string },
): Promise<TaskRow | undefined> {
  const { fields: f } = change;
  const { rows } = await db.$client.query<TaskRow>({
    name: 'tasks_update_fields',
    text: updateText,
    values: [
      change.taskId,
      change.version,
      f.title,
      f.description,
      f.priority,
      f.labels,
      f.assigneeId,
      f.completedAt,
      f.updatedAt,
      change.actorId,
      JSON.stringify(change.changes),
      change.outboxJson,
    ],
  });
  return rows[0];
}
