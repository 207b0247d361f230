import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from './database';
import { comments, users } from './schema';

export type CommentInsert = typeof comments.$inferInsert;
export interface CommentRow {
  id: string;
  taskId: string;
  projectId: string;
  authorId: string;
  /** '' when the directory does not know the author (yet). */
  authorName: string;
  body: string;
  mentions: string[];
  createdAt: Date;
}
/** The sort key of the last comment of a page: its creation time and id. */
export interface CommentKey {
  at: Date;
  id: string;
}

const authorName = (authorId: unknown) =>
  sql<string>`coalesce((SELECT u.name FROM ${users} u WHERE u.id = ${authorId}), '')`;

const commentColumns = {
  id: comments.id,
  taskId: comments.taskId,
  projectId: comments.projectId,
  authorId: comments.authorId,
  body: comments.body,
  mentions: comments.mentions,
  createdAt: comments.createdAt,
};

export async function insertComment(db: Executor, values: CommentInsert): Promise<CommentRow> {
  const [row] = await db
    .insert(comments)
    .values(values)
    // Spelled out: RETURNING's columns are unqualified, and the author is this row's.
    .returning({ ...commentColumns, authorName: authorName(sql`${comments}.author_id`) });
  return row!;
}

/** A page of a task's comments, oldest first, by keyset on the (task, created_at, id) index. */
export function listComments(
  db: Executor,
  taskId: string,
  after: CommentKey | undefined,
  limit: number,
): Promise<CommentRow[]> {
  const keyset = after
    ? sql`(${comments.createdAt}, ${comments.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
    : undefined;
  return db
    .select({ ...commentColumns, authorName: authorName(comments.authorId) })
    .from(comments)
    .where(and(eq(comments.taskId, taskId), keyset))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(limit);
}

export async function findComment(
  db: Executor,
  commentId: string,
): Promise<Pick<CommentRow, 'id' | 'taskId' | 'projectId' | 'authorId'> | undefined> {
  const [row] = await db
    .select({ id: comments.id, taskId: comments.taskId, projectId: comments.projectId, authorId: comments.authorId })
    .from(comments)
    .where(eq(comments.id, commentId))
    .limit(1);
  return row;
}

/** Deletes a comment; false when it was already gone (a concurrent deletion). */
export async function deleteComment(db: Executor, commentId: string): Promise<boolean> {
  const deleted = await db.delete(comments).where(eq(comments.id, commentId)).returning({ id: comments.id });
  return deleted.length > 0;
}
