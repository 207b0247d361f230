import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  hasFilters,
  readFilters,
  toTaskQuery,
  withoutFilters,
  withParam,
  type BoardFilters,
  type FilterParam,
} from '../board-filters';

export type BoardView = 'board' | 'list';
const LIST_SORT_KEYS = ['title', 'status', 'priority', 'assignee', 'due'] as const;
export type ListSortKey = (typeof LIST_SORT_KEYS)[number];
export type ListSort = { key: ListSortKey; descending: boolean } | null;

function readSort(value: string | null): ListSort {
  if (!value) return null;
  const descending = value.startsWith('-');
  const key = (descending ? value.slice(1) : value) as ListSortKey;
  return LIST_SORT_KEYS.includes(key) ? { key, descending } : null;
}

/**
 * The board's state in the address bar: filters, `view=list`, and the list's `sort=key` / `sort=-key`.
 * Every change replaces the current history entry, so Back leaves the board instead of undoing a keystroke.
 */
export function useBoardParams() {
  const [params, setParams] = useSearchParams();
  const filters: BoardFilters = useMemo(() => readFilters(params), [params]);
  const query = useMemo(() => toTaskQuery(filters), [filters]);
  const view: BoardView = params.get('view') === 'list' ? 'list' : 'board';
  const sort = readSort(params.get('sort'));

  const update = useCallback(
    (change: (current: URLSearchParams) => URLSearchParams) => setParams(change, { replace: true }),
    [setParams],
  );
  const setFilter = useCallback(
    (name: FilterParam, value: string | undefined) => update((current) => withParam(current, name, value?.trim())),
    [update],
  );
  const clearFilters = useCallback(() => update(withoutFilters), [update]);
  const setView = useCallback(
    (next: BoardView) => update((current) => withParam(current, 'view', next === 'list' ? 'list' : undefined)),
    [update],
  );
  const setSort = useCallback(
    (next: ListSort) =>
      update((current) => withParam(current, 'sort', next ? `${next.descending ? '-' : ''}${next.key}` : undefined)),
    [update],
  );

  return { filters, query, filtered: hasFilters(filters), view, sort, setFilter, clearFilters, setView, setSort };
}
