import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorCode } from '@taskflow/contracts/errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { InputField } from '@/components/ui/field';
import { isApiError } from '@/lib/api-error';
import { useFormErrors } from '@/lib/use-form-errors';
import { useRegister } from '../api/register';

function browserTimezone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export function RegisterForm() {
  const registerMutation = useRegister();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    registerMutation.mutate(
      { name, email, password, timezone: browserTimezone() },
      { onSuccess: () => void navigate('/projects', { replace: true }) },
    );
  };

  const errors = useFormErrors(registerMutation.error, {
    fields: ['name', 'email', 'password'],
    explain: (error) =>
      isApiError(error, ErrorCode.emailTaken)
        ? { field: 'email', message: 'An account with this email already exists.' }
        : undefined,
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.form && <Alert>{errors.form}</Alert>}
      <InputField
        label="Name"
        autoComplete="name"
        required
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...errors.field('name')}
      />
      <InputField
        label="Email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        {...errors.field('email')}
      />
      <InputField
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        maxLength={128}
        hint="At least 8 characters."
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        {...errors.field('password')}
      />
      <Button type="submit" loading={registerMutation.isPending} className="mt-1 w-full">
        Create account
      </Button>
    </form>
  );
}
