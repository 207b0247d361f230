import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { ProjectRole, TaskPriority, TaskStatus } from '@taskflow/contracts/api';
import type { Executor } from './database';
import { projectMembers, tasks, users } from './schema';

type TaskTable = typeof tasks.$inferSelect;
export interface TaskRow extends TaskTable {
  assigneeName: string | null;
}
export type TaskInsert = typeof tasks.$inferInsert;
export type TaskPatch = Partial<Omit<TaskTable, 'id' | 'projectId' | 'createdBy' | 'createdAt' | 'version'>>;

export interface TaskFilter {
  status?: TaskStatus[];
  assigneeId?: string;
  unassigned?: boolean;
  priority?: TaskPriority[];
  label?: string;
  q?: string;
  dueBefore?: Date;
  dueAfter?: Date;
}
/** The sort key of the last row of a board page. */
export interface BoardKey {
  status: TaskStatus;
  position: string;
  id: string;
}
/** The sort key of the last row of a cross-project page (due date, nulls last, then creation). */
export interface DueKey {
  dueAt: Date | null;
  createdAt: Date;
  id: string;
}

/** A task joined with its assignee (`LEFT JOIN users`). */
const taskColumns = { ...getTableColumns(tasks), assigneeName: users.name };

/**
 * What an INSERT or UPDATE returns: the row as written, its assignee's name looked up in the same
 * statement, so a write never reads back what it has just written.
 */
