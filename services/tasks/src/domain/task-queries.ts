import { z } from 'zod';
import type { Task, TaskFilters } from '@taskflow/contracts/api';
import type { Executor } from '../data/database';
import { listAcrossProjects, listBoard, type TaskFilter, type TaskRow } from '../data/tasks.repository';
import { requireMember } from './access';
import { decodeCursor, encodeCursor } from './cursor';
import { toTask } from './views';

export interface TaskPage {
  items: Task[];
  nextCursor: string | null;
}

const boardCursor = z.object({
  s: z.enum(['todo', 'in_progress', 'done']),
  p: z.string().min(1).max(100),
  i: z.uuid(),
});
const dueCursor = z.object({ d: z.iso.datetime().nullable(), c: z.iso.datetime(), i: z.uuid() });

function toFilter(f: TaskFilters): TaskFilter {
  return {
    status: f.status,
    priority: f.priority,
    assigneeId: f.assigneeId === 'none' ? undefined : f.assigneeId,
    unassigned: f.assigneeId === 'none',
    label: f.label,
    q: f.q,
    dueBefore: f.dueBefore ? new Date(f.dueBefore) : undefined,
    dueAfter: f.dueAfter ? new Date(f.dueAfter) : undefined,
  };
}

/** Reads one more row than asked to know whether another page follows. */
function pageOf(rows: TaskRow[], limit: number, keyOf: (last: TaskRow) => unknown): TaskPage {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(toTask), nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

export type TaskQueries = ReturnType<typeof createTaskQueries>;

export function createTaskQueries({ db }: { db: Executor }) {
  return {
    /** A board page: two indexed queries (membership, then the keyset range). */
    async listProjectTasks(userId: string, projectId: string, filters: TaskFilters): Promise<TaskPage> {
      await requireMember(db, projectId, userId);
      const cursor = decodeCursor(boardCursor, filters.cursor);
      const after = cursor ? { status: cursor.s, position: cursor.p, id: cursor.i } : undefined;
      const rows = await listBoard(db, projectId, toFilter(filters), after, filters.limit + 1);
      return pageOf(rows, filters.limit, (t) => ({ s: t.status, p: t.position, i: t.id }));
    },

    /** Tasks across the caller's projects (only theirs with `assignee=me`), soonest due first. */
    async listMyTasks(userId: string, filters: TaskFilters & { assignee?: 'me' }): Promise<TaskPage> {
      const cursor = decodeCursor(dueCursor, filters.cursor);
      const after = cursor
        ? { dueAt: cursor.d ? new Date(cursor.d) : null, createdAt: new Date(cursor.c), id: cursor.i }
        : undefined;
      const filter = toFilter(filters);
      if (filters.assignee === 'me') Object.assign(filter, { assigneeId: userId, unassigned: false });
      const rows = await listAcrossProjects(db, userId, filter, after, filters.limit + 1);
      return pageOf(rows, filters.limit, (t) => ({
        d: t.dueAt?.toISOString() ?? null,
        c: t.createdAt.toISOString(),
        i: t.id,
      }));
    },
  };
}
