import { Task } from '@taskflow/contracts/api';
import { z } from 'zod';
import { apiRequest, type RequestOptions } from '@/lib/api-client';
import { UnexpectedResponseError } from '@/lib/api-error';

/** A page as it arrives: its cursor read at once, its tasks checked while the next page is on its way. */
const PageOfUnchecked = z.object({ items: z.array(z.unknown()), nextCursor: z.string().nullable() });
const Tasks = z.array(Task);

const PAGE_SIZE = 100;

/**
 * Every page of a task list endpoint, following `nextCursor` to the end. The next page is asked for
 * before this one's tasks are checked against the schema, so a long list (a board's column is seven
 * pages at 2 000 cards) waits for one round trip per page, not one round trip plus the checking.
 */
export async function getAllTaskPages(
  path: string,
  query: NonNullable<RequestOptions['query']>,
  signal?: AbortSignal,
): Promise<Task[]> {
  const fetchPage = (cursor: string | null) => {
    const page = apiRequest(path, { query: { ...query, limit: PAGE_SIZE, cursor }, signal, schema: PageOfUnchecked });
    // If this list fails first, the page already asked for must not end as an unhandled rejection.
    page.catch(() => undefined);
    return page;
  };
  const tasks: Task[] = [];
  let pending: ReturnType<typeof fetchPage> | null = fetchPage(null);
  while (pending) {
    const page: z.infer<typeof PageOfUnchecked> = await pending;
    pending = page.nextCursor ? fetchPage(page.nextCursor) : null;
    const checked = Tasks.safeParse(page.items);
    if (!checked.success) throw new UnexpectedResponseError(`GET ${path}`, 200, checked.error);
    tasks.push(...checked.data);
  }
  return tasks;
}
