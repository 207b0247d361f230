import { useEffect, useId, useRef, useState, type Ref } from 'react';
import type { Member } from '@taskflow/contracts/api';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { InputField, SelectField } from '@/components/ui/field';
import type { BoardFilters, FilterParam } from '../board-filters';
import type { BoardView } from '../hooks/use-board-params';
import { PRIORITIES } from '../task-meta';

const TYPING_PAUSE_MS = 300;

type Props = {
  filters: BoardFilters;
  filtered: boolean;
  view: BoardView;
  members: Member[];
  searchRef: Ref<HTMLInputElement>;
  setFilter: (name: FilterParam, value: string | undefined) => void;
  clearFilters: () => void;
  setView: (view: BoardView) => void;
  onShowShortcuts: () => void;
};

/** A text filter that goes into the address bar once typing pauses, and follows it when it changes there. */
function useTypedFilter(value: string | undefined, save: (value: string) => void) {
  const [text, setText] = useState(value ?? '');
  const saveRef = useRef(save);
  saveRef.current = save;
  // Follows the address bar (Clear filters, Back), but keeps what is being typed when it already says the same.
  useEffect(() => setText((typed) => (typed.trim() === (value ?? '') ? typed : (value ?? ''))), [value]);
  useEffect(() => {
    if (text.trim() === (value ?? '')) return;
    const timer = setTimeout(() => saveRef.current(text), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);
  return [text, setText] as const;
}

/** Search, filters, the board/list switch and the shortcuts button above the board. */
export function BoardToolbar({
  filters,
  filtered,
  view,
  members,
  searchRef,
  setFilter,
  clearFilters,
  setView,
  onShowShortcuts,
}: Props) {
  const panelId = useId();
  const otherFilters = Object.keys(filters).filter((name) => name !== 'q').length;
  const [open, setOpen] = useState(otherFilters > 0);
  const [q, setQ] = useTypedFilter(filters.q, (value) => setFilter('q', value));
  const [label, setLabel] = useTypedFilter(filters.label, (value) => setFilter('label', value));

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-2">
        <InputField
          ref={searchRef}
          type="search"
          label="Search tasks"
          hideLabel
          placeholder="Search tasks (press /)"
          aria-keyshortcuts="/"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          containerClassName="min-w-0 flex-1 basis-48"
        />
        <Button variant="secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((was) => !was)}>
          Filters{otherFilters > 0 && <span className="ml-1 tabular-nums">({otherFilters})</span>}
        </Button>
        {filtered && (
          <Button variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        )}
        <div
          role="group"
          aria-label="View"
          className="flex rounded-lg border border-gray-300 p-0.5 dark:border-gray-700"
        >
          {(['board', 'list'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={view === option}
              onClick={() => setView(option)}
              className={cn(
                'h-8 rounded-md px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500',
                view === option
                  ? 'bg-indigo-600 text-white'
                  : 'text-gray-700 hover:bg-gray-100 dark:text-gray-200 dark:hover:bg-gray-800',
              )}
            >
              {option === 'board' ? 'Board' : 'List'}
            </button>
          ))}
        </div>
        <Button variant="ghost" aria-keyshortcuts="?" onClick={onShowShortcuts} aria-label="Keyboard shortcuts">
          <kbd aria-hidden className="font-sans">
            ?
          </kbd>
        </Button>
      </div>

      <fieldset
        id={panelId}
        hidden={!open}
        className="grid grid-cols-1 gap-3 rounded-xl border border-gray-200 p-3 sm:grid-cols-2 lg:grid-cols-5 dark:border-gray-800"
      >
        <legend className="sr-only">Filters</legend>
        {/* Only while open: closed, its fields would be a second "Priority" and "Assignee" beside the new-task form's. */}
        {open && (
          <>
            <SelectField
              label="Filter by assignee"
              value={filters.assignee ?? ''}
              onChange={(e) => setFilter('assignee', e.target.value)}
            >
              <option value="">Anyone</option>
              <option value="none">Unassigned</option>
              {members.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Filter by priority"
              value={filters.priority ?? ''}
              onChange={(e) => setFilter('priority', e.target.value)}
            >
              <option value="">Any</option>
              {PRIORITIES.map((priority) => (
                <option key={priority.value} value={priority.value}>
                  {priority.label}
                </option>
              ))}
            </SelectField>
            <InputField
              label="Filter by label"
              value={label}
              maxLength={30}
              onChange={(e) => setLabel(e.target.value)}
            />
            <InputField
              type="date"
              label="Due from"
              value={filters.dueFrom ?? ''}
              onChange={(e) => setFilter('dueFrom', e.target.value)}
            />
            <InputField
              type="date"
              label="Due by"
              value={filters.dueBy ?? ''}
              onChange={(e) => setFilter('dueBy', e.target.value)}
            />
          </>
        )}
      </fieldset>
    </div>
  );
}
