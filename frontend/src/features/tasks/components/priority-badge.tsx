import type { TaskPriority } from '@taskflow/contracts/api';
import { cn } from '@/components/ui/cn';
import { PRIORITY_LABEL } from '../task-meta';

const styles: Record<TaskPriority, string> = {
  low: 'bg-gray-100 text-gray-700 dark:bg-gray-800 dark:text-gray-300',
  medium: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300',
  high: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  urgent: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
};

export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  return (
    <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', styles[priority])}>
      <span className="sr-only">Priority: </span>
      {PRIORITY_LABEL[priority]}
    </span>
  );
}
