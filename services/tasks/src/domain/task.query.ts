import { z } from 'zod';
import { TaskStatus, type Task, type TaskFilters } from '@taskflow/contracts/api';
import type { TasksDb } from '../data/database';
import { listBoardJson } from '../data/board-json';
import { listAcrossProjects, type TaskFilter } from '../data/task.repository';
import { notFound } from '@taskflow/service-kit/errors';
import { findBoardVersion } from '../data/project.repository';
import { createBoardPageCache } from './board-cache';
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

/** Board pages held per instance: a 50-card page is ~25 KB, so this keeps a few hundred boards' first pages. */
const BOARD_CACHE_BYTES = 8 * 1024 * 1024;

export function createTaskQueries({ db }: { db: TasksDb }) {
  const boardPages = createBoardPageCache({ maxBytes: BOARD_CACHE_BYTES });
  return {
    /**
     * A board page as the UTF-8 JSON of a `TaskPage`. The board's version (with the membership
     * check) is read first; a page already built at that version is sent as it is (see
     * board-cache.ts), otherwise PostgreSQL writes the page's JSON (see listBoardJson) in one
     * indexed query and it is kept for the next read.
     */
    async listProjectTasksJson(userId: string, projectId: string, filters: TaskFilters): Promise<Buffer> {
      const version = await findBoardVersion(db, projectId, userId);
      if (version === undefined) throw notFound('Project'); // a non-member learns nothing, not even a 400
      const key = `${projectId}${JSON.stringify(filters)}`;
      const kept = boardPages.get(key, version);
      if (kept) return kept;
      const cursor = decodeCursor(boardCursor, filters.cursor);
      const after = cursor ? { status: cursor.s, position: cursor.p, id: cursor.i } : undefined;
      const page = await listBoardJson(db, projectId, userId, toFilter(filters), after, filters.limit);
      const last = page.nextKey;
      // base64url needs no escaping inside a JSON string.
      const nextCursor = last ? `"${encodeCursor({ s: last.status, p: last.position, i: last.id })}"` : 'null';
      const body = Buffer.from(`{"items":[${page.itemsJson}],"nextCursor":${nextCursor}}`);
      // Kept under the version read before the page: the page is at least that new, never older.
      boardPages.set(key, version, body);
      return body;
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
