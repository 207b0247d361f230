import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorCode } from '@taskflow/contracts/errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { InputField } from '@/components/ui/field';
import { ApiError, errorMessage, isApiError } from '@/lib/api-error';
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

  const error = registerMutation.error;
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  if (isApiError(error, ErrorCode.emailTaken)) fields.email = 'An account with this email already exists.';
  const formError = error && Object.keys(fields).length === 0 ? errorMessage(error) : null;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <Alert>{formError}</Alert>}
      <InputField
        label="Name"
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fields.name}
      />
      <InputField
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fields.email}
      />
      <InputField
        label="Password"
        type="password"
        name="password"
        autoComplete="new-password"
        required
        minLength={8}
        maxLength={128}
        hint="At least 8 characters."
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fields.password}
      />
      <Button type="submit" loading={registerMutation.isPending} className="mt-1 w-full">
        Create account
      </Button>
    </form>
  );
}
