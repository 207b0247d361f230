import { ChangePasswordForm } from '@/features/account/components/change-password-form';
import { ProfileForm } from '@/features/account/components/profile-form';
import { SessionsList } from '@/features/account/components/sessions-list';
import { useDocumentTitle } from '@/lib/use-document-title';

/** /account: profile, password, and where the account is signed in. */
export function AccountRoute() {
  useDocumentTitle('Account');
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-10 px-4 py-6">
      <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
      <ProfileForm />
      <ChangePasswordForm />
      <SessionsList />
    </div>
  );
}
