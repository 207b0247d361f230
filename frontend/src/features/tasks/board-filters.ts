import { TaskPriority, type Task } from '@taskflow/contracts/api';

/**
 * The board's filters as the address bar holds them, so a reload or a shared link shows the same
 * board: `?q=&assignee=&priority=&label=&dueFrom=&dueBy=` (dates as yyyy-mm-dd in the viewer's
 * time zone), `view=list` and `sort=` for the list view. A value the app cannot use is ignored
 * rather than sent to the server.
 */
export type BoardFilters = {
  q?: string;
  /** A member's id, or `none` for unassigned tasks. */
  assignee?: string;
  priority?: TaskPriority;
  label?: string;
  dueFrom?: string;
  dueBy?: string;
};

const FILTER_PARAMS = ['q', 'assignee', 'priority', 'label', 'dueFrom', 'dueBy'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** What the tasks API takes (GET /api/projects/:pid/tasks), and the key the board's cache is kept under. */
export type TaskQuery = Partial<Record<'q' | 'assigneeId' | 'priority' | 'label' | 'dueAfter' | 'dueBefore', string>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight starting `day` (yyyy-mm-dd), or undefined for a day that does not exist (2030-02-31). */
function startOfDay(day: string): Date | undefined {
  if (!DAY.test(day)) return undefined;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const start = new Date(year, month - 1, date);
  return start.getFullYear() === year && start.getMonth() === month - 1 && start.getDate() === date ? start : undefined;
}

export function readFilters(params: URLSearchParams): BoardFilters {
  const text = (name: FilterParam, max: number) => {
    const value = params.get(name)?.trim();
    return value ? value.slice(0, max) : undefined;
  };
  const assignee = params.get('assignee') ?? '';
  const priority = TaskPriority.safeParse(params.get('priority'));
  const day = (name: FilterParam) => {
    const value = params.get(name) ?? '';
    return startOfDay(value) ? value : undefined;
  };
  const filters: BoardFilters = {
    q: text('q', 200),
    assignee: assignee === 'none' || UUID.test(assignee) ? assignee : undefined,
    priority: priority.success ? priority.data : undefined,
    label: text('label', 30),
    dueFrom: day('dueFrom'),
    dueBy: day('dueBy'),
  };
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as BoardFilters;
}

/** `params` with `name` set to `value`, or removed when the value is empty; the other params are kept. */
export function withParam(params: URLSearchParams, name: string, value: string | undefined): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(name, value);
  else next.delete(name);
  return next;
}

export function withoutFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_PARAMS) next.delete(name);
  return next;
}

export const hasFilters = (filters: BoardFilters) => Object.keys(filters).length > 0;

/** The API query for the filters: "due from" a day is after the moment before it starts, "due by" before the next one. */
export function toTaskQuery(filters: BoardFilters): TaskQuery {
  const query: TaskQuery = {};
  if (filters.q) query.q = filters.q;
  if (filters.assignee) query.assigneeId = filters.assignee;
  if (filters.priority) query.priority = filters.priority;
  if (filters.label) query.label = filters.label;
  const from = filters.dueFrom && startOfDay(filters.dueFrom);
  if (from) query.dueAfter = new Date(from.getTime() - 1).toISOString();
  const by = filters.dueBy && startOfDay(filters.dueBy);
  if (by) {
    by.setDate(by.getDate() + 1);
    query.dueBefore = by.toISOString();
  }
  return query;
}

/**
 * Whether the server would list `task` for `query`: the same rules as its filters, so a task pushed
 * live lands in (or leaves) a filtered board without asking for the whole board again.
 */
export function matchesQuery(task: Task, query: TaskQuery): boolean {
  if (query.q) {
    const q = query.q.toLowerCase();
    if (!task.title.toLowerCase().includes(q) && !task.description.toLowerCase().includes(q)) return false;
  }
  if (query.assigneeId && task.assigneeId !== (query.assigneeId === 'none' ? null : query.assigneeId)) return false;
  if (query.priority && !query.priority.split(',').includes(task.priority)) return false;
  if (query.label && !task.labels.includes(query.label)) return false;
  const due = task.dueAt ? new Date(task.dueAt).getTime() : null;
  if (query.dueAfter && (due === null || due <= new Date(query.dueAfter).getTime())) return false;
  if (query.dueBefore && (due === null || due >= new Date(query.dueBefore).getTime())) return false;
  return true;
}
