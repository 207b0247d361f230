import { and, eq, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { TasksDb } from './database';
import { projectMembers, tasks } from './schema';
import { taskSnapshotMembersJson } from './task-json';
import { filterConditions, type BoardKey, type TaskFilter } from './task.repository';

/**
 * The board page with PostgreSQL writing the JSON: one row whatever the page size, its items already
 * the API's text, so the service parses no rows, maps nothing and stringifies nothing (each did cost
 * as much CPU per page as the whole bare server spends on a request).
 *
 * An item is exactly what `JSON.stringify(toTask(row))` writes for the same row: the task's snapshot
 * (task-json.ts, which says how it matches JSON.stringify) with `assignee` last, as toTask puts it.
 * Column references are spelled `tasks.` and `users.` so the same text serves the prepared
 * statement and the drizzle-built filtered page (drizzle names the columns `"tasks"."…"`).
 */
const itemJson = `${taskSnapshotMembersJson}
  || ',"assignee":' || CASE WHEN tasks.assignee_id IS NULL THEN 'null'
       ELSE '{"id":"' || tasks.assignee_id || '","name":' || to_json(coalesce(users.name, ''))::text || '}' END
  || '}'`;
const boardOrder = 'tasks.status, tasks.position, tasks.id';

/**
 * The page read is `limit + 1` rows (so it is known whether another follows); the aggregate joins
 * the first `limit` and gives the sort key of the last of them, from which the cursor is made.
 */
const aggregateOf = (limit: string) => `
  SELECT string_agg(item, ',' ORDER BY n) FILTER (WHERE n <= ${limit}) AS items,
         count(*)::int AS rows,
         max(status::text) FILTER (WHERE n = ${limit}) AS "lastStatus",
         max(position) FILTER (WHERE n = ${limit}) AS "lastPosition",
         max(id::text) FILTER (WHERE n = ${limit}) AS "lastId"
    FROM page`;
const pageSelect = `SELECT ${itemJson} AS item, tasks.status, tasks.position, tasks.id,
         row_number() OVER (ORDER BY ${boardOrder}) AS n
    FROM tasks LEFT JOIN users ON users.id = tasks.assignee_id`;

/** The unfiltered page, the hot read path: named statements, prepared once per connection. */
const unfilteredPage = (keyset: string) => `
  WITH page AS (
  ${pageSelect}
   WHERE tasks.project_id = $1
     AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = $1 AND m.user_id = $2)${keyset}
   ORDER BY ${boardOrder} LIMIT $3::int + 1)
  ${aggregateOf('$3::int')}`;
export const boardJsonFirstPage = unfilteredPage('');
const boardJsonNextPage = unfilteredPage(`
     AND (tasks.status, tasks.position, tasks.id) > ($4::task_status, $5, $6::uuid)`);

/** What one board page read gives: its items as a JSON array's inside, and whether more follow. */
export interface BoardJsonPage {
  /** The items' JSON, comma-separated, without the brackets; '' for none. */
  itemsJson: string;
  /** The key of the page's last item when another page follows it; undefined when none does. */
  nextKey: BoardKey | undefined;
  /** Whether the read found anything at all (nothing: an empty board, or not a member). */
  found: boolean;
}

interface AggregateRow {
  items: string | null;
  rows: number;
  lastStatus: BoardKey['status'] | null;
  lastPosition: string | null;
  lastId: string | null;
}

function pageOfRow(row: AggregateRow | undefined, limit: number): BoardJsonPage {
  if (!row || row.rows === 0) return { itemsJson: '', nextKey: undefined, found: false };
  const more = row.rows > limit && row.lastStatus !== null && row.lastPosition !== null && row.lastId !== null;
  return {
    itemsJson: row.items ?? '',
    nextKey: more ? { status: row.lastStatus!, position: row.lastPosition!, id: row.lastId! } : undefined,
    found: true,
  };
}

/**
 * One page (`limit` items) of a board that `memberId` belongs to, in column order, by keyset on the
 * (project, status, position, id) index, as JSON text. No item: an empty board or not a member,
 * which the caller tells apart.
 */
export async function listBoardJson(
  db: TasksDb,
  projectId: string,
  memberId: string,
  filter: TaskFilter,
  after: BoardKey | undefined,
  limit: number,
): Promise<BoardJsonPage> {
  const conditions = filterConditions(filter);
  let query: { name?: string; text: string; values: unknown[] };
  if (conditions.length > 0) {
    const filtered = filteredBoardJsonQuery(projectId, memberId, conditions, after, limit);
    query = { text: filtered.sql, values: filtered.params };
  } else if (after) {
    const values = [projectId, memberId, limit, after.status, after.position, after.id];
    query = { name: 'tasks_board_json_next', text: boardJsonNextPage, values };
  } else {
    query = { name: 'tasks_board_json_first', text: boardJsonFirstPage, values: [projectId, memberId, limit] };
  }
  const { rows } = await db.$client.query<AggregateRow>(query);
  return pageOfRow(rows[0], limit);
}

const dialect = new PgDialect();

/**
 * A filtered board page's statement (listBoardJson's other path; filters make each one different,
 * so it is not prepared), as `toSQL()` gives it: SQL text and parameters.
 */
export function filteredBoardJsonQuery(
  projectId: string,
  memberId: string,
  conditions: SQL[],
  after: BoardKey | undefined,
  limit: number,
): { sql: string; params: unknown[] } {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`A page size, not ${limit}`);
  const keyset = after
    ? sql`(${tasks.status}, ${tasks.position}, ${tasks.id}) > (${after.status}::task_status, ${after.position}, ${after.id}::uuid)`
    : undefined;
  const member = and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, memberId));
  const where = and(
    eq(tasks.projectId, projectId),
    sql`EXISTS (SELECT 1 FROM ${projectMembers} WHERE ${member})`,
    keyset,
    ...conditions,
  );
  // The limit is an integer (checked above), written into the text as the prepared ones' $3 is.
  return dialect.sqlToQuery(sql`WITH page AS (${sql.raw(pageSelect)}
   WHERE ${where}
   ORDER BY ${sql.raw(boardOrder)} LIMIT ${sql.raw(String(limit + 1))})
  ${sql.raw(aggregateOf(String(limit)))}`);
}