const writtenTaskColumns = {
  ...getTableColumns(tasks),
  // Spelled out: drizzle leaves RETURNING's columns unqualified, which would blur the two tables.
  assigneeName: sql<string | null>`(SELECT u.name FROM ${users} u WHERE u.id = ${tasks}.assignee_id)`,
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `q` as a case-insensitive substring of the title or the description, written so the trigram GIN
 * index of each column serves it (a BitmapOr of the two); `%`, `_` and `\` in `q` match themselves.
 */
function textSearch(q: string): SQL {
  const pattern = `%${escapeLike(q)}%`;
  return sql`(${tasks.title} ILIKE ${pattern} OR ${tasks.description} ILIKE ${pattern})`;
}

export function filterConditions(f: TaskFilter): SQL[] {
  const conditions: (SQL | undefined)[] = [
    f.status?.length ? inArray(tasks.status, f.status) : undefined,
    f.priority?.length ? inArray(tasks.priority, f.priority) : undefined,
    f.unassigned ? isNull(tasks.assigneeId) : undefined,
    f.assigneeId ? eq(tasks.assigneeId, f.assigneeId) : undefined,
    f.label ? sql`${tasks.labels} @> ARRAY[${f.label}]::text[]` : undefined,
    f.q ? textSearch(f.q) : undefined,
    f.dueBefore ? lt(tasks.dueAt, f.dueBefore) : undefined,
    f.dueAfter ? gt(tasks.dueAt, f.dueAfter) : undefined,
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

/**
 * The task, or undefined. `keyShare` locks its row until the transaction ends as a foreign key to
 * it does, so a concurrent deletion waits for rows that point at the task (or deletes first, and
 * the task is not found) instead of breaking them.
 */
export async function findTask(
  db: Executor,
  taskId: string,
  opts: { keyShare?: boolean } = {},
): Promise<TaskRow | undefined> {
  return (await findTaskFor(db, taskId, null, opts))?.task;
}

/** A task with the caller's role in its project and, when asked for, another user's. */
export interface FoundTask {
  task: TaskRow;
  callerRole: ProjectRole | undefined;
  otherRole?: ProjectRole | undefined;
}

/**
 * The task and the caller's role in its project (undefined when not a member) in one round trip:
 * every task route checks membership right after reading the task. `roleOf`: another user's role
 * in the same project, read in the same statement (an update that assigns someone).
 */
export async function findTaskFor(
  db: Executor,
  taskId: string,
  userId: string | null,
  { keyShare = false, roleOf }: { keyShare?: boolean; roleOf?: string } = {},
): Promise<FoundTask | undefined> {
  const roleIn = (memberId: string | null) => sql<ProjectRole | null>`(SELECT m.role FROM ${projectMembers} m
    WHERE m.project_id = ${tasks.projectId} AND m.user_id = ${memberId})`;
  const query = db
    .select({
      ...taskColumns,
      callerRole: roleIn(userId),
      otherRole: roleOf ? roleIn(roleOf) : sql<ProjectRole | null>`NULL`,
    })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(eq(tasks.id, taskId))
    .limit(1)
    .$dynamic();
  const [row] = await (keyShare ? query.for('key share', { of: tasks }) : query);
  if (!row) return undefined;
  const { callerRole, otherRole, ...task } = row;
  return { task, callerRole: callerRole ?? undefined, otherRole: otherRole ?? undefined };
}

/** One page of tasks across every project `userId` is a member of, soonest due first. */
export function listAcrossProjects(
  db: Executor,
  userId: string,
  filter: TaskFilter,
  after: DueKey | undefined,
  limit: number,
): Promise<TaskRow[]> {
  let keyset: SQL | undefined;
  if (after) {
    const laterCreated = sql`(${tasks.createdAt}, ${tasks.id}) > (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`;
    keyset = after.dueAt
      ? or(gt(tasks.dueAt, after.dueAt), and(eq(tasks.dueAt, after.dueAt), laterCreated), isNull(tasks.dueAt))
      : and(isNull(tasks.dueAt), laterCreated);
  }
  return db
    .select(taskColumns)
    .from(tasks)
    .innerJoin(projectMembers, and(eq(projectMembers.projectId, tasks.projectId), eq(projectMembers.userId, userId)))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(keyset, ...filterConditions(filter)))
    .orderBy(sql`${tasks.dueAt} ASC NULLS LAST`, asc(tasks.createdAt), asc(tasks.id))
    .limit(limit);
}

/** The highest position in a column (optionally ignoring one task), or null for an empty column. */
export async function lastPosition(
  db: Executor,
  projectId: string,
  status: TaskStatus,
  exceptId?: string,
): Promise<string | null> {
  const [row] = await db
    .select({ position: tasks.position })
    .from(tasks)
    .where(and(eq(tasks.projectId, projectId), eq(tasks.status, status), exceptId ? ne(tasks.id, exceptId) : undefined))
    .orderBy(desc(tasks.position))
    .limit(1);
  return row?.position ?? null;
}

/** The position of the card right after (or before) `position` in a column, ignoring one task. */
export async function adjacentPosition(
  db: Executor,
  where: { projectId: string; status: TaskStatus; position: string; exceptId: string },
  direction: 'after' | 'before',
): Promise<string | null> {
  const [row] = await db
    .select({ position: tasks.position })
    .from(tasks)
    .where(
      and(
        eq(tasks.projectId, where.projectId),
        eq(tasks.status, where.status),
        ne(tasks.id, where.exceptId),
        direction === 'after' ? gt(tasks.position, where.position) : lt(tasks.position, where.position),
      ),
    )
    .orderBy(direction === 'after' ? asc(tasks.position) : desc(tasks.position))
    .limit(1);
  return row?.position ?? null;
}

export async function insertTask(db: Executor, values: TaskInsert): Promise<TaskRow> {
  const [row] = await db.insert(tasks).values(values).returning(writtenTaskColumns);
  return row!;
}

/**
 * Applies a change only if the task is still at `expectedVersion` and returns the task as changed;
 * undefined when someone got there first.
 */
export async function updateTaskAtVersion(
  db: Executor,
  taskId: string,
  expectedVersion: number,
  patch: TaskPatch,
): Promise<TaskRow | undefined> {
  const [row] = await db
    .update(tasks)
    .set({ ...patch, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.id, taskId), eq(tasks.version, expectedVersion)))
    .returning(writtenTaskColumns);
  return row;
}

export async function deleteTask(db: Executor, taskId: string): Promise<void> {
  await db.delete(tasks).where(eq(tasks.id, taskId));
}

/** Unassigns every task of `userId` in a project (they left it); returns the changed tasks. */
export function unassignUserTasks(db: Executor, projectId: string, userId: string, now: Date): Promise<TaskTable[]> {
  return db
    .update(tasks)
    .set({ assigneeId: null, updatedAt: now, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.projectId, projectId), eq(tasks.assigneeId, userId)))
    .returning();
}
