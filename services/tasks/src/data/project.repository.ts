import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { ProjectRole } from '@taskflow/contracts/api';
import type { Executor, TasksDb } from './database';
import { projectMembers, projects, tasks, users } from './schema';

export type ProjectRow = typeof projects.$inferSelect;
export type MemberRow = typeof projectMembers.$inferSelect;
export interface ProjectView extends Omit<ProjectRow, 'boardVersion'> {
  role: ProjectRole;
  memberCount: number;
}
export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: ProjectRole;
  joinedAt: Date;
}

const memberCount = sql<number>`(SELECT count(*)::int FROM ${projectMembers} pm WHERE pm.project_id = ${projects.id})`;

const projectViewColumns = {
  id: projects.id,
  name: projects.name,
  description: projects.description,
  ownerId: projects.ownerId,
  personal: projects.personal,
  createdAt: projects.createdAt,
  updatedAt: projects.updatedAt,
  role: projectMembers.role,
  memberCount,
};

/** The caller's projects: their personal one first, then by name. */
export function listProjectsOf(db: Executor, userId: string): Promise<ProjectView[]> {
  return db
    .select(projectViewColumns)
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(eq(projectMembers.userId, userId))
    .orderBy(desc(projects.personal), asc(projects.name), asc(projects.id));
}

/** The project as `userId` sees it, or undefined when it does not exist or they are not a member. */
export async function findProjectFor(
  db: Executor,
  projectId: string,
  userId: string,
): Promise<ProjectView | undefined> {
  const [row] = await db
    .select(projectViewColumns)
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .limit(1);
  return row;
}

export async function findProject(db: Executor, projectId: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(eq(projects.id, projectId)).limit(1);
  return row;
}

export async function insertProject(db: Executor, values: typeof projects.$inferInsert): Promise<ProjectRow> {
  const [row] = await db.insert(projects).values(values).returning();
  return row!;
}

/** Creates the owner's personal project unless they already have one (the partial unique index). */
export async function insertPersonalProject(
  db: Executor,
  ownerId: string,
  name: string,
): Promise<ProjectRow | undefined> {
  const [row] = await db
    .insert(projects)
    .values({ name, ownerId, personal: true })
    .onConflictDoNothing({ target: projects.ownerId, where: sql`${projects.personal}` })
    .returning();
  return row;
}

export async function updateProject(
  db: Executor,
  projectId: string,
  patch: { name?: string; description?: string },
): Promise<ProjectRow> {
  const [row] = await db
    .update(projects)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(projects.id, projectId))
    .returning();
  return row!;
}

export async function deleteProject(db: Executor, projectId: string): Promise<void> {
  // Its tasks first, before the project row is locked: a task change committing meanwhile moves the
  // project's board version (a trigger at its commit) and so waits for that row. Holding the row
  // while waiting for the task's lock would be a deadlock.
  await db.delete(tasks).where(eq(tasks.projectId, projectId));
  await db.delete(projects).where(eq(projects.id, projectId));
}

/** Adds a member and returns the membership as stored; undefined when they already are one. */
export async function insertMember(
  db: Executor,
  projectId: string,
  userId: string,
  role: ProjectRole,
): Promise<MemberRow | undefined> {
  const [row] = await db.insert(projectMembers).values({ projectId, userId, role }).onConflictDoNothing().returning();
  return row;
}

export async function findMemberRole(
  db: Executor,
  projectId: string,
  userId: string,
): Promise<ProjectRole | undefined> {
  const [row] = await db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .limit(1);
  return row?.role;
}

const memberColumns = {
  userId: projectMembers.userId,
  name: sql<string>`coalesce(${users.name}, '')`,
  email: sql<string>`coalesce(${users.email}, '')`,
  role: projectMembers.role,
  joinedAt: projectMembers.joinedAt,
};

export function listMembers(db: Executor, projectId: string): Promise<MemberView[]> {
  return db
    .select(memberColumns)
    .from(projectMembers)
    .leftJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(projectMembers.joinedAt), asc(projectMembers.userId));
}

export async function findMember(db: Executor, projectId: string, userId: string): Promise<MemberView | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(projectMembers)
    .leftJoin(users, eq(users.id, projectMembers.userId))
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .limit(1);
  return row;
}

export async function deleteMember(db: Executor, projectId: string, userId: string): Promise<void> {
  await db
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
}

export async function updateMemberRole(
  db: Executor,
  projectId: string,
  userId: string,
  role: ProjectRole,
): Promise<void> {
  await db
    .update(projectMembers)
    .set({ role })
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
}

/** Serialises position changes within one project for the rest of the transaction, so two cards never get one key. */
export async function lockProjectOrdering(db: Executor, projectId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${projectId}, 0))`);
}

/**
 * The project's board version (see `projects.board_version`) if `userId` is a member; undefined when
 * they are not or there is no such project. One primary-key join, prepared once per connection: it
 * is asked on every board page read, before the cache of pages is.
 */
export async function findBoardVersion(db: TasksDb, projectId: string, userId: string): Promise<string | undefined> {
  const { rows } = await db.$client.query<{ version: string }>({
    name: 'tasks_board_version',
    text: `SELECT p.board_version::text AS version FROM projects p
             JOIN project_members m ON m.project_id = p.id AND m.user_id = $2
            WHERE p.id = $1`,
    values: [projectId, userId],
  });
  return rows[0]?.version;
}
