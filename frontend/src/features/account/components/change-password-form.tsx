import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { InputField } from '@/components/ui/field';
import { useFormErrors } from '@/lib/use-form-errors';
import { useChangePassword } from '../api/password';

/** Current and new password; on success every other browser signed in to the account is signed out. */
export function ChangePasswordForm() {
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const errors = useFormErrors(change.error, { fields: ['currentPassword', 'newPassword'] });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-labelledby="change-password-heading">
      <h2 id="change-password-heading" className="text-lg font-semibold">
        Change password
      </h2>
      {errors.form && <Alert>{errors.form}</Alert>}
      {change.isSuccess && (
        <Alert tone="info">
          Your password is changed. Every other browser signed in to your account was signed out.
        </Alert>
      )}
      <InputField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        {...errors.field('currentPassword')}
      />
      <InputField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters; a few unrelated words work well."
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        {...errors.field('newPassword')}
      />
      <Button type="submit" loading={change.isPending} className="self-start">
        Change password
      </Button>
    </form>
  );
}
