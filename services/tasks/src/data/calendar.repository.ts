import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { TaskStatus } from '@taskflow/contracts/api';
import type { Executor } from './database';
import { calendarFeeds, projects, tasks, users } from './schema';

export interface FeedRow {
  userId: string;
  nonce: string;
  tokenHash: string;
}
export interface CalendarTaskRow {
  id: string;
  projectId: string;
  projectName: string;
  title: string;
  description: string;
  status: TaskStatus;
  dueAt: Date;
  reminders: number[];
  updatedAt: Date;
  version: number;
}

const feedColumns = { userId: calendarFeeds.userId, nonce: calendarFeeds.nonce, tokenHash: calendarFeeds.tokenHash };

export async function findFeed(db: Executor, userId: string): Promise<FeedRow | undefined> {
  const [row] = await db.select(feedColumns).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return row;
}

/** Creates the user's feed unless one exists (two first requests racing keep the first). */
export async function insertFeed(db: Executor, feed: FeedRow): Promise<void> {
  await db.insert(calendarFeeds).values(feed).onConflictDoNothing({ target: calendarFeeds.userId });
}

/** Creates or replaces the user's feed (rotation). */
export async function saveFeed(db: Executor, feed: FeedRow): Promise<void> {
  await db
    .insert(calendarFeeds)
    .values(feed)
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { nonce: feed.nonce, tokenHash: feed.tokenHash } });
}

export async function findFeedByTokenHash(db: Executor, tokenHash: string): Promise<FeedRow | undefined> {
  const [row] = await db.select(feedColumns).from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash));
  return row;
}

export async function findUserName(db: Executor, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name;
}

/** The user's assigned tasks with a due date, the `limit` due nearest to `now` (before or after), by due time. */
export async function findCalendarTasks(
  db: Executor,
  userId: string,
  now: Date,
  limit: number,
): Promise<CalendarTaskRow[]> {
  const at = now.toISOString();
  const rows = await db
    .select({
      id: tasks.id,
      projectId: tasks.projectId,
      projectName: projects.name,
      title: tasks.title,
      description: tasks.description,
      status: tasks.status,
      dueAt: tasks.dueAt,
      reminders: tasks.reminders,
      updatedAt: tasks.updatedAt,
      version: tasks.version,
    })
    .from(tasks)
    .innerJoin(projects, eq(projects.id, tasks.projectId))
    .where(and(eq(tasks.assigneeId, userId), isNotNull(tasks.dueAt)))
    .orderBy(sql`abs(extract(epoch FROM ${tasks.dueAt} - ${at}::timestamptz))`, tasks.id)
    .limit(limit);
  return rows
    .flatMap((r) => (r.dueAt ? [{ ...r, dueAt: r.dueAt }] : []))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
