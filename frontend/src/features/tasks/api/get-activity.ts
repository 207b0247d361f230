import { useInfiniteQuery } from '@tanstack/react-query';
import { ActivityEntry } from '@taskflow/contracts/api';
import { taskPagesQueryOptions } from './task-pages';

/** What happened to a task, newest first, a page at a time. */
export const activityQueryOptions = (taskId: string) => taskPagesQueryOptions('activity', taskId, ActivityEntry);

export function useActivity(taskId: string) {
  return useInfiniteQuery(activityQueryOptions(taskId));
}
