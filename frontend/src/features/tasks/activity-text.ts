import type { ActivityEntry } from '@taskflow/contracts/api';
import { FIELD_LABEL, formatFieldValue, type EditableField, type FieldContext } from './task-fields';

/** One change of an activity entry as a sentence after the actor's name. */
function describeChange(field: string, [from, to]: readonly [unknown, unknown], context: FieldContext): string {
  const value = (v: unknown) => formatFieldValue(field, v, context);
  switch (field) {
    case 'title':
      return `renamed it from “${value(from)}” to “${value(to)}”`;
    case 'description':
      return 'edited the description';
    case 'position':
      return 'moved the card';
    default: {
      const label =
        field === 'dueAt'
          ? 'due date'
          : field in FIELD_LABEL
            ? FIELD_LABEL[field as EditableField].toLowerCase()
            : field;
      return `changed the ${label} from ${value(from)} to ${value(to)}`;
    }
  }
}

/**
 * What an activity entry says, after the actor's name: "created the task", "commented",
 * "changed the status from To do to In progress" — one sentence per changed field, with status
 * names, member names and dates in the person's time zone.
 */
export function describeActivity(entry: ActivityEntry, context: FieldContext): string[] {
  switch (entry.type) {
    case 'created':
      return ['created the task'];
    case 'commented':
      return ['commented'];
    case 'comment_deleted':
      return ['deleted a comment'];
    case 'updated': {
      const fields = Object.keys(entry.changes);
      // A move to another column is already told by the status; the position is its detail.
      const shown = fields.includes('status') ? fields.filter((f) => f !== 'position') : fields;
      return shown.map((field) => describeChange(field, entry.changes[field]!, context));
    }
  }
}

/** Who did it, as the history shows them. */
export const actorName = (entry: ActivityEntry): string => entry.actor?.name || 'Someone';
