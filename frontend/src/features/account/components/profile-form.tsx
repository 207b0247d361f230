import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { InputField } from '@/components/ui/field';
import { getSession } from '@/lib/auth-session';
import { useFormErrors } from '@/lib/use-form-errors';
import { useUpdateProfile } from '../api/profile';

/** Name and time zone (reminders and the daily digest follow the time zone). */
export function ProfileForm() {
  const user = getSession()?.user;
  const update = useUpdateProfile();
  const [name, setName] = useState(user?.name ?? '');
  const [timezone, setTimezone] = useState(user?.timezone ?? 'UTC');
  const errors = useFormErrors(update.error, { fields: ['name', 'timezone'] });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name, timezone });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-labelledby="profile-heading">
      <h2 id="profile-heading" className="text-lg font-semibold">
        Profile
      </h2>
      {errors.form && <Alert>{errors.form}</Alert>}
      {update.isSuccess && <Alert tone="info">Saved.</Alert>}
      <p className="text-sm text-gray-600 dark:text-gray-400">{user?.email}</p>
      <InputField label="Name" value={name} onChange={(e) => setName(e.target.value)} {...errors.field('name')} />
      <InputField
        label="Time zone"
        hint="An IANA name such as Europe/Berlin; reminders and the daily digest follow it."
        value={timezone}
        onChange={(e) => setTimezone(e.target.value)}
        {...errors.field('timezone')}
      />
      <Button type="submit" loading={update.isPending} className="self-start">
        Save profile
      </Button>
    </form>
  );
}
