import { z } from 'zod';
import { TaskStatus, type Task, type TaskFilters } from '@taskflow/contracts/api';
import type { TasksDb } from '../data/database';
import { listBoardJson } from '../data/board-json';
import { listAcrossProjects, type TaskFilter } from '../data/task.repository';
import { requireMember } from './access';
import { decodeCursor, encodeCursor, pageOf, type Page } from './cursor';
import { toTask } from './views';

export type TaskPage = Page<Task>;

const boardCursor = z.object({
  s: TaskStatus,
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

export type TaskQueries = ReturnType<typeof createTaskQueries>;

export function createTaskQueries({ db }: { db: TasksDb }) {
  return {
    /**
     * A board page as the JSON text of a `TaskPage`, written by PostgreSQL (see listBoardJson): one
     * indexed query, the keyset range with the membership check folded in. Only when it finds
     * nothing does a second one tell an empty board (200) from no access (404).
     */
    async listProjectTasksJson(userId: string, projectId: string, filters: TaskFilters): Promise<string> {
      let cursor;
      try {
        cursor = decodeCursor(boardCursor, filters.cursor);
      } catch (err) {
        await requireMember(db, projectId, userId); // a non-member learns nothing, not even a 400
        throw err;
      }
      const after = cursor ? { status: cursor.s, position: cursor.p, id: cursor.i } : undefined;
      const page = await listBoardJson(db, projectId, userId, toFilter(filters), after, filters.limit);
      if (!page.found) await requireMember(db, projectId, userId);
      const last = page.nextKey;
      // base64url needs no escaping inside a JSON string.
      const nextCursor = last ? `"${encodeCursor({ s: last.status, p: last.position, i: last.id })}"` : 'null';
      return `{"items":[${page.itemsJson}],"nextCursor":${nextCursor}}`;
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
      return pageOf(rows, filters.limit, toTask, (t) => ({
        d: t.dueAt?.toISOString() ?? null,
        c: t.createdAt.toISOString(),
        i: t.id,
      }));
    },
  };
}
