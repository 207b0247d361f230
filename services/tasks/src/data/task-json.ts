/**
 * A task's JSON written by PostgreSQL: the SQL text that the board page (its items) and the
 * `task.reminder_due` event (its `data.task`) both put together from a `tasks` row, so that the
 * task's JSON shape is spelled once in SQL.
 *
 * It is exactly what `JSON.stringify(toTaskSnapshot(row))` writes for the same row: the same keys in
 * the same order (the contract's `TaskSnapshot`), no whitespace, strings escaped by `to_json` (the
 * same escapes as JSON.stringify for text PostgreSQL can store), timestamps as `Date#toISOString()`
 * writes them (stored with millisecond precision), nulls as null. Column references are spelled
 * `tasks.` (drizzle names the columns `"tasks"."…"`), so the row must be read as `tasks`.
 */
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO_UTC})`;
const quoted = (text: string) => `'"' || ${text} || '"'`;
const nullable = (json: string) => `coalesce(${json}, 'null')`;

/** The snapshot's object without its closing brace, for a shape that adds keys after them (the board's `assignee`). */
export const taskSnapshotMembersJson = `'{"id":"' || tasks.id
  || '","projectId":"' || tasks.project_id
  || '","title":' || to_json(tasks.title)::text
  || ',"description":' || to_json(tasks.description)::text
  || ',"status":"' || tasks.status
  || '","priority":"' || tasks.priority
  || '","dueAt":' || ${nullable(quoted(isoText('tasks.due_at')))}
  || ',"assigneeId":' || ${nullable(quoted('tasks.assignee_id'))}
  || ',"labels":' || array_to_json(tasks.labels)::text
  || ',"reminders":' || array_to_json(tasks.reminders)::text
  || ',"position":' || to_json(tasks.position)::text
  || ',"createdBy":"' || tasks.created_by
  || '","createdAt":"' || ${isoText('tasks.created_at')}
  || '","updatedAt":"' || ${isoText('tasks.updated_at')}
  || '","completedAt":' || ${nullable(quoted(isoText('tasks.completed_at')))}
  || ',"version":' || tasks.version`;

/** The whole snapshot (`toTaskSnapshot`) as JSON text. */
export const taskSnapshotJson = `${taskSnapshotMembersJson} || '}'`;
