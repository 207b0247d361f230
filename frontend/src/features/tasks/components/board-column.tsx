import { memo, useCallback, useId, useRef } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { Member, Task, TaskStatus } from '@taskflow/contracts/api';
import { cn } from '@/components/ui/cn';
import { columnDropId } from './board-dnd';
import { SortableTaskCard, type TaskCardActions } from './task-card';

const accents: Record<TaskStatus, string> = {
  todo: 'bg-gray-400',
  in_progress: 'bg-indigo-500',
  done: 'bg-emerald-500',
};

/** A card's height before it is measured, and the gap between cards (px). */
const ESTIMATED_CARD_PX = 132;
const GAP_PX = 8;

type Props = TaskCardActions & {
  status: TaskStatus;
  label: string;
  /** The cards, top to bottom. */
  ids: string[];
  tasksById: Map<string, Task>;
  /** The card being dragged, which stays rendered wherever the column is scrolled. */
  activeId: string | null;
  members: Member[];
};

/**
 * One column, virtualised: only the cards in view (and a few around them) are in the page, so a
 * column of 1 000 cards costs what one of 20 does. Those rendered cards are dnd-kit's sortables;
 * the dragged one is always kept rendered, or dnd-kit would lose it when it scrolls out of view.
 */
function BoardColumnView({ status, label, ids, tasksById, activeId, members, ...actions }: Props) {
  const headingId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { setNodeRef, isOver } = useDroppable({ id: columnDropId(status) });
  const activeIndex = activeId ? ids.indexOf(activeId) : -1;

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < 0 || indexes.includes(activeIndex)) return indexes;
      return [...indexes, activeIndex].sort((a, b) => a - b);
    },
    [activeIndex],
  );

  // A new getItemKey makes the virtualizer work out every card's place again (hundreds in a long column),
  // and the column renders at each scroll event of a drag: it changes only when the cards do.
  const getItemKey = useCallback((index: number) => ids[index] ?? index, [ids]);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey,
    // Two cards past each edge, so the keyboard's next step always has a card to land on; no more, since
    // dnd-kit renders every card in the page again whenever the card under the pointer changes.
    overscan: 2,
    gap: GAP_PX,
    rangeExtractor,
  });

  return (
    <section
      aria-labelledby={headingId}
      data-status={status}
      className="flex w-[85vw] max-w-sm min-w-0 shrink-0 snap-start flex-col rounded-xl bg-gray-100/80 p-2 md:w-auto md:max-w-none dark:bg-gray-900/60"
    >
      <header className="flex items-center gap-2 px-2 py-1.5">
        <span aria-hidden className={cn('size-2 rounded-full', accents[status])} />
        <h2 id={headingId} className="text-sm font-semibold text-gray-800 dark:text-gray-200">
          {label}
        </h2>
        <span className="ml-auto rounded-full bg-white px-2 text-xs text-gray-600 tabular-nums dark:bg-gray-800 dark:text-gray-300">
          <span className="sr-only">Tasks: </span>
          {ids.length}
        </span>
      </header>
      <div
        ref={(node) => {
          scrollRef.current = node;
          setNodeRef(node);
        }}
        data-testid={`column-scroll-${status}`}
        className={cn(
          'max-h-[calc(100dvh-14rem)] min-h-24 overflow-y-auto rounded-lg',
          isOver && ids.length === 0 && 'outline-2 outline-indigo-400 outline-dashed',
        )}
      >
        <SortableContext id={status} items={ids} strategy={verticalListSortingStrategy}>
          {ids.length === 0 ? (
            <p className="px-2 py-6 text-center text-sm text-gray-600 dark:text-gray-400">No tasks</p>
          ) : (
            <ul className="relative" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const task = tasksById.get(String(item.key));
                if (!task) return null;
                return (
                  <li
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="absolute inset-x-0 top-0"
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    <SortableTaskCard task={task} members={members} {...actions} />
                  </li>
                );
              })}
            </ul>
          )}
        </SortableContext>
      </div>
    </section>
  );
}

/** A drag that moves a card between two columns leaves the third one as it was. */
export const BoardColumn = memo(BoardColumnView);
