import { listOf, Task } from '@taskflow/contracts/api';
import type { z } from 'zod';
import { apiRequest, type RequestOptions } from '@/lib/api-client';

const TaskPage = listOf(Task);
type TaskPage = z.infer<typeof TaskPage>;

const PAGE_SIZE = 100;

/** Every page of a task list endpoint, following `nextCursor` to the end. */
export async function getAllTaskPages(
  path: string,
  query: NonNullable<RequestOptions['query']>,
  signal?: AbortSignal,
): Promise<Task[]> {
  const tasks: Task[] = [];
  let cursor: string | null = null;
  do {
    const page: TaskPage = await apiRequest(path, {
      query: { ...query, limit: PAGE_SIZE, cursor },
      signal,
      schema: TaskPage,
    });
    tasks.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return tasks;
}
