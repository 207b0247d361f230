import { useState, type FormEvent } from 'react';
import { AssignableRole, DEFAULT_MEMBER_ROLE } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { InputField, SelectField } from '@/components/ui/field';
import { ROLE_LABEL } from '@/components/ui/role-badge';
import { isApiError } from '@/lib/api-error';
import { useFormErrors, type FormErrorMessage } from '@/lib/use-form-errors';
import { useAddMember } from '../api/add-member';

// The default first, then the others in the contracts' order.
const ROLES = [DEFAULT_MEMBER_ROLE, ...AssignableRole.options.filter((role) => role !== DEFAULT_MEMBER_ROLE)];

function explainError(error: unknown, email: string): FormErrorMessage<'email'> | undefined {
  if (isApiError(error, ErrorCode.userNotFound)) {
    return { field: 'email', message: `No TaskFlow account uses ${email}. Ask them to sign up first.` };
  }
  if (isApiError(error, ErrorCode.alreadyMember)) {
    return { field: 'email', message: `${email} is already a member of this project.` };
  }
  if (isApiError(error) && error.status === 404) return { form: 'You cannot add members to this project.' };
  return undefined;
}

export function AddMemberForm({ projectId }: { projectId: string }) {
  const addMember = useAddMember(projectId);
  const [email, setEmail] = useState('');
  const [submittedEmail, setSubmittedEmail] = useState('');
  const [role, setRole] = useState<AssignableRole>(DEFAULT_MEMBER_ROLE);
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

  const errors = useFormErrors(addMember.error, {
    fields: ['email', 'role'],
    explain: (error) => explainError(error, submittedEmail),
  });

  return (
    <Card className="p-4">
      <h2 className="mb-3 text-base font-semibold">Add a member</h2>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <InputField
          label="Email"
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          {...errors.field('email')}
          containerClassName="sm:flex-1"
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(e) => setRole(AssignableRole.parse(e.target.value))}
          {...errors.field('role')}
          containerClassName="sm:w-36"
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {ROLE_LABEL[value]}
            </option>
          ))}
        </SelectField>
        <Button type="submit" loading={addMember.isPending} disabled={!email.trim()} className="sm:mt-[1.625rem]">
          Add member
        </Button>
      </form>
      {errors.form && <Alert className="mt-3">{errors.form}</Alert>}
      {added && (
        <Alert tone="info" className="mt-3">
          {added}
        </Alert>
      )}
    </Card>
  );
}
