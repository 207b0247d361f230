import type { ActivityEntry } from '@taskflow/contracts/api';
import { Button } from '@/components/ui/button';
import type { TaskConflictError } from '../api/save-task';
import { changedFields, FIELD_LABEL, fieldsOf, formatFieldValue, type FieldContext } from '../task-fields';

type Props = {
  conflict: TaskConflictError;
  /** The task's history, to name who changed it meanwhile. */
  activity: readonly ActivityEntry[];
  userId: string;
  context: FieldContext;
  onTakeLatest: () => void;
  onKeepMine: () => void;
};

/** The people other than `userId` who changed the task after `since`, by the history; newest first. */
function changedBy(activity: readonly ActivityEntry[], since: string, userId: string): string[] {
  const names = activity
    .filter((e) => e.type === 'updated' && e.at > since && e.actor && e.actor.id !== userId)
    .map((e) => e.actor?.name || 'Someone');
  return [...new Set(names)];
}

const quoted = (field: string, text: string) =>
  field === 'title' || field === 'description' ? `“${text.length > 300 ? `${text.slice(0, 300)}…` : text}”` : text;

/**
 * A save refused because someone else changed the task first: what they changed (their values),
 * what of the person's was not saved, and the two ways on — take the latest, or save theirs on top.
 */
export function TaskConflictNotice({ conflict, activity, userId, context, onTakeLatest, onKeepMine }: Props) {
  const { latest, attempt } = conflict;
  const names = changedBy(activity, attempt.base.updatedAt, userId);
  const who = names.length > 0 ? names.join(', ') : 'Someone else';
  const theirs = changedFields(attempt.base, latest);
  const mine = fieldsOf(attempt.changes);
  const show = (field: string, value: unknown) => quoted(field, formatFieldValue(field, value, context));

  return (
    <div
      role="alert"
      className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-semibold">{who} changed this task while you were editing it. Your change was not saved.</p>
      {theirs.length > 0 && (
        <div>
          <p>Their version:</p>
          <ul className="list-disc pl-5" aria-label="Their changes">
            {theirs.map((field) => (
              <li key={field} className="break-words whitespace-pre-wrap">
                {FIELD_LABEL[field]} is now {show(field, latest[field])}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <p>Your unsaved change:</p>
        <ul className="list-disc pl-5" aria-label="Your unsaved change">
          {mine.map((field) => (
            <li key={field} className="break-words whitespace-pre-wrap">
              {FIELD_LABEL[field]}: {show(field, attempt.changes[field])}
            </li>
          ))}
        </ul>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={onTakeLatest}>
          Take the latest
        </Button>
        <Button size="sm" variant="secondary" onClick={onKeepMine}>
          Save mine over it
        </Button>
      </div>
    </div>
  );
}
