import { useEffect, useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { TaskPriority, TaskStatus, type Member, type Task, type UpdateTaskBody } from '@taskflow/contracts/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { InputField, SelectField } from '@/components/ui/field';
import { errorMessage, fieldErrorsOf } from '@/lib/api-error';
import { useActivity } from '../api/get-activity';
import { TaskConflictError, useSaveTask } from '../api/save-task';
import { refetchTaskTimeline } from '../api/task-pages';
import { fieldsOf, FIELD_LABEL, type EditableField } from '../task-fields';
import { PRIORITIES, STATUSES } from '../task-meta';
import { fromZonedInput, toZonedInput } from '../zoned-time';
import { LabelEditor } from './label-editor';
import { MarkdownEditor } from './markdown-editor';
import { ReminderPicker } from './reminder-picker';
import { TaskConflictNotice } from './task-conflict-notice';

/** Text being typed: what it says, and the task as it was when the typing began. */
type Draft = { value: string; base: Task };
type DraftField = 'title' | 'description' | 'dueAt';

type Props = {
  task: Task;
  members: readonly Member[];
  userId: string;
  timeZone: string;
  /** Told whether there is text typed but not saved (the description: the other fields save as they go). */
  onUnsavedChange?: (unsaved: boolean) => void;
};

/**
 * Every field of a task, each saved on its own with If-Match: selects and chips at once, text when
 * it is committed (Enter or leaving the field for the title and due time, Save for the description).
 * What is being typed stays a draft until it is saved, whatever arrives meanwhile; a save refused
 * because someone changed the same thing first shows what they did and keeps the draft.
 */
export function TaskEditor({ task, members, userId, timeZone, onUnsavedChange }: Props) {
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Partial<Record<DraftField, Draft>>>({});
  const [conflict, setConflict] = useState<TaskConflictError | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string>();
  const activity = useActivity(task.id);
  const saveTask = useSaveTask(task.id, {
    mutationConfig: {
      onError: (error) => {
        if (error instanceof TaskConflictError) {
          setConflict(error);
          void refetchTaskTimeline(queryClient, task.id);
        } else {
          const fields = Object.entries(fieldErrorsOf(error)).map(([field, message]) => `${field} ${message}`);
          setSaveError([errorMessage(error), ...fields].join(' '));
        }
      },
    },
  });

  const draftOf = (field: DraftField, value: string) =>
    setDrafts((all) => ({ ...all, [field]: { value, base: all[field]?.base ?? task } }));
  const dropDrafts = (fields: readonly EditableField[], onlyIf?: Partial<Record<DraftField, string>>) =>
    setDrafts((all) => {
      const next = { ...all };
      for (const field of fields) {
        const key = field as DraftField;
        if (next[key] && (onlyIf?.[key] === undefined || next[key].value === onlyIf[key])) delete next[key];
      }
      return next;
    });
  const inConflict = (field: EditableField) => conflict !== null && fieldsOf(conflict.attempt.changes).includes(field);

  const save = async (changes: UpdateTaskBody, base: Task = task, preview?: Partial<Task>) => {
    setSaveError(null);
    try {
      return await saveTask.mutateAsync({ changes, base, preview });
    } catch {
      return undefined; // told by onError above
    }
  };

  /** Saves a draft field, then lets the draft go if nothing more was typed meanwhile. */
  const commit = async (field: DraftField, changes: UpdateTaskBody) => {
    const draft = drafts[field];
    if (!draft || inConflict(field)) return;
    if (await save(changes, draft.base)) dropDrafts([field], { [field]: draft.value });
  };

  const title = drafts.title?.value ?? task.title;
  const commitTitle = () => {
    const draft = drafts.title;
    if (!draft) return;
    const trimmed = draft.value.trim();
    if (!trimmed) return setTitleError('A task needs a title.');
    setTitleError(undefined);
    if (trimmed === draft.base.title) return dropDrafts(['title']);
    void commit('title', { title: trimmed });
  };
  const onTitleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commitTitle();
    } else if (event.key === 'Escape' && drafts.title) {
      // Undo the typing; a second Escape closes the drawer.
      event.preventDefault();
      dropDrafts(['title']);
      setTitleError(undefined);
    }
  };

  const description = drafts.description?.value ?? task.description;
  const descriptionDirty =
    drafts.description !== undefined && drafts.description.value !== drafts.description.base.description;

  useEffect(() => onUnsavedChange?.(descriptionDirty), [descriptionDirty, onUnsavedChange]);

  const due = drafts.dueAt?.value ?? toZonedInput(task.dueAt, timeZone);
  const [dueError, setDueError] = useState<string>();
  const commitDue = () => {
    const draft = drafts.dueAt;
    if (!draft) return;
    const dueAt = fromZonedInput(draft.value, timeZone);
    if (draft.value && !dueAt) return setDueError('Enter a date and a time.');
    setDueError(undefined);
    const before = draft.base.dueAt ? Date.parse(draft.base.dueAt) : null;
    if ((dueAt ? Date.parse(dueAt) : null) === before) return dropDrafts(['dueAt']);
    void commit('dueAt', { dueAt });
  };

  // A former member may still be assigned; keep them selectable so the select shows the truth.
  const assigneeMissing = task.assignee !== null && !members.some((m) => m.userId === task.assignee?.id);
  const context = { members, timeZone };

  return (
    <div className="flex flex-col gap-5">
      <InputField
        label="Title"
        value={title}
        maxLength={200}
        onChange={(e) => draftOf('title', e.target.value)}
        onBlur={commitTitle}
        onKeyDown={onTitleKeyDown}
        error={titleError}
        className="h-11 text-lg font-semibold"
      />

      {conflict && (
        <TaskConflictNotice
          conflict={conflict}
          activity={activity.data?.pages.flatMap((p) => p.items) ?? []}
          userId={userId}
          context={context}
          onTakeLatest={() => {
            dropDrafts(fieldsOf(conflict.attempt.changes));
            setConflict(null);
          }}
          onKeepMine={async () => {
            const { attempt, latest } = conflict;
            setConflict(null);
            if (await save(attempt.changes, latest, attempt.preview)) dropDrafts(fieldsOf(attempt.changes));
          }}
        />
      )}
      {saveError && <Alert>Could not save. {saveError}</Alert>}

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <SelectField
          label={FIELD_LABEL.status}
          value={task.status}
          onChange={(e) => void save({ status: TaskStatus.parse(e.target.value) })}
        >
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={FIELD_LABEL.priority}
          value={task.priority}
          onChange={(e) => void save({ priority: TaskPriority.parse(e.target.value) })}
        >
          {PRIORITIES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={FIELD_LABEL.assigneeId}
          value={task.assigneeId ?? ''}
          onChange={(e) => {
            const member = members.find((m) => m.userId === e.target.value);
            const assignee = member ? { id: member.userId, name: member.name } : null;
            void save({ assigneeId: member?.userId ?? null }, task, { assignee });
          }}
        >
          <option value="">Unassigned</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
          {assigneeMissing && task.assignee && <option value={task.assignee.id}>{task.assignee.name}</option>}
        </SelectField>
        <div className="flex items-end gap-2">
          <InputField
            label={FIELD_LABEL.dueAt}
            type="datetime-local"
            value={due}
            onChange={(e) => draftOf('dueAt', e.target.value)}
            onBlur={commitDue}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commitDue();
              }
            }}
            error={dueError}
            hint={`Your time zone: ${timeZone}`}
            containerClassName="min-w-0 flex-1"
          />
          {task.dueAt && !drafts.dueAt && (
            <Button variant="ghost" size="sm" className="mb-6 h-10" onClick={() => void save({ dueAt: null })}>
              Clear
            </Button>
          )}
        </div>
      </div>

      {task.dueAt && <ReminderPicker value={task.reminders} onChange={(reminders) => void save({ reminders })} />}
      <LabelEditor value={task.labels} onChange={(labels) => void save({ labels })} />

      <div className="flex flex-col gap-2">
        <MarkdownEditor
          label={FIELD_LABEL.description}
          value={description}
          onChange={(value) => draftOf('description', value)}
          maxLength={10_000}
          rows={8}
          placeholder="Add more detail… Markdown supported."
          initialTab={task.description ? 'preview' : 'write'}
          onSubmit={() => void commit('description', { description })}
        />
        {descriptionDirty && (
          <div className="flex justify-end gap-2">
            <Button variant="secondary" size="sm" onClick={() => dropDrafts(['description'])}>
              Discard
            </Button>
            <Button
              size="sm"
              loading={saveTask.isPending}
              disabled={inConflict('description')}
              onClick={() => void commit('description', { description })}
            >
              Save description
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
