import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { InputField } from '@/components/ui/field';
import { useFormErrors } from '@/lib/use-form-errors';
import { useCreateProject } from '../api/create-project';

export function CreateProjectForm() {
  const createProject = useCreateProject();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    createProject.mutate(
      { name: name.trim(), description: description.trim() || undefined },
      {
        onSuccess: (project) => {
          setName('');
          setDescription('');
          void navigate(`/projects/${project.id}`);
        },
      },
    );
  };

  const errors = useFormErrors(createProject.error, { fields: ['name', 'description'] });

  return (
    <Card className="p-4">
      <h2 className="mb-3 text-base font-semibold">New project</h2>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <InputField
          label="Project name"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          {...errors.field('name')}
          containerClassName="sm:flex-1"
        />
        <InputField
          label="Description (optional)"
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          {...errors.field('description')}
          containerClassName="sm:flex-[2]"
        />
        <Button type="submit" loading={createProject.isPending} disabled={!name.trim()} className="sm:mt-[1.625rem]">
          Create project
        </Button>
      </form>
      {errors.form && <Alert className="mt-3">{errors.form}</Alert>}
    </Card>
  );
}
