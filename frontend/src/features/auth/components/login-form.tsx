import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ErrorCode } from '@taskflow/contracts/errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { InputField } from '@/components/ui/field';
import { isApiError } from '@/lib/api-error';
import { useFormErrors } from '@/lib/use-form-errors';
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

  const errors = useFormErrors(loginMutation.error, {
    fields: ['email', 'password'],
    explain: (error) =>
      isApiError(error, ErrorCode.invalidCredentials) ? { form: 'Wrong email or password.' } : undefined,
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.form && <Alert>{errors.form}</Alert>}
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
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        {...errors.field('password')}
      />
      <Button type="submit" loading={loginMutation.isPending} className="mt-1 w-full">
        Log in
      </Button>
    </form>
  );
}
