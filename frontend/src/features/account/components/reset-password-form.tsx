import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { InputField } from '@/components/ui/field';
import { useFormErrors } from '@/lib/use-form-errors';
import { useConfirmPasswordReset } from '../api/password';

const linkClass = 'font-medium text-indigo-600 hover:underline dark:text-indigo-400';

/** A new password for the account of the emailed link's token; then every session of it is signed out. */
export function ResetPasswordForm({ token }: { token: string }) {
  const confirm = useConfirmPasswordReset();
  const [newPassword, setNewPassword] = useState('');
  const errors = useFormErrors(confirm.error, { fields: ['token', 'newPassword'] });

  if (!token || errors.fields.token) {
    return (
      <Alert>
        This reset link is not valid, or it has expired or been used.{' '}
        <Link to="/forgot-password" className={linkClass}>
          Ask for a new one
        </Link>
        .
      </Alert>
    );
  }
  if (confirm.isSuccess) {
    return (
      <Alert tone="info">
        Your password is set, and every browser that was signed in to your account is signed out.{' '}
        <Link to="/login" className={linkClass}>
          Log in
        </Link>{' '}
        with the new password.
      </Alert>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate({ token, newPassword });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.form && <Alert>{errors.form}</Alert>}
      <InputField
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters; a few unrelated words work well."
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        {...errors.field('newPassword')}
      />
      <Button type="submit" loading={confirm.isPending} className="w-full">
        Set new password
      </Button>
    </form>
  );
}
