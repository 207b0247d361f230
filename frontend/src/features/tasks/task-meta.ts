import { TaskPriority, TaskStatus } from '@taskflow/contracts/api';

// Typed by the contracts' enums: a status or priority added there fails the typecheck until it has a label.
export const STATUS_LABEL: Record<TaskStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
};

export const PRIORITY_LABEL: Record<TaskPriority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

/** In the contracts' order, which is the board's column order and the priority select's. */
export const STATUSES: ReadonlyArray<{ value: TaskStatus; label: string }> = TaskStatus.options.map((value) => ({
  value,
  label: STATUS_LABEL[value],
}));

export const PRIORITIES: ReadonlyArray<{ value: TaskPriority; label: string }> = TaskPriority.options.map((value) => ({
  value,
  label: PRIORITY_LABEL[value],
}));
