import { useState, type FormEvent } from 'react';
import { DEFAULT_REMINDERS, DEFAULT_TASK_PRIORITY, TaskPriority, type Member } from '@taskflow/contracts/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { InputField, SelectField } from '@/components/ui/field';
import { dateTimeInputToIso } from '@/lib/format';
import { useFormErrors } from '@/lib/use-form-errors';
import { useCreateTask } from '../api/create-task';
import { PRIORITIES } from '../task-meta';
import { ReminderPicker } from './reminder-picker';

export function CreateTaskForm({ projectId, members }: { projectId: string; members: Member[] }) {
  const createTask = useCreateTask(projectId);
  const [title, setTitle] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [priority, setPriority] = useState<TaskPriority>(DEFAULT_TASK_PRIORITY);
  const [due, setDue] = useState('');
  // The server's defaults, shown so they can be changed before the task exists.
  const [reminders, setReminders] = useState<number[]>(DEFAULT_REMINDERS);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const dueAt = dateTimeInputToIso(due);
    createTask.mutate(
      {
        title: title.trim(),
        priority,
        assigneeId: assigneeId || null,
        dueAt,
        // Minutes before the due time; without a due date there is nothing to be reminded of.
        reminders: dueAt ? reminders : undefined,
      },
      {
        onSuccess: () => {
          setTitle('');
          setDue('');
          setReminders(DEFAULT_REMINDERS);
        },
      },
    );
  };

  const errors = useFormErrors(createTask.error, {
    fields: ['title', 'assigneeId', 'priority', 'dueAt', 'reminders'],
  });

  return (
    <Card className="p-4">
      <h2 className="mb-3 text-base font-semibold">New task</h2>
      <form
        onSubmit={onSubmit}
        noValidate
        className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1.4fr_auto] lg:items-start"
      >
        <InputField
          label="Title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          {...errors.field('title')}
          containerClassName="sm:col-span-2 lg:col-span-1"
        />
        <SelectField
          label="Assignee"
          value={assigneeId}
          onChange={(e) => setAssigneeId(e.target.value)}
          {...errors.field('assigneeId')}
        >
          <option value="">Unassigned</option>
          {members.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Priority"
          value={priority}
          onChange={(e) => setPriority(TaskPriority.parse(e.target.value))}
          {...errors.field('priority')}
        >
          {PRIORITIES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <InputField
          label="Due"
          type="datetime-local"
          value={due}
          onChange={(e) => setDue(e.target.value)}
          {...errors.field('dueAt')}
        />
        {due && (
          <ReminderPicker
            value={reminders}
            onChange={setReminders}
            error={errors.fields.reminders}
            className="sm:col-span-2 lg:col-span-4"
          />
        )}
        <Button
          type="submit"
          loading={createTask.isPending}
          disabled={!title.trim()}
          className="sm:col-span-2 lg:col-span-1 lg:mt-[1.625rem] lg:self-end"
        >
          Add task
        </Button>
      </form>
      {errors.form && <Alert className="mt-3">{errors.form}</Alert>}
    </Card>
  );
}
