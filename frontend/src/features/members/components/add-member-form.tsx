import { useState, type FormEvent } from 'react';
import { ErrorCode } from '@taskflow/contracts/errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { InputField, SelectField } from '@/components/ui/field';
import { ApiError, errorMessage, isApiError } from '@/lib/api-error';
import { useAddMember } from '../api/add-member';

type Role = 'admin' | 'member';

function describeError(error: unknown, email: string): { field?: string; form?: string } {
  if (isApiError(error, ErrorCode.userNotFound)) {
    return { field: `No TaskFlow account uses ${email}. Ask them to sign up first.` };
  }
  if (isApiError(error, ErrorCode.alreadyMember)) return { field: `${email} is already a member of this project.` };
  if (error instanceof ApiError && error.fieldErrors().email) return { field: error.fieldErrors().email };
  if (error instanceof ApiError && error.status === 404) return { form: 'You cannot add members to this project.' };
  return { form: errorMessage(error) };
}

export function AddMemberForm({ projectId }: { projectId: string }) {
  const addMember = useAddMember(projectId);
  const [email, setEmail] = useState('');
  const [submittedEmail, setSubmittedEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [added, setAdded] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = email.trim();
    setSubmittedEmail(trimmed);
    setAdded(null);
    addMember.mutate(
      { email: trimmed, role },
      {
        onSuccess: (member) => {
          setEmail('');
          setAdded(`${member.name} was added as ${member.role}.`);
        },
      },
    );
  };

  const problem = addMember.error ? describeError(addMember.error, submittedEmail) : {};

  return (
    <Card className="p-4">
      <h2 className="mb-3 text-base font-semibold">Add a member</h2>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <InputField
          label="Email"
          type="email"
          name="email"
          autoComplete="off"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problem.field}
          containerClassName="sm:flex-1"
        />
        <SelectField
          label="Role"
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          containerClassName="sm:w-36"
        >
          <option value="member">Member</option>
          <option value="admin">Admin</option>
        </SelectField>
        <Button type="submit" loading={addMember.isPending} disabled={!email.trim()} className="sm:mt-[1.625rem]">
          Add member
        </Button>
      </form>
      {problem.form && <Alert className="mt-3">{problem.form}</Alert>}
      {added && (
        <Alert tone="info" className="mt-3">
          {added}
        </Alert>
      )}
    </Card>
  );
}
