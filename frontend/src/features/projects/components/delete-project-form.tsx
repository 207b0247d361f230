import { useState, type FormEvent } from 'react';
import type { Project } from '@taskflow/contracts/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { InputField } from '@/components/ui/field';
import { errorMessage, isApiError } from '@/lib/api-error';
import { useDeleteProject } from '../api/delete-project';

function explainDeleteError(error: unknown): string {
  if (isApiError(error) && error.status === 403) return 'Only the project owner can delete it.';
  return errorMessage(error);
}

/** Delete a project for good (its owner only): typing its name is the confirmation. */
export function DeleteProjectForm({ project, onDeleted }: { project: Project; onDeleted: () => void }) {
  const remove = useDeleteProject(project.id, { mutationConfig: { onSuccess: onDeleted } });
  const [typed, setTyped] = useState('');
  const confirmed = typed.trim() === project.name;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (confirmed) remove.mutate();
  };

  return (
    <Card className="border-red-200 p-4 dark:border-red-900">
      <h2 className="text-base font-semibold text-red-800 dark:text-red-300">Delete this project</h2>
      <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
        Its tasks, comments and history are deleted with it, for every member. This cannot be undone.
      </p>
      <form onSubmit={onSubmit} noValidate className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end">
        <InputField
          label={`Type ${project.name} to confirm`}
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          containerClassName="sm:flex-1"
        />
        <Button type="submit" variant="destructive" loading={remove.isPending} disabled={!confirmed}>
          Delete project
        </Button>
      </form>
      {remove.isError && <Alert className="mt-3">{explainDeleteError(remove.error)}</Alert>}
    </Card>
  );
}
