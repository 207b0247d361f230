import type { Member, Task, UpdateTaskBody } from '@taskflow/contracts/api';
import { reminderLabel, sortReminders } from './reminders';
import { PRIORITY_LABEL, STATUS_LABEL } from './task-meta';
import { formatDateTimeIn } from './zoned-time';

/** The fields of a task a person edits in the drawer, in the order the drawer shows them. */
export const EDITABLE_FIELDS = [
  'title',
  'description',
  'status',
  'priority',
  'assigneeId',
  'dueAt',
  'labels',
  'reminders',
] as const satisfies ReadonlyArray<keyof Task & keyof UpdateTaskBody>;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const FIELD_LABEL: Record<EditableField, string> = {
  title: 'Title',
  description: 'Description',
  status: 'Status',
  priority: 'Priority',
  assigneeId: 'Assignee',
  dueAt: 'Due',
  labels: 'Labels',
  reminders: 'Reminders',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const isEditable = (field: string): field is EditableField => (EDITABLE_FIELDS as readonly string[]).includes(field);

/** The editable fields whose value differs between two versions of a task. */
export function changedFields(before: Task, after: Task): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => !same(before[field], after[field]));
}

/** The editable fields a change sets. */
export function fieldsOf(changes: UpdateTaskBody): EditableField[] {
  return Object.keys(changes).filter(isEditable);
}

/**
 * The version to send as If-Match for `changes`, made while the person was looking at `base`. When
 * none of the fields it sets has changed since (in `current`, the latest the browser knows), it goes
 * on top of the current version: a change to another field, by someone else or by this person a
 * moment earlier, is no conflict, since a PATCH only sets what it names. When one of them has, the
 * base version goes, and the server refuses it (412) rather than overwrite what the person never saw.
 */
export function ifMatchVersion(base: Task, current: Task | undefined, changes: UpdateTaskBody): number {
  if (!current || current.id !== base.id) return base.version;
  const untouched = fieldsOf(changes).every((field) => same(base[field], current[field]));
  return untouched ? Math.max(current.version, base.version) : base.version;
}

/** Everything a field's value is shown with: the members for names, the person's time zone for dates. */
export type FieldContext = { members: readonly Member[]; timeZone: string };

function memberName(id: unknown, { members }: FieldContext): string {
  if (typeof id !== 'string' || !id) return 'Unassigned';
  return members.find((m) => m.userId === id)?.name ?? 'a former member';
}

/** A field's value as a person reads it: "In progress", "Ana Lopez", "Tue 3 Mar 2026, 15:00", "none". */
export function formatFieldValue(field: string, value: unknown, context: FieldContext): string {
  switch (field) {
    case 'status':
      return typeof value === 'string' && value in STATUS_LABEL
        ? STATUS_LABEL[value as keyof typeof STATUS_LABEL]
        : String(value);
    case 'priority':
      return typeof value === 'string' && value in PRIORITY_LABEL
        ? PRIORITY_LABEL[value as keyof typeof PRIORITY_LABEL]
        : String(value);
    case 'assigneeId':
      return memberName(value, context);
    case 'dueAt':
      return typeof value === 'string' && value ? formatDateTimeIn(value, context.timeZone) : 'no due date';
    case 'labels':
      return Array.isArray(value) && value.length > 0 ? value.join(', ') : 'no labels';
    case 'reminders':
      return Array.isArray(value) && value.length > 0
        ? sortReminders(value.filter((m): m is number => typeof m === 'number'))
            .map(reminderLabel)
            .join(', ')
        : 'no reminders';
    case 'description':
      return typeof value === 'string' && value.trim() ? value : 'empty';
    default:
      return value === null || value === undefined || value === '' ? 'empty' : String(value);
  }
}
