import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ErrorCode } from '@taskflow/contracts/errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { InputField } from '@/components/ui/field';
import { ApiError, errorMessage, isApiError } from '@/lib/api-error';
import { useLogin } from '../api/login';
import { safeRedirect } from './require-auth';

export function LoginForm() {
  const loginMutation = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    loginMutation.mutate(
      { email, password },
      { onSuccess: () => void navigate(safeRedirect(location.search), { replace: true }) },
    );
  };

  const error = loginMutation.error;
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const formError =
    error && Object.keys(fields).length === 0
      ? isApiError(error, ErrorCode.invalidCredentials)
        ? 'Wrong email or password.'
        : errorMessage(error)
      : null;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <Alert>{formError}</Alert>}
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
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fields.password}
      />
      <Button type="submit" loading={loginMutation.isPending} className="mt-1 w-full">
        Log in
      </Button>
    </form>
  );
}
