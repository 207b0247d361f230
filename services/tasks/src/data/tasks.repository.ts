import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from './database';
import { projectMembers, tasks, users } from './schema';

type TaskTable = typeof tasks.$inferSelect;
export type TaskStatus = TaskTable['status'];
export type TaskPriority = TaskTable['priority'];
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

const taskColumns = {
  id: tasks.id,
  projectId: tasks.projectId,
  title: tasks.title,
  description: tasks.description,
  status: tasks.status,
  priority: tasks.priority,
  dueAt: tasks.dueAt,
  assigneeId: tasks.assigneeId,
  labels: tasks.labels,
  reminders: tasks.reminders,
  position: tasks.position,
  createdBy: tasks.createdBy,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
  completedAt: tasks.completedAt,
  version: tasks.version,
  assigneeName: users.name,
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterConditions(f: TaskFilter): SQL[] {
  const conditions: (SQL | undefined)[] = [
    f.status?.length ? inArray(tasks.status, f.status) : undefined,
    f.priority?.length ? inArray(tasks.priority, f.priority) : undefined,
    f.unassigned ? isNull(tasks.assigneeId) : undefined,
    f.assigneeId ? eq(tasks.assigneeId, f.assigneeId) : undefined,
    f.label ? sql`${tasks.labels} @> ARRAY[${f.label}]::text[]` : undefined,
    f.q ? sql`${tasks.title} ILIKE ${`%${escapeLike(f.q)}%`}` : undefined,
    f.dueBefore ? lt(tasks.dueAt, f.dueBefore) : undefined,
    f.dueAfter ? gt(tasks.dueAt, f.dueAfter) : undefined,
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

export async function findTask(db: Executor, taskId: string): Promise<TaskRow | undefined> {
  const [row] = await db
    .select(taskColumns)
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(eq(tasks.id, taskId))
    .limit(1);
  return row;
}

/** One page of a board, in column order, by keyset on the (project, status, position, id) index. */
export function listBoard(
  db: Executor,
  projectId: string,
  filter: TaskFilter,
  after: BoardKey | undefined,
  limit: number,
): Promise<TaskRow[]> {
  const keyset = after
    ? sql`(${tasks.status}, ${tasks.position}, ${tasks.id}) > (${after.status}::task_status, ${after.position}, ${after.id}::uuid)`
    : undefined;
  return db
    .select(taskColumns)
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(eq(tasks.projectId, projectId), keyset, ...filterConditions(filter)))
    .orderBy(asc(tasks.status), asc(tasks.position), asc(tasks.id))
    .limit(limit);
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

export async function insertTask(db: Executor, values: TaskInsert): Promise<string> {
  const [row] = await db.insert(tasks).values(values).returning({ id: tasks.id });
  return row!.id;
}

/** Applies a change only if the task is still at `expectedVersion`; false when someone got there first. */
export async function updateTaskAtVersion(
  db: Executor,
  taskId: string,
  expectedVersion: number,
  patch: TaskPatch,
): Promise<boolean> {
  const rows = await db
    .update(tasks)
    .set({ ...patch, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.id, taskId), eq(tasks.version, expectedVersion)))
    .returning({ id: tasks.id });
  return rows.length > 0;
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
