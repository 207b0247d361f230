import { useInfiniteQuery } from '@tanstack/react-query';
import { Comment } from '@taskflow/contracts/api';
import { taskPagesQueryOptions } from './task-pages';

/** A task's comments, oldest first, a page at a time. */
export const commentsQueryOptions = (taskId: string) => taskPagesQueryOptions('comments', taskId, Comment);

export function useComments(taskId: string) {
  return useInfiniteQuery(commentsQueryOptions(taskId));
}
