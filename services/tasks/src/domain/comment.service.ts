import { MANAGER_ROLES, type Comment } from '@taskflow/contracts/api';
import { notFound } from '@taskflow/service-kit/errors';
import * as repo from '../data/comment.repository';
import type { Executor, WithTransaction } from '../data/database';
import { listMembers } from '../data/project.repository';
import { requireMember, requireRole, requireTask } from './access';
import { recordCommentActivity } from './activity.service';
import { timeOrderedPage, type Page, type TimeKey } from './cursor';
import { excerptOf, findMentions } from './mention.rules';
import { toComment } from './views';

export interface CommentsDeps {
  db: Executor;
  withTransaction: WithTransaction;
  now?: () => Date;
}

export type CommentsService = ReturnType<typeof createCommentsService>;

/**
 * Comments on tasks. Whoever may see a task may read and write its comments; a comment is deleted
 * by its author or by a project owner or admin. Everyone else in the project gets 403, anyone
 * outside it 404 (they learn nothing, not even that the comment exists).
 */
export function createCommentsService({ db, withTransaction, now = () => new Date() }: CommentsDeps) {
  return {
    /** A page of the task's comments, oldest first. */
    async listComments(
      userId: string,
      taskId: string,
      query: { limit: number; cursor?: string },
    ): Promise<Page<Comment>> {
      await requireTask(db, userId, taskId);
      const read = (after: TimeKey | undefined, limit: number) => repo.listComments(db, taskId, after, limit);
      return timeOrderedPage(query, read, toComment, (comment) => comment.createdAt);
    },

    /**
     * Writes a comment with its mentions resolved against the project's current members, its
     * activity entry, and `task.commented` carrying everyone who may be told, in one transaction.
     */
    createComment(userId: string, taskId: string, body: string): Promise<Comment> {
      return withTransaction(async ({ db: tx, emit }) => {
        const task = await requireTask(tx, userId, taskId, { keyShare: true });
        const members = body.includes('@') ? await listMembers(tx, task.projectId) : [];
        const mentions = findMentions(body, members);
        const at = now();
        const comment = await repo.insertComment(tx, {
          taskId,
          projectId: task.projectId,
          authorId: userId,
          body,
          mentions,
          createdAt: at,
        });
        await recordCommentActivity(tx, { taskId, commentId: comment.id, actorId: userId, at, deleted: false });
        emit(
          'task.commented',
          {
            taskId,
            projectId: task.projectId,
            commentId: comment.id,
            authorId: userId,
            excerpt: excerptOf(body),
            taskTitle: task.title,
            assigneeId: task.assigneeId,
            createdBy: task.createdBy,
            mentionedIds: mentions,
            taskVersion: task.version,
          },
          userId,
        );
        return toComment(comment);
      });
    },

    /** Deletes a comment, records it in the activity and emits `task.comment_deleted`, in one transaction. */
    deleteComment(userId: string, commentId: string): Promise<void> {
      return withTransaction(async ({ db: tx, emit }) => {
        const comment = await repo.findComment(tx, commentId);
        if (!comment) throw notFound('Comment');
        const role = await requireMember(tx, comment.projectId, userId, 'Comment');
        if (comment.authorId !== userId) requireRole({ role }, MANAGER_ROLES, 'delete the comments of others');
        // The task first: a deletion of the task running at the same time then waits, or has won.
        const task = await requireTask(tx, userId, comment.taskId, { keyShare: true });
        if (!(await repo.deleteComment(tx, commentId))) throw notFound('Comment');
        await recordCommentActivity(tx, {
          taskId: comment.taskId,
          commentId,
          actorId: userId,
          at: now(),
          deleted: true,
        });
        emit(
          'task.comment_deleted',
          {
            taskId: comment.taskId,
            projectId: comment.projectId,
            commentId,
            authorId: comment.authorId,
            taskVersion: task.version,
          },
          userId,
        );
      });
    },
  };
}
