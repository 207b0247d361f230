import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { InputField } from '@/components/ui/field';
import { useFormErrors } from '@/lib/use-form-errors';
import { useRequestPasswordReset } from '../api/password';

/** The email to send a reset link to; the answer never says whether the address has an account. */
export function ForgotPasswordForm() {
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const errors = useFormErrors(request.error, { fields: ['email'] });

  if (request.isSuccess) {
    return (
      <Alert tone="info">
        If {email} has a TaskFlow account, an email with a link to choose a new password is on its way. The link works
        once, for 30 minutes.
      </Alert>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ email });
  };
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
      <Button type="submit" loading={request.isPending} className="w-full">
        Email me a reset link
      </Button>
    </form>
  );
}
