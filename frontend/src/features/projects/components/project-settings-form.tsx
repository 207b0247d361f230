import { useState, type FormEvent } from 'react';
import type { Project } from '@taskflow/contracts/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { InputField } from '@/components/ui/field';
import { isApiError } from '@/lib/api-error';
import { useFormErrors } from '@/lib/use-form-errors';
import { useUpdateProject } from '../api/update-project';

/** Rename and describe a project (its owner and admins). */
export function ProjectSettingsForm({ project }: { project: Project }) {
  const update = useUpdateProject(project.id);
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description);
  const [saved, setSaved] = useState(false);

  const changed = name.trim() !== project.name || description.trim() !== project.description;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate({ name: name.trim(), description: description.trim() }, { onSuccess: () => setSaved(true) });
  };

  const errors = useFormErrors(update.error, {
    fields: ['name', 'description'],
    explain: (error) =>
      isApiError(error) && error.status === 403
        ? { form: 'Only the owner or an admin can change the project; your role may have changed.' }
        : undefined,
  });

  return (
    <Card className="p-4">
      <h2 className="mb-3 text-base font-semibold">Name and description</h2>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
        <InputField
          label="Project name"
          required
          maxLength={100}
          value={name}
          onChange={(e) => {
            setSaved(false);
            setName(e.target.value);
          }}
          {...errors.field('name')}
        />
        <InputField
          label="Description"
          maxLength={2000}
          value={description}
          onChange={(e) => {
            setSaved(false);
            setDescription(e.target.value);
          }}
          {...errors.field('description')}
        />
        <div>
          <Button type="submit" loading={update.isPending} disabled={!name.trim() || !changed}>
            Save changes
          </Button>
        </div>
      </form>
      {errors.form && <Alert className="mt-3">{errors.form}</Alert>}
      {saved && (
        <Alert tone="info" className="mt-3">
          Saved.
        </Alert>
      )}
    </Card>
  );
}
